import { CliError, EXIT_USAGE } from '../cli/cli-error.ts';
import { DOMAINS } from '../core/domains.ts';
import { ACCOUNT_SETTING_TYPES } from '../scan/resource-types.ts';
import type { EstateVersion, ResourceFilter, Store, StoredProfile } from '../store/index.ts';
import {
  countResources,
  countResourcesBy,
  coverageOf,
  currentVersion,
  failuresOf,
  listStoredProfiles,
  profileRecordOf,
  queryResources,
} from '../store/index.ts';
import type { AppContext } from './context.ts';
import { requireProfile } from './profiles.ts';
import { withStore } from './store-access.ts';
import { actionsToAdd, untriedActions } from '../aws/untried-actions.ts';
import type {
  DiagnosticsView,
  DomainLine,
  OverviewProfile,
  OverviewView,
  ResourceCounts,
  ResourcePage,
  ResourceQuery,
  VersionView,
} from './views.ts';

export function versionView(version: EstateVersion): VersionView {
  return {
    id: version.id,
    takenAt: version.completedAt ?? version.startedAt,
    ...(version.changes ? { changes: version.changes } : {}),
  };
}

/** Estate → Overview: the current version's coverage for every enabled profile. */
export function getOverview(app: AppContext): OverviewView {
  return withStore(app, (store) => {
    const version = currentVersion(store);
    const enabled = enabledProfiles(store);
    return {
      ...(version ? { version: versionView(version) } : {}),
      profiles: enabled.map((profile) => overviewOf(store, version, profile)),
      resourceTotal: version ? countResources(store, version.id, estateFilter(enabled)) : 0,
    };
  });
}

function enabledProfiles(store: Store): StoredProfile[] {
  return listStoredProfiles(store).filter(
    (profile) => profile.lifecycle === 'Enabled' || profile.lifecycle === 'Active',
  );
}

/** The estate is what enabled profiles see; a version also keeps what disabled ones last saw. */
function enabledFilter(enabled: readonly StoredProfile[]): { observedByAny: string[] } {
  return { observedByAny: enabled.map((profile) => profile.name) };
}

/** What the estate's totals and charts count: enabled profiles' resources, not settings. */
function estateFilter(enabled: readonly StoredProfile[]): ResourceFilter {
  return { ...enabledFilter(enabled), excludeTypes: ACCOUNT_SETTING_TYPES };
}

function overviewOf(
  store: Store,
  version: EstateVersion | undefined,
  profile: StoredProfile,
): OverviewProfile {
  const record = version ? profileRecordOf(store, version.id, profile.name) : undefined;
  const base = {
    name: profile.name,
    lifecycle: profile.lifecycle,
    accessStatus: profile.accessStatus,
  };
  if (!version || !record) {
    return {
      ...base,
      ...(profile.accountId !== undefined ? { accountId: profile.accountId } : {}),
      scanned: false,
      carried: false,
      domains: [],
      failedCalls: 0,
    };
  }
  const coverage = coverageOf(store, version.id, profile.name);
  const domains: DomainLine[] = DOMAINS.map((domain) => {
    const found = coverage.find((entry) => entry.domain === domain.id);
    return {
      domain: domain.id,
      label: domain.label,
      status: found?.status ?? 'ERROR',
      detail: found?.detail ?? 'not read: the scan reported nothing for this domain',
      counts: found?.counts ?? {},
    };
  });
  const accountId = record.accountId ?? profile.accountId;
  return {
    ...base,
    ...(accountId !== undefined ? { accountId } : {}),
    scanned: true,
    carried: !record.scanned,
    ...(record.scannedAt !== undefined ? { scannedAt: record.scannedAt } : {}),
    ...(record.error !== undefined ? { error: record.error } : {}),
    domains,
    failedCalls: failuresOf(store, version.id, profile.name).length,
  };
}

/** Profile Diagnostics: every call of the profile's last scan that failed. */
export function getDiagnostics(app: AppContext, name: string): DiagnosticsView {
  return withStore(app, (store) => {
    const profile = requireProfile(store, name);
    const version = currentVersion(store);
    const record = version ? profileRecordOf(store, version.id, name) : undefined;
    const accountId = record?.accountId ?? profile.accountId;
    const failures = version && record ? failuresOf(store, version.id, name) : [];
    return {
      profile: name,
      ...(accountId !== undefined ? { accountId } : {}),
      lifecycle: profile.lifecycle,
      accessStatus: profile.accessStatus,
      ...(profile.accessDetail !== undefined ? { accessDetail: profile.accessDetail } : {}),
      ...(version ? { version: versionView(version) } : {}),
      scanned: record !== undefined,
      carried: record !== undefined && !record.scanned,
      ...(record?.scannedAt !== undefined ? { scannedAt: record.scannedAt } : {}),
      ...(record?.error !== undefined ? { error: record.error } : {}),
      failures,
      actionsToAdd: actionsToAdd(failures),
      untriedActions: untriedActions(failures),
    };
  });
}

export const DEFAULT_PAGE = 100;
export const MAX_PAGE = 5000;

/** The current version's resources, filtered and paged, in a stable order. */
export function listResources(app: AppContext, query: ResourceQuery = {}): ResourcePage {
  const offset = query.offset ?? 0;
  const limit = query.limit ?? DEFAULT_PAGE;
  if (!Number.isInteger(offset) || offset < 0) {
    throw new CliError(`offset must be a whole number of 0 or more, got ${offset}`, EXIT_USAGE);
  }
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE) {
    throw new CliError(`limit must be between 1 and ${MAX_PAGE}, got ${limit}`, EXIT_USAGE);
  }
  return withStore(app, (store) => {
    if (query.profile !== undefined) requireProfile(store, query.profile);
    const version = currentVersion(store);
    if (!version) return { total: 0, offset, limit, items: [] };
    // A profile named outright shows what it last saw, enabled or not.
    // An account's settings are listed when asked for by type, so that every total agrees.
    const filter = {
      ...(query.type !== undefined
        ? { type: query.type }
        : { excludeTypes: ACCOUNT_SETTING_TYPES }),
      ...(query.profile !== undefined
        ? { profile: query.profile }
        : enabledFilter(enabledProfiles(store))),
      ...(query.search !== undefined ? { search: query.search } : {}),
    };
    return {
      version: versionView(version),
      total: countResources(store, version.id, filter),
      offset,
      limit,
      items: queryResources(store, version.id, filter, { offset, limit }),
    };
  });
}

/** The current version's resources counted by type, domain and region, in SQL. */
export function getResourceCounts(app: AppContext): ResourceCounts {
  return withStore(app, (store) => {
    const version = currentVersion(store);
    if (!version) return { byType: [], byDomain: [], byRegion: [] };
    const enabled = enabledProfiles(store);
    const estate = estateFilter(enabled);
    return {
      version: versionView(version),
      // Every type, settings too, for the Resources screen's filter; the charts count estate.
      byType: countResourcesBy(store, version.id, 'type', enabledFilter(enabled)),
      byDomain: countResourcesBy(store, version.id, 'domain', estate),
      byRegion: countResourcesBy(store, version.id, 'region', estate),
    };
  });
}
