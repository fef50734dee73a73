import { buildBilling } from './build/billing.ts';
import { buildDatabases, buildFunctions, buildInstances } from './build/compute.ts';
import { buildIdentity, buildOrganization } from './build/identity.ts';
import {
  buildAlarms,
  buildConfigRules,
  buildDetectors,
  buildLogGroups,
  buildSecurityHub,
} from './build/operations.ts';
import { buildBuckets, buildTrails, type BucketPlan } from './build/storage.ts';
import type { EmulatorTarget } from './emulator-target.ts';
import { estateSpec, type EstateSpec, type SpecOptions } from './estate-spec.ts';
import { ClientPool } from './sdk.ts';

export interface BuildOptions extends SpecOptions {
  /** Anchors the billing months; defaults to the current time. */
  readonly now?: Date;
  /** Called before each part, e.g. `IAM users and roles`, for progress lines. */
  readonly onStep?: (step: string) => void;
}

export interface SampleEstate {
  readonly spec: EstateSpec;
  readonly buckets: readonly BucketPlan[];
}

/**
 * Builds the seed's Step 5 estate (or a multiple of it) on a local emulator through the AWS
 * SDK, as the bootstrap admin. The same options always give the same names, counts and
 * settings. The demo users are not made here (see demo-users.ts) but count in the spec's
 * total of IAM users.
 */
export async function buildSampleEstate(
  target: EmulatorTarget,
  options: BuildOptions = {},
): Promise<SampleEstate> {
  const spec = estateSpec(options);
  const step = options.onStep ?? (() => undefined);
  const pool = new ClientPool(target);
  try {
    step('IAM users and roles');
    const identity = await buildIdentity(pool, spec);
    step('organization');
    await buildOrganization(pool, spec);
    step('S3 buckets');
    const buckets = await buildBuckets(pool, spec);
    step('EC2 instances');
    await buildInstances(pool, spec);
    step('RDS instances');
    await buildDatabases(pool, spec);
    step('Lambda functions');
    await buildFunctions(pool, spec, identity.lambdaRoleArns);
    step('CloudTrail trails');
    await buildTrails(pool, spec);
    step('Cost Explorer billing data');
    await buildBilling(target.endpoint, options.now ?? new Date());
    step('CloudWatch alarms and log groups');
    await buildAlarms(pool, spec);
    await buildLogGroups(pool, spec);
    step('Config rules, GuardDuty and Security Hub');
    await buildConfigRules(pool, spec);
    await buildDetectors(pool, spec);
    await buildSecurityHub(pool, spec);
    return { spec, buckets };
  } finally {
    pool.destroy();
  }
}
