import { CliError, EXIT_USAGE } from '../cli/cli-error.ts';
import { readProfileCatalog } from '../profiles/catalog.ts';
import { commandProgram } from '../profiles/command-program.ts';
import { hasControlCharacter, hasInvisibleCharacter, visible } from '../profiles/value-checks.ts';
import type {
  DiscoveredProfile,
  ProfileCatalog,
  ProfileSetting,
  ProfileWarning,
} from '../profiles/types.ts';
import type { ProfileFacts, Store, StoredProfile } from '../store/index.ts';
import {
  getStoredProfile,
  inTransaction,
  insertProfile,
  listStoredProfiles,
  nextLifecycle,
  setLifecycle,
  setNote,
  updateProfileFacts,
} from '../store/index.ts';
import type { AppContext } from './context.ts';
import { toProfileView } from './profile-view.ts';
import { storeExists, unknownProfile, withStore } from './store-access.ts';
import type { DiscoverResult, ProfileDetailView, ProfileView } from './views.ts';

/**
 * Discover Profiles: reads the AWS files, adds new profiles as `Discovered`, marks profiles
 * whose section is gone `Missing`, gives returning ones their earlier state. Deletes nothing.
 * The files are read before the store is touched, so a file that cannot be read changes
 * nothing stored.
 */
export async function discoverProfiles(app: AppContext): Promise<DiscoverResult> {
  const catalog = await readCatalog(app);
  return withStore(app, (store) => {
    const outcome = inTransaction(store.db, () => applyCatalog(store, catalog));
    return {
      ...outcome,
      warnings: catalog.warnings,
      files: catalog.files,
      profiles: listStoredProfiles(store).map(toProfileView),
    };
  });
}

/**
 * Warnings that mean a file was not read as the user meant: it cannot be read, a variable
 * names a file that is not there (a typo in AWS_CONFIG_FILE), or it is not a profile file at
 * all. The profiles it held are then unknown, not gone.
 */
const PARTIAL_VIEW_WARNINGS: ReadonlySet<string> = new Set([
  'file-unreadable',
  'file-not-found',
  'not-a-profile-file',
]);

async function readCatalog(app: AppContext): Promise<ProfileCatalog> {
  try {
    return await readProfileCatalog({ env: app.env, homeDir: app.homeDir });
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new CliError(
      `cannot read the AWS config and credentials files: ${detail}. ` +
        'Nothing stored was changed; fix the file and run `escher profiles discover` again',
    );
  }
}

function applyCatalog(
  store: Store,
  catalog: ProfileCatalog,
): Pick<DiscoverResult, 'added' | 'missing' | 'returned' | 'unchanged' | 'incomplete'> {
  const added: string[] = [];
  const returned: string[] = [];
  const unchanged: string[] = [];
  const found = new Set<string>();
  // A file not read as meant gives a partial view: what is stored is kept as it is (no profile
  // turns Missing, no setting is forgotten) and only new profiles are added.
  const partialView = catalog.warnings.some((warning) => PARTIAL_VIEW_WARNINGS.has(warning.code));
  for (const profile of catalog.profiles) {
    found.add(profile.name);
    const facts = factsOf(profile, catalog.warnings);
    const existing = getStoredProfile(store, profile.name);
    if (!existing) {
      insertProfile(store, facts);
      added.push(profile.name);
      continue;
    }
    if (partialView) {
      unchanged.push(profile.name);
      continue;
    }
    updateProfileFacts(store, facts);
    if (existing.lifecycle === 'Missing') {
      const next = nextLifecycle(profile.name, positionOf(existing), 'section-back');
      setLifecycle(store, profile.name, next.state);
      returned.push(profile.name);
    } else {
      unchanged.push(profile.name);
    }
  }

  const missing: string[] = [];
  for (const stored of listStoredProfiles(store)) {
    if (found.has(stored.name) || stored.lifecycle === 'Missing') continue;
    if (partialView) {
      unchanged.push(stored.name);
      continue;
    }
    const next = nextLifecycle(stored.name, positionOf(stored), 'section-gone');
    setLifecycle(store, stored.name, next.state, next.previous);
    missing.push(stored.name);
  }
  return { added, missing, returned, unchanged, incomplete: partialView };
}

