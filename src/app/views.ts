import type { DomainId } from '../core/domains.ts';
import type { AccessStatus, DomainStatus, LifecycleState } from '../core/status.ts';
import type {
  CredentialKind,
  ProfileFileInfo,
  ProfileSetting,
  ProfileWarning,
} from '../profiles/types.ts';
import type { EstateVersion, StoredFailure, StoredResource } from '../store/index.ts';

/** A profile as the CLI and the dashboard show it. Holds no secret. */
export interface ProfileView {
  readonly name: string;
  readonly provider: 'AWS';
  readonly accountId?: string;
  readonly region?: string;
  readonly credentialKind: CredentialKind;
  readonly source: { readonly file: string; readonly section: string; readonly line: number };
  readonly endpointUrl?: string;
  readonly lifecycle: LifecycleState;
  /** For a Missing profile: the state it gets back when its section returns. */
  readonly returnsAs?: LifecycleState;
  readonly accessStatus: AccessStatus;
  /** Why the access status is what it is, when it is not OK. */
  readonly accessDetail?: string;
  readonly note?: string;
  readonly lastTested?: string;
  readonly lastRefreshed?: string;
  readonly warnings: readonly ProfileWarning[];
}

/** `escher profiles show`: the stored profile, and each setting as the files hold it now. */
export interface ProfileDetailView extends ProfileView {
  /**
   * Every setting of the profile's sections with file and line, read from the files at the
   * moment of asking; secrets without their values, a `credential_process` without its
   * arguments. Empty when the section is gone (`Missing`).
   */
  readonly settings: readonly ProfileSetting[];
  /** Endpoints by service key from the profile's `[services]` section, read with the settings. */
  readonly serviceEndpoints: Readonly<Record<string, string>>;
}

export interface DiscoverResult {
  /** New profiles, now `Discovered`. */
  readonly added: readonly string[];
  /** Profiles whose section is gone, now `Missing` (kept, not deleted). */
  readonly missing: readonly string[];
  /** Missing profiles whose section is back, in their earlier state again. */
  readonly returned: readonly string[];
  readonly unchanged: readonly string[];
  /** A file could not be read: stored profiles were left exactly as they were. */
  readonly incomplete: boolean;
  /** Every warning of the files, with file and line. */
  readonly warnings: readonly ProfileWarning[];
  readonly files: readonly ProfileFileInfo[];
  readonly profiles: readonly ProfileView[];
}

/** The EstateView version a view is drawn from. */
export interface VersionView {
  readonly id: number;
  /** ISO time the version became complete. */
  readonly takenAt: string;
  /** Absent for the first version. */
  readonly changes?: EstateVersion['changes'];
}

export interface DomainLine {
  readonly domain: DomainId;
  readonly label: string;
  readonly status: DomainStatus;
  readonly detail: string;
  readonly counts: Readonly<Record<string, number>>;
}

export interface OverviewProfile {
  readonly name: string;
  readonly accountId?: string;
  readonly lifecycle: LifecycleState;
  readonly accessStatus: AccessStatus;
  /** False when the current version holds nothing from this profile. */
  readonly scanned: boolean;
  /** The current version's refresh did not scan it: its lines are from its last scan. */
  readonly carried: boolean;
  readonly scannedAt?: string;
  /** Why nothing could be read, when authentication failed. */
  readonly error?: string;
  /** The 13 domains in product.md's order; empty when not scanned. */
  readonly domains: readonly DomainLine[];
  readonly failedCalls: number;
}

export interface OverviewView {
  readonly version?: VersionView;
  readonly profiles: readonly OverviewProfile[];
  readonly resourceTotal: number;
}

export interface DiagnosticsView {
  readonly profile: string;
  readonly accountId?: string;
  readonly lifecycle: LifecycleState;
  readonly accessStatus: AccessStatus;
  readonly accessDetail?: string;
  readonly version?: VersionView;
  readonly scanned: boolean;
  /**
   * The current version did not scan this profile (it was disabled, or not named): what is
   * shown is from its last scan, at `scannedAt`.
   */
  readonly carried: boolean;
  readonly scannedAt?: string;
  /** Authentication failure of the last scan, when nothing could be read. */
  readonly error?: string;
  readonly failures: readonly StoredFailure[];
  /** The actions a missing permission explains, once each: what to add to the policy. */
  readonly actionsToAdd: readonly string[];
  /** Actions not tried because the list they follow was denied: to add as well. */
  readonly untriedActions: readonly string[];
}

export interface ResourceQuery {
  readonly type?: string;
  readonly profile?: string;
  readonly search?: string;
  readonly offset?: number;
  readonly limit?: number;
}

export interface ResourcePage {
  readonly version?: VersionView;
  readonly total: number;
  readonly offset: number;
  readonly limit: number;
  readonly items: readonly StoredResource[];
}

export interface CountRow {
  readonly key: string;
  readonly count: number;
}

export interface ResourceCounts {
  readonly version?: VersionView;
  /** Sorted by key; domains are domain ids (`ec2`), regions include `global`. */
  readonly byType: readonly CountRow[];
  readonly byDomain: readonly CountRow[];
  readonly byRegion: readonly CountRow[];
}
