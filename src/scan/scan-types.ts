import type { CredentialKind } from '../profiles/types.ts';
import type { ClientOptions } from '../aws/clients.ts';
import type { DomainId } from '../core/domains.ts';
import type { FailureKind } from '../core/status.ts';
import type { DomainCoverage, FailedCall, ResourceRecord } from './types.ts';

/**
 * Where a scan's results go as they are found, so that no scan holds a whole estate in memory.
 * A returned promise is awaited: a slow store slows the scan instead of filling memory.
 */
export interface ScanSink {
  resource(record: ResourceRecord): void | Promise<void>;
  failure(call: FailedCall): void | Promise<void>;
  coverage(coverage: DomainCoverage): void | Promise<void>;
}

/** One step of a scan, for a progress line: a domain in a region started or finished. */
export interface ScanProgress {
  readonly domain: DomainId | 'account';
  /** An AWS region, or `global`. */
  readonly region: string;
  readonly state: 'started' | 'finished';
  /** Records this domain's read of this region streamed: 0 when it starts. */
  readonly count: number;
}

export interface ScanLimits {
  /** Calls in flight across the whole scan. */
  readonly concurrency?: number;
  /** Calls in flight per service and region, so one busy API is never flooded. */
  readonly perServiceRegion?: number;
  readonly maxAttempts?: number;
  readonly requestTimeoutMs?: number;
  /** How long to wait for AWS to build the IAM credential report. */
  readonly credentialReportWaitMs?: number;
}

export interface ScanOptions {
  readonly sink: ScanSink;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: ScanProgress) => void;
  readonly limits?: ScanLimits;
  /** Scan only these regions (those the account has not enabled are still skipped). */
  readonly regions?: readonly string[];
  /** Seams for tests: the HTTP layer and retry delays of the clients. */
  readonly clientOptions?: Pick<ClientOptions, 'requestHandler' | 'retryDelayMs'>;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly now?: () => Date;
  /** What the profile files declare, so a failed sign-in is worded for that kind. */
  readonly credentialKind?: CredentialKind;
}

export interface SkippedRegion {
  readonly region: string;
  /** `region not enabled`, or `denied by SCP` (or by another policy). */
  readonly reason: string;
}

export interface AccountScanResult {
  readonly accountId: string;
  /** The principal the profile signs in as. */
  readonly arn: string;
  readonly regions: {
    readonly scanned: readonly string[];
    readonly skipped: readonly SkippedRegion[];
  };
  /** One per domain, in the overview's order. */
  readonly coverage: readonly DomainCoverage[];
  readonly failures: readonly FailedCall[];
  /** HTTP requests sent, retries included. */
  readonly apiCalls: number;
  /**
   * `OK` when every domain is `OK` or `NOT ENABLED`, else `PARTIAL`. A service that is switched
   * off is known, not missing, so it does not make a profile partial.
   */
  readonly status: 'OK' | 'PARTIAL';
}

/**
 * The scan could not start: STS rejected the credentials or could not be reached. The app layer
 * turns it into the profile's ERROR (never worked) or DISCONNECTED (worked before).
 */
export class ScanAuthError extends Error {
  readonly profile: string;
  readonly kind: FailureKind;
  readonly errorCode: string;
  readonly fix: string;

  constructor(profile: string, kind: FailureKind, errorCode: string, message: string, fix: string) {
    super(message);
    this.name = 'ScanAuthError';
    this.profile = profile;
    this.kind = kind;
    this.errorCode = errorCode;
    this.fix = fix;
  }
}
