import {
  CloudTrailClient,
  CreateTrailCommand,
  StartLoggingCommand,
} from '@aws-sdk/client-cloudtrail';
import {
  CreateBucketCommand,
  PutBucketEncryptionCommand,
  PutBucketPolicyCommand,
  PutBucketTaggingCommand,
  PutPublicAccessBlockCommand,
  S3Client,
  type BucketLocationConstraint,
} from '@aws-sdk/client-s3';
import { ESTATE_REGIONS, pad, type EstateSpec } from '../estate-spec.ts';
import { mapLimit } from '../limit.ts';
import type { ClientPool } from '../sdk.ts';
import { range } from './identity.ts';

/** Buckets live in the first four regions, whatever the spec's region count. */
const BUCKET_REGIONS = ESTATE_REGIONS.slice(0, 4);
const PURPOSES = ['assets', 'backups', 'logs', 'data-lake', 'artifacts', 'reports', 'uploads'];
export const TRAIL_BUCKET = 'escher-sample-cloudtrail-logs';

/** What each bucket was given, so tests can check what the scanner reports about it. */
export interface BucketPlan {
  readonly name: string;
  readonly region: string;
  readonly publicRead: boolean;
  readonly publicAccessBlock: boolean;
  readonly encrypted: boolean;
}

/** The spec's buckets, the CloudTrail bucket first; settings follow from the index alone. */
export function planBuckets(spec: EstateSpec): BucketPlan[] {
  const plans: BucketPlan[] = [
    {
      name: TRAIL_BUCKET,
      region: 'us-east-1',
      publicRead: false,
      publicAccessBlock: true,
      encrypted: true,
    },
  ];
  const width = spec.counts.s3Buckets > 99 ? String(spec.counts.s3Buckets).length : 2;
  for (const index of range(spec.counts.s3Buckets - 1)) {
    const publicRead = index % 7 === 3;
    plans.push({
      name: `escher-sample-${PURPOSES[index % PURPOSES.length]!}-${pad(index + 1, width)}`,
      region: BUCKET_REGIONS[index % BUCKET_REGIONS.length]!,
      publicRead,
      // A block would make the public policy moot; the public ones stay unblocked.
      publicAccessBlock: !publicRead && index % 3 === 0,
      encrypted: index % 2 === 0,
    });
  }
  return plans;
}

export async function buildBuckets(pool: ClientPool, spec: EstateSpec): Promise<BucketPlan[]> {
  const plans = planBuckets(spec);
  await mapLimit(plans, 8, async (plan) => {
    const s3 = pool.get(S3Client, plan.region);
    await s3.send(
      new CreateBucketCommand({
        Bucket: plan.name,
        // us-east-1 is the one region that takes no location constraint.
        ...(plan.region === 'us-east-1'
          ? {}
          : {
              CreateBucketConfiguration: {
                LocationConstraint: plan.region as BucketLocationConstraint,
              },
            }),
      }),
    );
    await s3.send(
      new PutBucketTaggingCommand({
        Bucket: plan.name,
        Tagging: { TagSet: [{ Key: 'owner', Value: 'escher-sample' }] },
      }),
    );
    if (plan.publicRead) {
      await s3.send(
        new PutBucketPolicyCommand({
          Bucket: plan.name,
          Policy: JSON.stringify({
            Version: '2012-10-17',
            Statement: [
              {
                Sid: 'PublicRead',
                Effect: 'Allow',
                Principal: '*',
                Action: 's3:GetObject',
                Resource: `arn:aws:s3:::${plan.name}/*`,
              },
            ],
          }),
        }),
      );
    }
    if (plan.publicAccessBlock) {
      await s3.send(
        new PutPublicAccessBlockCommand({
          Bucket: plan.name,
          PublicAccessBlockConfiguration: {
            BlockPublicAcls: true,
            IgnorePublicAcls: true,
            BlockPublicPolicy: true,
            RestrictPublicBuckets: true,
          },
        }),
      );
    }
    if (plan.encrypted) {
      await s3.send(
        new PutBucketEncryptionCommand({
          Bucket: plan.name,
          ServerSideEncryptionConfiguration: {
            Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
          },
        }),
      );
    }
  });
  return plans;
}

/**
 * Three trails: one multi-region (which moto also shows as a shadow trail in every other
 * region, as AWS does), and two single-region ones. Two of them are logging.
 */
export async function buildTrails(pool: ClientPool, spec: EstateSpec): Promise<void> {
  const secondRegion = spec.regions[1]!;
  const trails = [
    { name: 'organization-audit', region: 'us-east-1', multiRegion: true, logging: true },
    { name: 'security-events', region: 'us-east-1', multiRegion: false, logging: true },
    {
      name: `data-events-${secondRegion}`,
      region: secondRegion,
      multiRegion: false,
      logging: false,
    },
  ];
  for (const trail of trails) {
    const client = pool.get(CloudTrailClient, trail.region);
    await client.send(
      new CreateTrailCommand({
        Name: trail.name,
        S3BucketName: TRAIL_BUCKET,
        IsMultiRegionTrail: trail.multiRegion,
        IncludeGlobalServiceEvents: trail.multiRegion,
      }),
    );
    if (trail.logging) await client.send(new StartLoggingCommand({ Name: trail.name }));
  }
}
