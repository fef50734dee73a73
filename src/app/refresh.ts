import { profileArgument } from '../core/shell-words.ts';
import { DOMAINS } from '../core/domains.ts';
import type { AccessStatus } from '../core/status.ts';
import { CliError, EXIT_INTERRUPTED } from '../cli/cli-error.ts';
import { ProfileResolutionError } from '../profiles/errors.ts';
import type { ScanProgress } from '../scan/scan-types.ts';
import type { Store, StoredCoverage } from '../store/index.ts';
import {
  checkStoreIntegrity,
  coverageOf,
  inTransaction,
  listStoredProfiles,
  nextLifecycle,
  PendingVersion,
  recordAccess,
  setLifecycle,
} from '../store/index.ts';
import type { AppContext } from './context.ts';
import { requireProfile } from './profiles.ts';
import { asCliError, openAppStore } from './store-access.ts';
import { scanFailureText, withFix } from './scan-failure.ts';
import type { VersionView } from './views.ts';

export type RefreshProgress =
  | { readonly kind: 'profile-start'; readonly profile: string }
  | { readonly kind: 'scan'; readonly profile: string; readonly event: ScanProgress }
  | {
      readonly kind: 'profile-done';
      readonly profile: string;
      readonly accessStatus: AccessStatus;
      readonly error?: string;
    };

export interface RefreshOptions {
  /** Profiles to scan; all enabled profiles when absent or empty. */
  readonly profiles?: readonly string[];
  readonly onProgress?: (event: RefreshProgress) => void;
  readonly signal?: AbortSignal;
}

export interface RefreshedProfile {
  readonly name: string;
  readonly accountId?: string;
  readonly accessStatus: AccessStatus;
  readonly error?: string;
  readonly coverage: readonly StoredCoverage[];
}

export interface RefreshResult {
  readonly version: VersionView;
  readonly profiles: readonly RefreshedProfile[];
}

/** Profiles scanned at once; each one already runs its regions and domains concurrently. */
const PROFILE_CONCURRENCY = 3;

/**
 * Refresh Estate: scans the chosen enabled profiles into one new EstateView version, which
 * becomes current only when every profile has finished. A second refresh while one runs is
 * refused. Profiles are `Active` while scanned and `Enabled` again after, whatever happens.
 */
export async function refreshEstate(
  app: AppContext,
  options: RefreshOptions = {},
): Promise<RefreshResult> {
  const store = openAppStore(app);
  try {
    return await refreshWith(app, store, options);
  } catch (error) {
    throw asCliError(error, store.path);
  } finally {
    store.close();
  }
}

async function refreshWith(
  app: AppContext,
  store: Store,
  options: RefreshOptions,
): Promise<RefreshResult> {
  // A scan writes a whole new version: never into a file SQLite already finds damaged.
  checkStoreIntegrity(store);
  const targets = chooseTargets(store, options.profiles ?? []);
  // Every known profile not scanned now keeps its last observations, disabled ones too:
  // disabling a profile is not AWS deleting its resources, and re-enabling it loses nothing.
  // The estate's views show only what enabled profiles see.
  const carried = listStoredProfiles(store)
    .filter((profile) => !targets.includes(profile.name))
    .map((profile) => profile.name);
  let pending: PendingVersion;
  try {
    pending = PendingVersion.open(store, {
      scanned: targets,
      carried,
      onOpen: () => {
        for (const name of targets) setLifecycle(store, name, 'Active');
      },
    });
  } catch (error) {
    throw asCliError(error, store.path);
  }
  try {
    const outcomes = await scanAll(app, store, pending, targets, options);
    if (options.signal?.aborted) throw cancelled();
    const version = pending.commit();
    for (const outcome of outcomes) {
      recordAccess(store, outcome.name, {
        status: outcome.accessStatus,
        ...(outcome.error !== undefined ? { detail: outcome.error } : {}),
        ...(outcome.accountId !== undefined ? { accountId: outcome.accountId } : {}),
        connected: outcome.error === undefined,
        via: 'refresh',
      });
    }
    return {
      version: {
        id: version.id,
        takenAt: version.completedAt ?? version.startedAt,
        ...(version.changes ? { changes: version.changes } : {}),
      },
      profiles: outcomes.map((outcome) => ({
        ...outcome,
        coverage: coverageOf(store, version.id, outcome.name),
      })),
    };
  } catch (error) {
    pending.abandon();
    if (options.signal?.aborted) throw cancelled();
    throw error;
  } finally {
    inTransaction(store.db, () => {
      for (const name of targets) {
        const current = requireProfile(store, name);
        const next = nextLifecycle(name, { state: current.lifecycle }, 'scan-end');
        setLifecycle(store, name, next.state, current.previousLifecycle);
      }
    });
  }
}

function cancelled(): CliError {
  return new CliError(
    'the refresh was cancelled; the previous EstateView stays current',
    EXIT_INTERRUPTED,
  );
}

