export { openStore, openStoreAt, inTransaction, STORE_FILE } from './database.ts';
export type { Store, StoreOptions } from './database.ts';
export {
  StoreUnusableError,
  checkStoreIntegrity,
  isDamagedDatabaseError,
  damaged,
} from './store-file.ts';
export type { StoreUnusableReason } from './store-file.ts';
export { SCHEMA_VERSION, StoreTooNewError, readSchemaVersion } from './migrations.ts';
export { nextLifecycle, LifecycleError } from './lifecycle.ts';
export type { LifecycleEvent, LifecyclePosition } from './lifecycle.ts';
export * from './profiles.ts';
export * from './versions.ts';
export { PendingVersion } from './pending-version.ts';
export type { VersionPlan, ProfileScanOutcome } from './pending-version.ts';
export { listChanges, countChanges } from './diff.ts';
export type { ChangeCounts, ChangeKind, ResourceChange } from './diff.ts';
export * from './estate-queries.ts';
export { redactSecrets } from './redact.ts';
export { StoredValueError } from './json.ts';
