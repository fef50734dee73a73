import type { StatementSync } from 'node:sqlite';
import type { DomainCoverage, FailedCall, ResourceRecord } from '../scan/types.ts';
import {
  carryOver,
  carryOverProfileRecords,
  dropWhatScansNoLongerSee,
  keepWhatCouldNotBeListed,
} from './carry-over.ts';
import type { Store } from './database.ts';
import { inTransaction } from './database.ts';
import { recordChanges } from './diff.ts';
import { canonicalJson, parseJsonObject, parseStringArray, resourcePlace } from './json.ts';
import { mergeObservations } from './merge-observations.ts';
import { redactSecrets } from './redact.ts';
import type { EstateVersion } from './versions.ts';
import {
  abandonVersionRows,
  completeVersion,
  getVersion,
  openPendingVersion,
  pruneOldResources,
} from './versions.ts';

/** Rows buffered before one write transaction: bounds memory whatever the estate's size. */
const BATCH_SIZE = 500;

export interface VersionPlan {
  /** Profiles this refresh scans. */
  readonly scanned: readonly string[];
  /** Known profiles not scanned now (disabled ones too), whose last observations it keeps. */
  readonly carried: readonly string[];
  /** Runs inside the transaction that opens the version (e.g. marking profiles Active). */
  readonly onOpen?: () => void;
}

export interface ProfileScanOutcome {
  readonly accountId?: string;
  /** Why nothing could be read (authentication failed); the profile keeps its old resources. */
  readonly error?: string;
}

type Pending =
  | { readonly kind: 'resource'; readonly profile: string; readonly record: ResourceRecord }
  | { readonly kind: 'coverage'; readonly profile: string; readonly coverage: DomainCoverage }
  | { readonly kind: 'failure'; readonly profile: string; readonly failure: FailedCall };

/**
 * A new EstateView version being written. Observations stream in and are written in batches
 * to the pending version; only `commit` makes it current, in one final transaction. A writer
 * killed before that leaves the previous version current.
 */
export class PendingVersion {
  readonly id: number;
  readonly previousId: number | undefined;
  readonly #store: Store;
  #buffer: Pending[] = [];
  #closed = false;
  // Prepared once per version: preparing per row costs more than the write itself.
  readonly #statements = new Map<string, StatementSync>();

  private constructor(store: Store, id: number, previousId: number | undefined) {
    this.#store = store;
    this.id = id;
    this.previousId = previousId;
  }

  /** Opens a version; throws RefreshBusyError while another live refresh writes one. */
  static open(store: Store, plan: VersionPlan): PendingVersion {
    return inTransaction(store.db, () => {
      const { id, previousId } = openPendingVersion(store);
      const insert = store.db.prepare(
        'INSERT INTO version_profiles (version_id, profile, scanned) VALUES (?, ?, 1)',
      );
      for (const profile of plan.scanned) insert.run(id, profile);
      if (previousId !== undefined) {
        carryOver(store.db, previousId, id, plan.carried);
        carryOverProfileRecords(store.db, previousId, id, plan.carried);
      }
      plan.onOpen?.();
      return new PendingVersion(store, id, previousId);
    });
  }

  resource(profile: string, record: ResourceRecord): void {
    this.#push({ kind: 'resource', profile, record });
  }

  coverage(profile: string, coverage: DomainCoverage): void {
    this.#push({ kind: 'coverage', profile, coverage });
  }

  failure(profile: string, failure: FailedCall): void {
    this.#push({ kind: 'failure', profile, failure });
  }

