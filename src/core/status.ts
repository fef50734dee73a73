/** Where a profile is in its life in Escher (product.md, "Lifecycle state"). */
export type LifecycleState = 'Discovered' | 'Enabled' | 'Active' | 'Disabled' | 'Missing';

/** What the last Test Access or scan found; `UNTESTED` until one has run. */
export type AccessStatus = 'OK' | 'PARTIAL' | 'ERROR' | 'DISCONNECTED' | 'UNTESTED';

/** How one domain of one profile ended a scan. */
export type DomainStatus = 'OK' | 'PARTIAL' | 'ERROR' | 'NOT ENABLED';

/** The kinds of failure a diagnostic can name (product.md, "Diagnostics"). */
export type FailureKind =
  | 'missing-permission'
  | 'explicit-deny'
  | 'service-not-enabled'
  | 'region-not-enabled'
  | 'throttled'
  | 'service-error'
  | 'not-implemented'
  | 'auth-failed'
  | 'network';
