import { ACCOUNT_SETTING_TYPES } from './resource-types.ts';
import { AsyncLocalStorage } from 'node:async_hooks';
import type { AwsClients, ServiceClients } from '../aws/clients.ts';
import { classifyError, type ErrorClassification } from '../aws/classify-error.ts';
import type { ProfileContext } from '../aws/profile-context.ts';
import type { DomainId } from '../core/domains.ts';
import type { ServiceId } from '../core/services.ts';
import { DomainTally, gapReason } from './domain-tally.ts';
import { guardedPages } from '../aws/page-guard.ts';
import type { ScanOptions } from './scan-types.ts';
import type { FailedCall, ResourceRecord } from './types.ts';

/** One call of a collector: where it goes, and what is missing if it fails. */
export interface CallSpec<S extends ServiceId = ServiceId> {
  readonly domain: DomainId;
  readonly service: S;
  readonly operation: string;
  /** The region the client signs for. */
  readonly region: string;
  /** A global service's failures are shown under `global`. */
  readonly global?: boolean;
  /** What the domain lacks if this call fails: `roles`, a region, `bucket logs`. */
  readonly subject: string;
  /** The resource the call was about, for the diagnostics. */
  readonly resource?: string;
}

export function isAbort(error: unknown, signal?: AbortSignal): boolean {
  if (signal?.aborted) return true;
  const name = (error as { name?: unknown } | null)?.name;
  return name === 'AbortError';
}

/**
 * The state of one account's scan that every collector shares: its clients, the regions to
 * read, a tally per domain, and the sink that results stream into.
 */
export class ScanRun {
  readonly ctx: ProfileContext;
  readonly clients: AwsClients;
  readonly options: ScanOptions;
  readonly accountId: string;
  readonly partition: string;
  /** Regions the account has enabled (all of them, not only those scanned). */
  readonly enabledRegions = new Set<string>();
  readonly scanned: string[] = [];
  readonly failures: FailedCall[] = [];
  readonly #tallies = new Map<DomainId, DomainTally>();
  readonly #emitted = new AsyncLocalStorage<{ records: number }>();

  constructor(
    ctx: ProfileContext,
    clients: AwsClients,
    options: ScanOptions,
    identity: { accountId: string; arn: string },
  ) {
    this.ctx = ctx;
    this.clients = clients;
    this.options = options;
    this.accountId = identity.accountId;
    this.partition = identity.arn.split(':')[1] ?? 'aws';
  }

  get signal(): AbortSignal | undefined {
    return this.options.signal;
  }

  /** Options for `send` and paginators, so a cancelled scan also abandons calls in flight. */
  get sendOptions(): { abortSignal?: AbortSignal } {
    return this.options.signal ? { abortSignal: this.options.signal } : {};
  }

  /** Where global services (IAM, Organizations, Cost Explorer) answer in this partition. */
  get globalRegion(): string {
    const home = this.ctx.region;
    if (home.startsWith('cn-')) return 'cn-north-1';
    if (home.startsWith('us-gov-')) return 'us-gov-west-1';
    return 'us-east-1';
  }

  tally(domain: DomainId): DomainTally {
    let found = this.#tallies.get(domain);
    if (!found) {
      found = new DomainTally(domain);
      this.#tallies.set(domain, found);
    }
    return found;
  }

  now(): Date {
    return this.options.now ? this.options.now() : new Date();
  }

  sleep(ms: number): Promise<void> {
    if (this.options.sleep) return this.options.sleep(ms);
    return new Promise((resolve) => setTimeout(resolve, ms));
  }

  async emit(record: ResourceRecord): Promise<void> {
    await this.options.sink.resource(record);
    const counter = this.#emitted.getStore();
    // An account's settings are stored but are not resources: progress counts as the overview.
    if (counter && !ACCOUNT_SETTING_TYPES.includes(record.type)) counter.records += 1;
  }

  /**
   * Runs one collector call and says how many records it emitted. Calls of several regions run
   * at once, so each counts in its own async context rather than by a shared tally.
   */
  async counting(work: () => Promise<void>): Promise<number> {
    const counter = { records: 0 };
    await this.#emitted.run(counter, work);
    return counter.records;
  }

  progress(
    domain: DomainId | 'account',
    region: string,
    state: 'started' | 'finished',
    count = 0,
  ): void {
    this.options.onProgress?.({ domain, region, state, count });
  }

  client<S extends ServiceId>(service: S, region: string): ServiceClients[S] {
    return this.clients.get(service, region);
  }

  /** What an error means, without recording it: for answers that are not failures. */
  classify(spec: CallSpec, error: unknown): ErrorClassification {
    return classifyError(error, {
      service: spec.service,
      operation: spec.operation,
      region: spec.region,
      profile: this.ctx.profile,
      homeRegion: this.ctx.region,
      regional: spec.global !== true,
      customEndpoint: this.clients.hasCustomEndpoint(spec.service),
    });
  }

  /** Records a failed call: streamed to the sink, listed, and rolled into its domain. */
  async fail(
    spec: CallSpec,
    error: unknown,
    options: { gap?: boolean } = {},
  ): Promise<ErrorClassification> {
    if (isAbort(error, this.signal)) throw error;
    const failure = this.classify(spec, error);
    const call: FailedCall = {
      domain: spec.domain,
      region: spec.global === true ? 'global' : spec.region,
      operation: spec.operation,
      action: failure.action,
      errorCode: failure.errorCode,
      kind: failure.kind,
      fix: failure.fix,
      message: failure.message,
      ...(failure.httpStatus === undefined ? {} : { httpStatus: failure.httpStatus }),
      ...(failure.deniedBy === undefined ? {} : { deniedBy: failure.deniedBy }),
      ...(spec.resource === undefined ? {} : { resource: spec.resource }),
    };
    this.failures.push(call);
    await this.options.sink.failure(call);
    const tally = this.tally(spec.domain);
    if (failure.kind === 'service-not-enabled') {
      if (!tally.notEnabledIn.includes(spec.region)) tally.notEnabledIn.push(spec.region);
    } else if (failure.kind !== 'region-not-enabled' && options.gap !== false) {
      tally.gaps.push({ subject: spec.subject, what: gapReason(failure, spec.operation) });
    }
    return failure;
  }

  /** Sends one call; a failure is recorded and comes back as undefined. */
  async call<S extends ServiceId, T>(
    spec: CallSpec<S>,
    send: (client: ServiceClients[S]) => Promise<T>,
  ): Promise<T | undefined> {
    try {
      const answer = await send(this.client(spec.service, spec.region));
      this.tally(spec.domain).succeeded += 1;
      return answer;
    } catch (error) {
      await this.fail(spec, error);
      return undefined;
    }
  }

  /**
   * Reads every page of a paginator to the end. Pages already read stay read; a page that fails
   * is recorded, and the answer says whether the list is complete.
   */
  async pages<P>(
    spec: CallSpec,
    pages: AsyncIterable<P>,
    onPage: (page: P) => Promise<void> | void,
  ): Promise<boolean> {
    const iterator = guardedPages(pages, spec.operation)[Symbol.asyncIterator]();
    for (;;) {
      let step: IteratorResult<P>;
      try {
        step = await iterator.next();
      } catch (error) {
        await this.fail(spec, error);
        return false;
      }
      if (step.done === true) return true;
      this.tally(spec.domain).succeeded += 1;
      // Outside the try: a sink that fails stops the scan instead of posing as an AWS error.
      await onPage(step.value);
    }
  }
}
