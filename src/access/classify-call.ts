import {
  assessAwsError,
  deniedByOf,
  isExplicitDeny,
  type NotEnabledCause,
} from '../aws/classify-error.ts';
import { NOT_AN_AWS_ANSWER } from '../aws/answer-check.ts';
import type { ReadOperation } from '../aws/operations.ts';
import type { CheckOutcome } from './types.ts';

/**
 * Test Access's words for what src/aws/classify-error.ts decided about a failed call. Nothing
 * here reads an error: whether the call was refused, throttled, or never answered is the
 * shared classifier's answer, so the scan's diagnostics and Test Access agree.
 */

const NOT_ENABLED_REASON: Record<NotEnabledCause, string> = {
  'no-organization': 'standalone account: it belongs to no organization',
  'not-signed-up': 'the account has not signed up for this service',
  'security-hub-off': 'Security Hub is not enabled',
  'cost-explorer-off':
    'Cost Explorer is not enabled for this account (a setting of the paying account)',
};

/** The policy type of an explicit deny, in AWS's words; undefined for an implicit deny. */
export function explicitDenyOf(message: string): { policyType?: string } | undefined {
  if (!isExplicitDeny(message)) return undefined;
  const deniedBy = deniedByOf(message);
  return deniedBy ? { policyType: deniedBy } : {};
}

/** How a failed read of the table answered a question about permissions. */
export function classifyCallError(error: unknown, operation: ReadOperation): CheckOutcome {
  const found = assessAwsError(error, { service: operation.service });
  switch (found.kind) {
    case 'service-not-enabled':
      return {
        kind: 'not-enabled',
        reason: found.notEnabled ? NOT_ENABLED_REASON[found.notEnabled] : 'not enabled',
      };
    case 'missing-permission':
      return { kind: 'missing' };
    case 'explicit-deny':
      return { kind: 'denied', ...explicitDenyOf(found.message) };
    case 'throttled':
      return { kind: 'unverified', reason: `still throttled after retries (${found.code})` };
    case 'auth-failed':
    case 'region-not-enabled':
      return {
        kind: 'unverified',
        reason: `AWS refused the request's signature or credentials (${found.code})`,
      };
    case 'network':
      return { kind: 'unverified', reason: `no answer from the endpoint (${found.code})` };
    case 'not-implemented':
    case 'service-error':
      if (found.code === NOT_AN_AWS_ANSWER) {
        return { kind: 'unverified', reason: 'the answer did not come from AWS' };
      }
      // Any other answer (no such resource, report not ready, even a server error) came after
      // AWS authorised the call: authorisation is the first thing a service does with a
      // request. Without an answer there is nothing to tell.
      return found.httpStatus === undefined
        ? { kind: 'unverified', reason: `no answer from the endpoint (${found.code})` }
        : { kind: 'allowed' };
  }
}
