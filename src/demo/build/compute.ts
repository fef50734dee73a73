import {
  CreateTagsCommand,
  DescribeImagesCommand,
  EC2Client,
  RunInstancesCommand,
} from '@aws-sdk/client-ec2';
import { CreateFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { CreateDBInstanceCommand, RDSClient } from '@aws-sdk/client-rds';
import { pad, spread, type EstateSpec } from '../estate-spec.ts';
import { mapLimit } from '../limit.ts';
import type { ClientPool } from '../sdk.ts';
import { zipOneFile } from '../zip.ts';
import { range } from './identity.ts';

const INSTANCE_TYPES = ['t3.micro', 't3.small', 'm5.large', 'c5.xlarge'];
const ENVIRONMENTS = ['prod', 'staging', 'dev'];
/** RunInstances launches this many at once, so a large estate needs few calls. */
const LAUNCH_BATCH = 50;

/** EC2 instances spread over the spec's regions, launched in batches from an AMI moto knows. */
export async function buildInstances(pool: ClientPool, spec: EstateSpec): Promise<void> {
  const perRegion = spread(spec.counts.ec2Instances, spec.regions.length);
  await mapLimit(spec.regions, 4, async (region, regionIndex) => {
    const ec2 = pool.get(EC2Client, region);
    const imageId = await firstImage(ec2);
    let remaining = perRegion[regionIndex] ?? 0;
    let batch = 0;
    let named = 0;
    while (remaining > 0) {
      const count = Math.min(LAUNCH_BATCH, remaining);
      const environment = ENVIRONMENTS[batch % ENVIRONMENTS.length]!;
      const launched = await ec2.send(
        new RunInstancesCommand({
          ImageId: imageId,
          MinCount: count,
          MaxCount: count,
          InstanceType: INSTANCE_TYPES[(regionIndex + batch) % INSTANCE_TYPES.length] as 't3.micro',
          TagSpecifications: [
            {
              ResourceType: 'instance',
              Tags: [
                { Key: 'environment', Value: environment },
                { Key: 'owner', Value: 'escher-sample' },
              ],
            },
          ],
        }),
      );
      // A launch tags its instances alike: each gets a Name of its own, as people name them.
      const ids = (launched.Instances ?? []).flatMap((instance) =>
        instance.InstanceId ? [instance.InstanceId] : [],
      );
      const first = named;
      await mapLimit(ids, 8, async (id, index) => {
        const name = `${environment}-app-${region}-${pad(first + index + 1)}`;
        await ec2.send(
          new CreateTagsCommand({ Resources: [id], Tags: [{ Key: 'Name', Value: name }] }),
        );
      });
      named += ids.length;
      remaining -= count;
      batch++;
    }
  });
}

/**
 * The lowest-numbered Amazon Linux 2 image in the region, so every run launches the same AMI.
 * The name filter matters: moto knows over a thousand images and takes seconds to list them.
 */
async function firstImage(ec2: EC2Client): Promise<string> {
  const images = await ec2.send(
    new DescribeImagesCommand({
      Owners: ['amazon'],
      Filters: [{ Name: 'name', Values: ['amzn2-ami-hvm-*-x86_64-gp2'] }],
    }),
  );
  const ids = (images.Images ?? []).map((image) => image.ImageId ?? '').filter(Boolean);
  ids.sort();
  if (!ids[0]) throw new Error('the emulator offers no Amazon image to launch');
  return ids[0];
}

/** RDS instances over the first two regions (databases live where the apps are). */
export async function buildDatabases(pool: ClientPool, spec: EstateSpec): Promise<void> {
  const regions = spec.regions.slice(0, 2);
  const perRegion = spread(spec.counts.rdsInstances, regions.length);
  const jobs = regions.flatMap((region, r) =>
    range(perRegion[r] ?? 0).map((index) => ({ region, index })),
  );
  await mapLimit(jobs, 4, async ({ region, index }) => {
    const engine = index % 2 === 0 ? 'postgres' : 'mysql';
    await pool.get(RDSClient, region).send(
      new CreateDBInstanceCommand({
        DBInstanceIdentifier: `${engine}-${region}-${pad(index + 1)}`,
        DBInstanceClass: index % 3 === 0 ? 'db.r6g.large' : 'db.t3.medium',
        Engine: engine,
        AllocatedStorage: 20 + index * 10,
        MasterUsername: 'sampleadmin',
        // The emulator stores it; nothing real is protected by it.
        MasterUserPassword: 'emulator-only-password',
        StorageEncrypted: index % 2 === 0,
        MultiAZ: index % 3 === 0,
        Tags: [{ Key: 'owner', Value: 'escher-sample' }],
      }),
    );
  });
}

/** Lambda functions over the spec's regions; moto needs a role ARN and a zip, never a run. */
export async function buildFunctions(
  pool: ClientPool,
  spec: EstateSpec,
  roleArns: readonly string[],
): Promise<void> {
  if (roleArns.length === 0) throw new Error('Lambda functions need at least one role');
  const zip = zipOneFile('index.py', 'def handler(event, context):\n    return event\n');
  const perRegion = spread(spec.counts.lambdaFunctions, spec.regions.length);
  const jobs = spec.regions.flatMap((region, r) =>
    range(perRegion[r] ?? 0).map((index) => ({ region, index })),
  );
  await mapLimit(jobs, 8, async ({ region, index }, jobIndex) => {
    await pool.get(LambdaClient, region).send(
      new CreateFunctionCommand({
        FunctionName: `sample-fn-${region}-${pad(index + 1, 3)}`,
        Runtime: index % 2 === 0 ? 'python3.12' : 'nodejs20.x',
        Handler: 'index.handler',
        Role: roleArns[jobIndex % roleArns.length],
        Code: { ZipFile: zip },
        MemorySize: 128 * (1 + (index % 4)),
        Timeout: 30,
        Tags: { owner: 'escher-sample' },
      }),
    );
  });
}