function factsOf(profile: DiscoveredProfile, warnings: readonly ProfileWarning[]): ProfileFacts {
  return {
    name: profile.name,
    ...(profile.accountId !== undefined ? { accountId: profile.accountId } : {}),
    ...(profile.region !== undefined ? { region: profile.region } : {}),
    credentialKind: profile.credentialKind,
    source: profile.source,
    ...(profile.endpointUrl !== undefined ? { endpointUrl: profile.endpointUrl } : {}),
    warnings: warnings.filter((warning) => warning.profile === profile.name),
  };
}

function positionOf(stored: StoredProfile): { state: StoredProfile['lifecycle'] } & {
  previous?: StoredProfile['lifecycle'];
} {
  return {
    state: stored.lifecycle,
    ...(stored.previousLifecycle ? { previous: stored.previousLifecycle } : {}),
  };
}

/**
 * The known profiles. Before the first discover there are none: the list is empty and, as
 * listing only reads, no Escher home is made for it.
 */
export function listProfiles(app: AppContext): ProfileView[] {
  if (!storeExists(app)) return [];
  return withStore(app, (store) => listStoredProfiles(store).map(toProfileView));
}

export async function showProfile(app: AppContext, name: string): Promise<ProfileDetailView> {
  const view = withStore(app, (store) => toProfileView(requireProfile(store, name)));
  const catalog = await readCatalog(app);
  const found = catalog.profiles.find((profile) => profile.name === name);
  return {
    ...view,
    settings: (found?.settings ?? []).map(shownSetting),
    serviceEndpoints: found?.serviceEndpoints ?? {},
  };
}

/**
 * A `credential_process` command line may carry a token or a password in its arguments: only
 * the program is shown.
 */
function shownSetting(setting: ProfileSetting): ProfileSetting {
  if (setting.name !== 'credential_process' || setting.value === undefined) return setting;
  const program = commandProgram(setting.value);
  const hidden = setting.value.trim() === program ? '' : ' …';
  return { ...setting, value: `${program}${hidden}` };
}

/** The stored profile, or the CliError that names it and says how to discover profiles. */
export function requireProfile(store: Store, name: string): StoredProfile {
  const stored = getStoredProfile(store, name);
  if (stored) return stored;
  throw unknownProfile(
    name,
    listStoredProfiles(store).map((profile) => profile.name),
  );
}

/**
 * Enables or disables profiles, all or none: an unknown or Missing name changes nothing.
 */
export function setProfilesEnabled(
  app: AppContext,
  names: readonly string[],
  enabled: boolean,
): ProfileView[] {
  if (names.length === 0) throw new CliError('name at least one profile');
  return withStore(app, (store) =>
    inTransaction(store.db, () =>
      names.map((name) => {
        const stored = requireProfile(store, name);
        const next = nextLifecycle(name, positionOf(stored), enabled ? 'enable' : 'disable');
        setLifecycle(store, name, next.state, next.previous);
        return toProfileView(requireProfile(store, name));
      }),
    ),
  );
}

/** Attaches a local note; an empty note removes it. */
export function annotateProfile(app: AppContext, name: string, note: string): ProfileView {
  const trimmed = note.trim();
  if (trimmed.length > 500) {
    throw new CliError(
      `the note for ${name} is ${trimmed.length} characters; keep it under 500`,
      EXIT_USAGE,
    );
  }
  // A note is one line of a table: a line break would draw a row of its own.
  if (hasControlCharacter(trimmed) || hasInvisibleCharacter(trimmed) || /[\n\t]/.test(trimmed)) {
    throw new CliError(
      `the note for ${name} holds a line break, a control or an invisible character (${visible(trimmed)}); ` +
        'write it as one line of plain text',
      EXIT_USAGE,
    );
  }
  return withStore(app, (store) => {
    requireProfile(store, name);
    setNote(store, name, trimmed === '' ? undefined : trimmed);
    return toProfileView(requireProfile(store, name));
  });
}
