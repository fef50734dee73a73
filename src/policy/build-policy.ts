import type { Vertical } from '../core/domains.ts';
import { READ_OPERATIONS } from '../aws/operations.ts';

/** An IAM policy document in the shape `aws iam create-policy --policy-document` accepts. */
export interface PolicyDocument {
  readonly Version: '2012-10-17';
  readonly Statement: readonly [
    {
      readonly Sid: string;
      readonly Effect: 'Allow';
      readonly Action: readonly string[];
      readonly Resource: '*';
    },
  ];
}

export const POLICY_SID = 'EscherEstateReadOnly';

/**
 * The actions behind every call the scan can make, for all verticals or only those given.
 * Exact actions, never wildcards: a wildcard would grant actions AWS adds later, which the
 * user never reviewed.
 */
export function policyActions(verticals?: readonly Vertical[]): string[] {
  const wanted = verticals && verticals.length > 0 ? new Set(verticals) : undefined;
  const actions = new Set<string>();
  for (const entry of READ_OPERATIONS) {
    if (wanted && !entry.verticals.some((vertical) => wanted.has(vertical))) continue;
    actions.add(entry.action);
  }
  return [...actions].sort();
}

export function buildPolicyDocument(verticals?: readonly Vertical[]): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [
      { Sid: POLICY_SID, Effect: 'Allow', Action: policyActions(verticals), Resource: '*' },
    ],
  };
}