function chooseTargets(store: Store, named: readonly string[]): string[] {
  if (named.length === 0) {
    const known = listStoredProfiles(store);
    const enabled = known
      .filter((profile) => profile.lifecycle === 'Enabled')
      .map((profile) => profile.name);
    if (known.length === 0) {
      throw new CliError(
        'no profile is known yet: run `escher profiles discover` to read the AWS config files, ' +
          'then `escher profiles enable NAME`',
      );
    }
    if (enabled.length === 0) {
      const active = known.filter((profile) => profile.lifecycle === 'Active');
      if (active.length > 0) {
        const names = active.map((profile) => profile.name).join(', ');
        throw new CliError(`another refresh is scanning ${names}; wait for it to finish`);
      }
      throw new CliError(
        'no profile is enabled: run `escher profiles list`, then `escher profiles enable NAME`',
      );
    }
    return enabled;
  }
  const unique = [...new Set(named)];
  for (const name of unique) {
    const stored = requireProfile(store, name);
    if (stored.lifecycle === 'Active') {
      throw new CliError(`profile ${name} is being scanned by another refresh; wait for it`);
    }
    if (stored.lifecycle === 'Missing') {
      throw new CliError(
        `profile ${name} is Missing: its section is no longer in the AWS config or credentials ` +
          'files; restore it and run `escher profiles discover`',
      );
    }
    if (stored.lifecycle !== 'Enabled') {
      throw new CliError(
        `profile ${name} is ${stored.lifecycle}, not Enabled: ` +
          `run \`escher profiles enable ${profileArgument(name)}\` first`,
      );
    }
  }
  return unique;
}

interface ProfileOutcome {
  readonly name: string;
  readonly accountId?: string;
  readonly accessStatus: AccessStatus;
  readonly error?: string;
}

async function scanAll(
  app: AppContext,
  store: Store,
  pending: PendingVersion,
  targets: readonly string[],
  options: RefreshOptions,
): Promise<ProfileOutcome[]> {
  const outcomes: ProfileOutcome[] = [];
  const queue = [...targets];
  const worker = async (): Promise<void> => {
    for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
      if (options.signal?.aborted) return;
      options.onProgress?.({ kind: 'profile-start', profile: name });
      const outcome = await scanProfile(app, store, pending, name, options);
      outcomes.push(outcome);
      options.onProgress?.({
        kind: 'profile-done',
        profile: name,
        accessStatus: outcome.accessStatus,
        ...(outcome.error !== undefined ? { error: outcome.error } : {}),
      });
    }
  };
  await Promise.all(Array.from({ length: Math.min(PROFILE_CONCURRENCY, targets.length) }, worker));
  return targets.flatMap((name) => outcomes.filter((outcome) => outcome.name === name));
}

async function scanProfile(
  app: AppContext,
  store: Store,
  pending: PendingVersion,
  name: string,
  options: RefreshOptions,
): Promise<ProfileOutcome> {
  const stored = requireProfile(store, name);
  const reported = new Set<string>();
  try {
    // Loaded here, not at the top: the scanner pulls in every SDK client, and commands that
    // never scan (profiles list, overview) should not pay for that at start-up.
    const { resolveProfileContext } = await import('../profiles/resolve.ts');
    const { scanAccount } = await import('../scan/scan-account.ts');
    const ctx = await resolveProfileContext(name, { env: app.env, homeDir: app.homeDir });
    const result = await scanAccount(ctx, {
      sink: {
        resource: (record) => {
          pending.resource(name, record);
        },
        failure: (failure) => {
          pending.failure(name, failure);
        },
        coverage: (coverage) => {
          reported.add(coverage.domain);
          pending.coverage(name, coverage);
        },
      },
      ...(options.signal ? { signal: options.signal } : {}),
      credentialKind: stored.credentialKind,
      onProgress: (event) => options.onProgress?.({ kind: 'scan', profile: name, event }),
    });
    fillUnreported(pending, name, reported, 'the scan reported nothing for this domain');
    pending.profileDone(name, { accountId: result.accountId });
    const partial = coverageStatuses(store, pending, name).some(
      (status) => status === 'PARTIAL' || status === 'ERROR',
    );
    return { name, accountId: result.accountId, accessStatus: partial ? 'PARTIAL' : 'OK' };
  } catch (error) {
    if (options.signal?.aborted) throw error;
    const failure =
      error instanceof ProfileResolutionError
        ? withFix(error.message, error.fixCommand)
        : scanFailureText(error);
    fillUnreported(pending, name, reported, 'not read: sign-in failed');
    pending.profileDone(name, { error: failure });
    return {
      name,
      ...(stored.accountId !== undefined ? { accountId: stored.accountId } : {}),
      accessStatus: stored.everConnected ? 'DISCONNECTED' : 'ERROR',
      error: failure,
    };
  }
}

/** Honest coverage: a domain the scan never reported is ERROR, not silently missing. */
function fillUnreported(
  pending: PendingVersion,
  name: string,
  reported: ReadonlySet<string>,
  detail: string,
): void {
  for (const domain of DOMAINS) {
    if (reported.has(domain.id)) continue;
    pending.coverage(name, { domain: domain.id, status: 'ERROR', detail, counts: {} });
  }
}

function coverageStatuses(store: Store, pending: PendingVersion, name: string): string[] {
  pending.flush();
  return coverageOf(store, pending.id, name).map((coverage) => coverage.status);
}
