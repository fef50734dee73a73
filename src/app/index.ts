export { appContextFrom } from './context.ts';
export type { AppContext, AppContextInput } from './context.ts';
export {
  annotateProfile,
  discoverProfiles,
  listProfiles,
  setProfilesEnabled,
  showProfile,
} from './profiles.ts';
export { testProfileAccess } from './test-access.ts';
export { requireExistingStore } from './store-access.ts';
export { refreshEstate } from './refresh.ts';
export type {
  RefreshOptions,
  RefreshProgress,
  RefreshResult,
  RefreshedProfile,
} from './refresh.ts';
export { getDiagnostics, getOverview, getResourceCounts, listResources } from './estate.ts';
export type * from './views.ts';
