export { testAccess, failedReport, type TestAccessOptions } from './test-access.ts';
export { testProfileByName, type TestProfileOptions } from './test-profile.ts';
export { renderTestAccess } from './render.ts';
export { accessStatusOf } from './summarise.ts';
export { resolutionFailure, type ProfileFacts } from './auth-failure.ts';
export type * from './types.ts';