  /** Records how a profile's scan ended. */
  profileDone(profile: string, outcome: ProfileScanOutcome): void {
    this.flush();
    inTransaction(this.#store.db, () => {
      this.#store.db
        .prepare(
          `UPDATE version_profiles SET account_id = ?, scanned_at = ?, error = ?
           WHERE version_id = ? AND profile = ?`,
        )
        .run(
          outcome.accountId ?? null,
          this.#store.now().toISOString(),
          outcome.error === undefined ? null : redactSecrets(outcome.error),
          this.id,
          profile,
        );
      if (outcome.error !== undefined && this.previousId !== undefined) {
        carryOver(this.#store.db, this.previousId, this.id, [profile], { coverage: false });
      } else if (this.previousId !== undefined) {
        keepWhatCouldNotBeListed(this.#store.db, this.previousId, this.id, profile);
      }
    });
  }

  flush(): void {
    if (this.#buffer.length === 0) return;
    const batch = this.#buffer;
    this.#buffer = [];
    inTransaction(this.#store.db, () => {
      for (const item of batch) this.#write(item);
    });
  }

  /** Makes this version current and returns it with its changes since the previous one. */
  commit(): EstateVersion {
    this.#assertOpen();
    this.flush();
    inTransaction(this.#store.db, () => {
      dropWhatScansNoLongerSee(this.#store.db, this.id);
      const changes =
        this.previousId === undefined
          ? undefined
          : recordChanges(this.#store.db, this.previousId, this.id);
      completeVersion(this.#store, this.id, changes);
      pruneOldResources(this.#store);
    });
    this.#closed = true;
    const version = getVersion(this.#store, this.id);
    if (!version) throw new Error(`EstateView version ${this.id} vanished after commit`);
    return version;
  }

  /** Drops the version (a cancelled refresh); the previous one stays current. */
  abandon(): void {
    if (this.#closed) return;
    this.#buffer = [];
    this.#closed = true;
    inTransaction(this.#store.db, () => {
      abandonVersionRows(this.#store, this.id);
    });
  }

  #push(item: Pending): void {
    this.#assertOpen();
    this.#buffer.push(item);
    if (this.#buffer.length >= BATCH_SIZE) this.flush();
  }

  #assertOpen(): void {
    if (this.#closed) throw new Error(`EstateView version ${this.id} is already closed`);
  }

  #statement(sql: string): StatementSync {
    let statement = this.#statements.get(sql);
    if (!statement) {
      statement = this.#store.db.prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement;
  }

  #write(item: Pending): void {
    if (item.kind === 'resource') this.#writeResource(item.profile, item.record);
    else if (item.kind === 'coverage') this.#writeCoverage(item.profile, item.coverage);
    else this.#writeFailure(item.profile, item.failure);
  }

  /** One row per (account, type, id): a second observer merges into the first's row. */
  #writeResource(profile: string, record: ResourceRecord): void {
    const existing = this.#statement(
      `SELECT tags, attributes, observed_by FROM resources
         WHERE version_id = ? AND account = ? AND type = ? AND resource_id = ?`,
    ).get(this.id, record.account, record.type, redactSecrets(record.id)) as
      { tags: string; attributes: string; observed_by: string } | undefined;
    if (!existing) {
      this.#statement(
        `INSERT INTO resources (version_id, account, type, resource_id, domain, region, name,
           tags, attributes, observed_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        this.id,
        record.account,
        record.type,
        redactSecrets(record.id),
        record.domain,
        record.region,
        redactSecrets(record.name),
        stored(record.tags),
        stored(record.attributes),
        JSON.stringify([profile]),
      );
      return;
    }
    const observers = new Set(
      parseStringArray(existing.observed_by, resourcePlace('observed_by', record.id)),
    ).add(profile);
    this.#statement(
      `UPDATE resources SET name = ?, tags = ?, attributes = ?, observed_by = ?
       WHERE version_id = ? AND account = ? AND type = ? AND resource_id = ?`,
    ).run(
      redactSecrets(record.name),
      stored(
        mergeObservations(
          parseJsonObject(existing.tags, resourcePlace('tags', record.id)),
          record.tags,
        ),
      ),
      stored(
        mergeObservations(
          parseJsonObject(existing.attributes, resourcePlace('attributes', record.id)),
          record.attributes,
        ),
      ),
      JSON.stringify([...observers].sort()),
      this.id,
      record.account,
      record.type,
      redactSecrets(record.id),
    );
  }

  #writeCoverage(profile: string, coverage: DomainCoverage): void {
    this.#statement(
      `INSERT OR REPLACE INTO coverage (version_id, profile, domain, status, detail, counts)
         VALUES (?, ?, ?, ?, ?, ?)`,
    ).run(
      this.id,
      profile,
      coverage.domain,
      coverage.status,
      redactSecrets(coverage.detail),
      canonicalJson(coverage.counts),
    );
  }

  #writeFailure(profile: string, failure: FailedCall): void {
    this.#statement(
      `INSERT INTO failures (version_id, profile, domain, region, operation, action,
           error_code, http_status, kind, denied_by, fix, message)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      this.id,
      profile,
      failure.domain,
      failure.region,
      failure.operation,
      failure.action,
      failure.errorCode,
      failure.httpStatus ?? null,
      failure.kind,
      failure.deniedBy ?? null,
      redactSecrets(failure.fix),
      redactSecrets(failure.message),
    );
  }
}

function stored(value: Readonly<Record<string, unknown>>): string {
  return redactSecrets(canonicalJson(value));
}
