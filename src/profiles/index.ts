/** The profiles module's public surface: discovery and resolution. */
export { readProfileCatalog } from './catalog.ts';
export { resolveProfileContext, ProfileResolutionError, DEFAULT_REGION } from './resolve.ts';
export type { ProfileResolutionReason } from './errors.ts';
export { locateProfileFiles } from './file-locations.ts';
export { planCredentialChain, type ChainPlan, type ChainStep } from './credential-plan.ts';
export { ssoCacheFile } from './sso-token.ts';
export { loadProfileFiles, type ProfileFilesInput } from './load-files.ts';
export type * from './types.ts';
