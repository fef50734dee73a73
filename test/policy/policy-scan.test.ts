import {
  AttachUserPolicyCommand,
  CreateAccessKeyCommand,
  CreatePolicyCommand,
  CreateUserCommand,
  IAMClient,
} from '@aws-sdk/client-iam';
import { beforeAll, describe, expect, it } from 'vitest';
import { actionsToAdd, untriedActions } from '../../src/aws/untried-actions.ts';
import { emulatorTwins } from '../../src/demo/demo-users.ts';
import { buildPolicyDocument } from '../../src/policy/build-policy.ts';
import { coveredBySeed } from '../../src/policy/explain-policy.ts';
import { SEED_POLICY_ACTIONS } from '../../src/policy/seed-policy.ts';
import { scanAccount } from '../../src/scan/scan-account.ts';
import type { AccountScanResult } from '../../src/scan/scan-types.ts';
import { useMoto } from '../helpers/moto.ts';
import { contextFor, lines, MemorySink } from '../scan/helpers/memory-sink.ts';
import { buildSmallEstate, REGIONS, type Keys } from '../scan/helpers/small-estate.ts';

interface Statement {
  readonly Sid: string;
  readonly Effect: 'Allow';
  readonly Action: readonly string[];
  readonly Resource: '*';
}

const SEED_POLICY = {
  Version: '2012-10-17' as const,
  Statement: [
    {
      Sid: 'EscherEstateReadOnly',
      Effect: 'Allow' as const,
      Action: SEED_POLICY_ACTIONS,
      Resource: '*' as const,
    },
  ],
};

/** A user holding exactly the given policy, plus the emulator-only names moto checks instead. */
async function userWith(
  endpoint: string,
  admin: Keys,
  name: string,
  policy: { Version: '2012-10-17'; Statement: readonly Statement[] },
): Promise<Keys> {
  const iam = new IAMClient({ region: 'us-east-1', endpoint, credentials: admin });
  await iam.send(new CreateUserCommand({ UserName: name }));
  const documents = { [`${name}-policy`]: policy, [`${name}-twins`]: emulatorTwins(policy) };
  for (const [policyName, document] of Object.entries(documents)) {
    // A narrowed policy may hold nothing moto checks under another name.
    if (document.Statement.every((statement) => statement.Action.length === 0)) continue;
    const created = await iam.send(
      new CreatePolicyCommand({ PolicyName: policyName, PolicyDocument: JSON.stringify(document) }),
    );
    await iam.send(new AttachUserPolicyCommand({ UserName: name, PolicyArn: created.Policy?.Arn }));
  }
  const key = await iam.send(new CreateAccessKeyCommand({ UserName: name }));
  iam.destroy();
  return {
    accessKeyId: key.AccessKey?.AccessKeyId ?? '',
    secretAccessKey: key.AccessKey?.SecretAccessKey ?? '',
  };
}

async function scanAs(endpoint: string, keys: Keys, profile: string): Promise<AccountScanResult> {
  return scanAccount(contextFor(endpoint, keys, { profile }), {
    sink: new MemorySink(),
    regions: REGIONS,
    sleep: () => Promise.resolve(),
  });
}

describe('a scan under the policy escher prints, on IAM-enforcing moto', () => {
  const moto = useMoto({ enforceIam: true });
  let exact: AccountScanResult;
  let seed: AccountScanResult;
  let inventory: AccountScanResult;

  beforeAll(async () => {
    await buildSmallEstate(moto.endpoint, moto.admin);
    const exactKeys = await userWith(moto.endpoint, moto.admin, 'exact', buildPolicyDocument());
    const seedKeys = await userWith(moto.endpoint, moto.admin, 'seed', SEED_POLICY);
    exact = await scanAs(moto.endpoint, exactKeys, 'escher-exact');
    seed = await scanAs(moto.endpoint, seedKeys, 'escher-seed');
    const narrowed = buildPolicyDocument(['inventory']);
    const inventoryKeys = await userWith(moto.endpoint, moto.admin, 'inventory', narrowed);
    inventory = await scanAs(moto.endpoint, inventoryKeys, 'escher-inventory');
  });

  it('reads every domain without one failed call', () => {
    expect(exact.failures).toEqual([]);
    // The small estate has no organization: a standalone account, which no policy can change.
    const notOk = exact.coverage.filter((coverage) => coverage.status !== 'OK');
    expect(notOk.map((coverage) => `${coverage.domain}: ${coverage.status}`)).toEqual([
      'organizations: NOT ENABLED',
    ]);
    expect(exact.status).toBe('OK');
  });

  it('under the seed’s own policy names only the actions the seed lacks', () => {
    const named = [...new Set(seed.failures.map((failure) => failure.action))].sort();
    expect(named).toEqual(['guardduty:GetDetector', 's3:GetAccountPublicAccessBlock']);
    expect(named.every((action) => !coveredBySeed(action))).toBe(true);
    expect(lines(seed.coverage).guardduty).toMatch(/^PARTIAL|^ERROR/);
    expect(lines(seed.coverage).s3).toMatch(
      /^PARTIAL \(.*account Block Public Access not readable: s3:GetAccountPublicAccessBlock denied/,
    );
    expect(seed.failures.every((failure) => failure.kind === 'missing-permission')).toBe(true);
  });

  it('under a --vertical policy, the diagnostics name every action the narrowing left out', () => {
    const full = buildPolicyDocument().Statement[0].Action;
    const kept = new Set(buildPolicyDocument(['inventory']).Statement[0].Action);
    const leftOut = full.filter((action) => !kept.has(action)).sort();
    const named = actionsToAdd(inventory.failures);
    const untried = untriedActions(inventory.failures);
    // Those behind a denied list are never called: the second line names them.
    expect(untried).toEqual(['cloudtrail:GetTrailStatus', 'guardduty:GetDetector']);
    expect([...named, ...untried].sort()).toEqual(leftOut);
  });
});
