import type { AccessStatus, LifecycleState } from '../core/status.ts';
import type { CredentialKind, ProfileWarning } from '../profiles/types.ts';
import type { Store } from './database.ts';
import { canonicalJson, readStoredJson } from './json.ts';
import { redactSecrets } from './redact.ts';

/** A profile as the store keeps it. No credential of any kind has a column here. */
export interface StoredProfile {
  readonly name: string;
  readonly lifecycle: LifecycleState;
  readonly previousLifecycle?: LifecycleState;
  readonly accessStatus: AccessStatus;
  /** One line on the last access status, e.g. why it is ERROR. */
  readonly accessDetail?: string;
  readonly accountId?: string;
  readonly region?: string;
  readonly credentialKind: CredentialKind;
  readonly source: { readonly file: string; readonly section: string; readonly line: number };
  readonly endpointUrl?: string;
  readonly note?: string;
  readonly warnings: readonly ProfileWarning[];
  readonly lastTested?: string;
  readonly lastRefreshed?: string;
  readonly everConnected: boolean;
  readonly discoveredAt: string;
}

/** What discovery learns from the files about one profile. */
export interface ProfileFacts {
  readonly name: string;
  readonly accountId?: string;
  readonly region?: string;
  readonly credentialKind: CredentialKind;
  readonly source: { readonly file: string; readonly section: string; readonly line: number };
  readonly endpointUrl?: string;
  readonly warnings: readonly ProfileWarning[];
}

interface ProfileRow {
  name: string;
  lifecycle: LifecycleState;
  previous_lifecycle: LifecycleState | null;
  access_status: AccessStatus;
  access_detail: string | null;
  account_id: string | null;
  region: string | null;
  credential_kind: CredentialKind;
  source_file: string;
  source_section: string;
  source_line: number;
  endpoint_url: string | null;
  note: string | null;
  warnings: string;
  last_tested: string | null;
  last_refreshed: string | null;
  ever_connected: number;
  discovered_at: string;
}

export function getStoredProfile(store: Store, name: string): StoredProfile | undefined {
  const row = store.db.prepare('SELECT * FROM profiles WHERE name = ?').get(name);
  return row ? fromRow(row as unknown as ProfileRow) : undefined;
}

export function listStoredProfiles(store: Store): StoredProfile[] {
  const rows = store.db.prepare('SELECT * FROM profiles ORDER BY name').all();
  return rows.map((row) => fromRow(row as unknown as ProfileRow));
}

/** Adds a newly discovered profile as `Discovered`. */
export function insertProfile(store: Store, facts: ProfileFacts): void {
  const now = store.now().toISOString();
  store.db
    .prepare(
      `INSERT INTO profiles (name, lifecycle, account_id, region, credential_kind, source_file,
         source_section, source_line, endpoint_url, warnings, discovered_at, updated_at)
       VALUES (?, 'Discovered', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      facts.name,
      facts.accountId ?? null,
      facts.region ?? null,
      facts.credentialKind,
      facts.source.file,
      facts.source.section,
      facts.source.line,
      facts.endpointUrl ?? null,
      warningsJson(facts.warnings),
      now,
      now,
    );
}

/**
 * Refreshes what the files say about a known profile. An account id learned by calling AWS
 * is kept when the files do not name one.
 */
export function updateProfileFacts(store: Store, facts: ProfileFacts): void {
  store.db
    .prepare(
      `UPDATE profiles SET account_id = coalesce(?, account_id), region = ?, credential_kind = ?,
         source_file = ?, source_section = ?, source_line = ?, endpoint_url = ?, warnings = ?,
         updated_at = ?
       WHERE name = ?`,
    )
    .run(
      facts.accountId ?? null,
      facts.region ?? null,
      facts.credentialKind,
      facts.source.file,
      facts.source.section,
      facts.source.line,
      facts.endpointUrl ?? null,
      warningsJson(facts.warnings),
      store.now().toISOString(),
      facts.name,
    );
}

export function setLifecycle(
  store: Store,
  name: string,
  state: LifecycleState,
  previous?: LifecycleState,
): void {
  store.db
    .prepare(
      'UPDATE profiles SET lifecycle = ?, previous_lifecycle = ?, updated_at = ? WHERE name = ?',
    )
    .run(state, previous ?? null, store.now().toISOString(), name);
}

export function setNote(store: Store, name: string, note: string | undefined): void {
  store.db
    .prepare('UPDATE profiles SET note = ?, updated_at = ? WHERE name = ?')
    .run(note === undefined ? null : redactSecrets(note), store.now().toISOString(), name);
}

export interface AccessOutcome {
  readonly status: AccessStatus;
  readonly detail?: string;
  /** Set when AWS answered who the caller is. */
  readonly accountId?: string;
  readonly connected: boolean;
  /** Which timestamp to stamp: a Test Access or a refresh. */
  readonly via: 'test' | 'refresh';
}

export function recordAccess(store: Store, name: string, outcome: AccessOutcome): void {
  const now = store.now().toISOString();
  store.db
    .prepare(
      `UPDATE profiles SET access_status = ?, access_detail = ?,
         account_id = coalesce(?, account_id),
         ever_connected = max(ever_connected, ?),
         last_tested = CASE WHEN ? = 'test' THEN ? ELSE last_tested END,
         last_refreshed = CASE WHEN ? = 'refresh' THEN ? ELSE last_refreshed END,
         updated_at = ?
       WHERE name = ?`,
    )
    .run(
      outcome.status,
      outcome.detail === undefined ? null : redactSecrets(outcome.detail),
      outcome.accountId ?? null,
      outcome.connected ? 1 : 0,
      outcome.via,
      now,
      outcome.via,
      now,
      now,
      name,
    );
}

function warningsJson(warnings: readonly ProfileWarning[]): string {
  return redactSecrets(canonicalJson(warnings));
}

function fromRow(row: ProfileRow): StoredProfile {
  return {
    name: row.name,
    lifecycle: row.lifecycle,
    ...(row.previous_lifecycle ? { previousLifecycle: row.previous_lifecycle } : {}),
    accessStatus: row.access_status,
    ...(row.access_detail !== null ? { accessDetail: row.access_detail } : {}),
    ...(row.account_id !== null ? { accountId: row.account_id } : {}),
    ...(row.region !== null ? { region: row.region } : {}),
    credentialKind: row.credential_kind,
    source: { file: row.source_file, section: row.source_section, line: row.source_line },
    ...(row.endpoint_url !== null ? { endpointUrl: row.endpoint_url } : {}),
    ...(row.note !== null ? { note: row.note } : {}),
    warnings: readStoredJson(row.warnings, `profiles.warnings of ${row.name}`) as ProfileWarning[],
    ...(row.last_tested !== null ? { lastTested: row.last_tested } : {}),
    ...(row.last_refreshed !== null ? { lastRefreshed: row.last_refreshed } : {}),
    everConnected: row.ever_connected === 1,
    discoveredAt: row.discovered_at,
  };
}
