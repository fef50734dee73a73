import type { DomainId } from '../core/domains.ts';
import type { DomainStatus, FailureKind } from '../core/status.ts';

/** One resource observed in an account. Identity across profiles: account + type + id. */
export interface ResourceRecord {
  /** e.g. `ec2:instance`, `s3:bucket`, `iam:user`. */
  readonly type: string;
  readonly domain: DomainId;
  /** The ARN where AWS gives one, else the service's id. */
  readonly id: string;
  readonly account: string;
  /** An AWS region, or `global`. */
  readonly region: string;
  readonly name: string;
  readonly tags: Readonly<Record<string, string>>;
  /** What later analyses need: instance type and state, bucket encryption, MFA, and so on. */
  readonly attributes: Readonly<Record<string, unknown>>;
}

/** One call that still failed after retries, classified. */
export interface FailedCall {
  readonly domain: DomainId;
  readonly region: string;
  readonly operation: string;
  readonly action: string;
  readonly errorCode: string;
  readonly httpStatus?: number;
  /** The resource the call was about, e.g. a bucket or a trail, when it was about one. */
  readonly resource?: string;
  readonly kind: FailureKind;
  /** For an explicit deny: which kind of policy denied, when AWS says so. */
  readonly deniedBy?: string;
  /** What the user should do, in words; includes the CloudTrail look-up for a denied call. */
  readonly fix: string;
  /** The AWS message, with anything secret-looking removed. */
  readonly message: string;
}

/** How one domain of one profile ended a scan, with the words of its overview line. */
export interface DomainCoverage {
  readonly domain: DomainId;
  readonly status: DomainStatus;
  /** The bracketed text of the overview line, e.g. `48 resources`. */
  readonly detail: string;
  /** Counts behind the detail, e.g. `{ users: 142, roles: 38 }`. */
  readonly counts: Readonly<Record<string, number>>;
}
