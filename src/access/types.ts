import type { DomainId } from '../core/domains.ts';
import type { ServiceId } from '../core/services.ts';

/** The outcome of Test Access, as the seed's Step 4 block words it. */
export type TestAccessStatus = 'CONNECTED' | 'ERROR' | 'DISCONNECTED';

/** A group of the read table: one of the 13 domains, or the account-wide bootstrap calls. */
export type AccessDomain = DomainId | 'account';

/** Why a profile could not sign in at all. */
export type AuthFailureKind =
  | 'profile-not-found'
  | 'no-credentials'
  | 'sso-expired'
  | 'keys-rejected'
  | 'token-expired'
  | 'role-not-assumable'
  | 'unreachable'
  | 'other';

export interface AuthFailure {
  readonly kind: AuthFailureKind;
  /** Plain words for the `Status: ✗` line; never a secret. */
  readonly summary: string;
  /** What to run or do, for the `Fix:` line. */
  readonly fix: string;
  /** The AWS error code or SDK error name behind it, when there is one. */
  readonly code?: string;
  /** For `role-not-assumable`: the role the profile tried to assume. */
  readonly roleArn?: string;
}

/** How one call of the read table answered. */
export type CheckOutcome =
  /** The service answered past its authorisation step (data, or "no such resource"). */
  | { readonly kind: 'allowed' }
  /** No policy grants the action (an implicit deny): adding it to the policy fixes it. */
  | { readonly kind: 'missing' }
  /** A policy denies it explicitly; `policyType` as AWS names it, when it does. */
  | { readonly kind: 'denied'; readonly policyType?: string }
  /** The service is switched off in the account or region; no permission can fix it. */
  | { readonly kind: 'not-enabled'; readonly reason: string }
  /** The action is fine but the call makes no sense for this account (e.g. a member). */
  | { readonly kind: 'not-applicable'; readonly reason: string }
  /** The call could not tell (throttled after retries, network, no resource to try it on). */
  | { readonly kind: 'unverified'; readonly reason: string };

/** One call Test Access made (or could not make), with what it showed. */
export interface ActionCheck {
  readonly service: ServiceId;
  readonly operation: string;
  readonly action: string;
  readonly domain: AccessDomain;
  readonly region: string;
  readonly outcome: CheckOutcome;
  /** The AWS error code of the answer, when it was an error. */
  readonly errorCode?: string;
}

export interface MissingActions {
  readonly domain: AccessDomain;
  /** The overview label of the domain (`IAM`, `Cost Explorer`), or `Account`. */
  readonly label: string;
  /** IAM actions, sorted, unique. */
  readonly actions: readonly string[];
}

export interface DeniedAction {
  readonly domain: AccessDomain;
  readonly action: string;
  /** e.g. `service control policy`; undefined when AWS did not say which policy denied. */
  readonly policyType?: string;
}

export interface NotEnabledDomain {
  readonly domain: DomainId;
  readonly label: string;
  readonly reason: string;
}

export interface UnverifiedAction {
  readonly domain: AccessDomain;
  readonly action: string;
  readonly reason: string;
}

export interface TestAccessReport {
  readonly profile: string;
  readonly status: TestAccessStatus;
  /** The account as STS reported it, else as the profile files give it, else undefined. */
  readonly account?: string;
  /** The caller ARN from STS (a principal, not a secret). */
  readonly arn?: string;
  readonly region: string;
  readonly authFailure?: AuthFailure;
  /** Grouped by domain in the overview's order. Empty when authentication failed. */
  readonly missing: readonly MissingActions[];
  readonly denied: readonly DeniedAction[];
  readonly notEnabled: readonly NotEnabledDomain[];
  readonly unverified: readonly UnverifiedAction[];
  readonly checks: readonly ActionCheck[];
  /** ISO time the test finished. */
  readonly testedAt: string;
}
