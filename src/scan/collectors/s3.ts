import {
  GetBucketAclCommand,
  GetBucketEncryptionCommand,
  GetBucketLocationCommand,
  GetBucketPolicyCommand,
  GetPublicAccessBlockCommand,
  paginateListBuckets,
  type Bucket,
  type S3Client,
} from '@aws-sdk/client-s3';
import { GetPublicAccessBlockCommand as GetAccountPublicAccessBlockCommand } from '@aws-sdk/client-s3-control';
import { errorCodeOf, httpStatusOf, responseHeader } from '../../aws/classify-error.ts';
import { plural } from '../domain-tally.ts';
import type { ScanRun } from '../scan-run.ts';
import { isoDate, type Collector } from './collector.ts';
import {
  encryptionOf,
  NO_ENCRYPTION,
  NO_PUBLIC_ACCESS_BLOCK,
  policyIsPublic,
  publicAccessBlockOf,
  publicAclGrants,
  regionOfLocation,
  type PublicAccessBlock,
} from './s3-settings.ts';

const BUCKET_LIST = 'bucket list';

type Read<T> = { readonly value: T | undefined } | undefined;

/**
 * Reads one bucket's settings from the bucket's own region. A 301 that names another region
 * means "ask there" (C22), never "setting absent"; a bucket in a region the account has not
 * enabled cannot be read at all and is marked unreachable.
 */
class BucketReader {
  readonly #run: ScanRun;
  readonly name: string;
  region: string;
  unreachable = false;

  constructor(run: ScanRun, name: string, region: string) {
    this.#run = run;
    this.name = name;
    this.region = region;
    this.unreachable = !this.#reachable(region);
  }

  #reachable(region: string): boolean {
    return this.#run.enabledRegions.size === 0 || this.#run.enabledRegions.has(region);
  }

  /** `{ value: undefined }` when AWS answers `absentCode`: the setting does not exist. */
  async read<T>(
    operation: string,
    send: (client: S3Client) => Promise<T>,
    absentCode?: string,
  ): Promise<Read<T>> {
    const run = this.#run;
    for (let hop = 0; ; hop += 1) {
      if (this.unreachable) return undefined;
      try {
        const value = await send(run.client('s3', this.region));
        run.tally('s3').succeeded += 1;
        return { value };
      } catch (error) {
        if (absentCode !== undefined && errorCodeOf(error) === absentCode) {
          run.tally('s3').succeeded += 1;
          return { value: undefined };
        }
        const moved =
          httpStatusOf(error) === 301 ? responseHeader(error, 'x-amz-bucket-region') : undefined;
        if (hop === 0 && moved !== undefined && moved !== this.region) {
          this.region = moved;
          this.unreachable = !this.#reachable(moved);
          continue;
        }
        await run.fail(
          {
            domain: 's3',
            service: 's3',
            operation,
            region: this.region,
            subject: `bucket ${this.name}`,
            resource: this.name,
          },
          error,
        );
        return undefined;
      }
    }
  }
}

async function locate(run: ScanRun, bucket: Bucket, name: string): Promise<string> {
  if (bucket.BucketRegion) return bucket.BucketRegion;
  const home = run.ctx.region;
  try {
    const answer = await run
      .client('s3', home)
      .send(new GetBucketLocationCommand({ Bucket: name }), run.sendOptions);
    run.tally('s3').succeeded += 1;
    return regionOfLocation(answer.LocationConstraint);
  } catch (error) {
    const moved = responseHeader(error, 'x-amz-bucket-region');
    if (moved !== undefined) return moved;
    const spec = { domain: 's3', service: 's3', operation: 'GetBucketLocation' } as const;
    await run.fail({ ...spec, region: home, subject: `bucket ${name}`, resource: name }, error);
    // Settings are still tried from the profile's region; a redirect will name the right one.
    return home;
  }
}

async function readBucket(run: ScanRun, bucket: Bucket): Promise<void> {
  const name = bucket.Name ?? '';
  const reader = new BucketReader(run, name, await locate(run, bucket, name));
  const options = run.sendOptions;
  const input = { Bucket: name };

  const policy = await reader.read(
    'GetBucketPolicy',
    (s3) => s3.send(new GetBucketPolicyCommand(input), options),
    'NoSuchBucketPolicy',
  );
  const acl = await reader.read('GetBucketAcl', (s3) =>
    s3.send(new GetBucketAclCommand(input), options),
  );
  const block = await reader.read(
    'GetPublicAccessBlock',
    (s3) => s3.send(new GetPublicAccessBlockCommand(input), options),
    'NoSuchPublicAccessBlockConfiguration',
  );
  const encryption = await reader.read(
    'GetBucketEncryption',
    (s3) => s3.send(new GetBucketEncryptionCommand(input), options),
    'ServerSideEncryptionConfigurationNotFoundError',
  );

  if (reader.unreachable) {
    run.tally('s3').gaps.push({
      subject: `bucket ${name}`,
      what: `region ${reader.region} not enabled`,
    });
  }
  // A setting that could not be read is null (unknown), never "none".
  const policyDocument = policy?.value?.Policy;
  await run.emit({
    type: 's3:bucket',
    domain: 's3',
    id: `arn:${run.partition}:s3:::${name}`,
    account: run.accountId,
    region: reader.region,
    name,
    tags: {},
    attributes: {
      reachable: !reader.unreachable,
      creationDate: isoDate(bucket.CreationDate),
      policy: policy === undefined ? null : policyDocument ? 'present' : 'none',
      policyPublic: policy === undefined ? null : policyIsPublic(policyDocument ?? '{}'),
      aclPublicGrants: acl?.value ? publicAclGrants(acl.value) : null,
      publicAccessBlock: block
        ? block.value
          ? publicAccessBlockOf(block.value)
          : NO_PUBLIC_ACCESS_BLOCK
        : null,
      encryption: encryption
        ? encryption.value
          ? encryptionOf(encryption.value)
          : NO_ENCRYPTION
        : null,
    },
  });
  run.tally('s3').add('resources');
}

/**
 * The account's own Block Public Access settings (C20), kept apart from each bucket's: AWS
 * applies the stricter of the two, so an analysis needs both, and "not configured" at one level
 * says nothing about the other.
 */
async function readAccountBlock(run: ScanRun): Promise<void> {
  const region = run.globalRegion;
  const spec = {
    domain: 's3',
    service: 's3_control',
    operation: 'GetPublicAccessBlock',
    region,
    global: true,
    subject: 'account Block Public Access',
  } as const;
  let block: PublicAccessBlock;
  try {
    const answer = await run
      .client('s3_control', region)
      .send(new GetAccountPublicAccessBlockCommand({ AccountId: run.accountId }), run.sendOptions);
    run.tally('s3').succeeded += 1;
    block = publicAccessBlockOf(answer);
  } catch (error) {
    if (errorCodeOf(error) !== 'NoSuchPublicAccessBlockConfiguration') {
      await run.fail(spec, error);
      return;
    }
    run.tally('s3').succeeded += 1;
    block = NO_PUBLIC_ACCESS_BLOCK;
  }
  await run.emit({
    type: 's3:account-public-access-block',
    domain: 's3',
    id: `arn:${run.partition}:s3::${run.accountId}:account-public-access-block`,
    account: run.accountId,
    region: 'global',
    name: `account ${run.accountId}`,
    tags: {},
    attributes: { publicAccessBlock: block },
  });
}

/** One ListBuckets for the account, then each bucket's settings from its own region. */
async function readBuckets(run: ScanRun): Promise<void> {
  const home = run.ctx.region;
  const spec = {
    domain: 's3',
    service: 's3',
    operation: 'ListBuckets',
    region: home,
    global: true,
    subject: BUCKET_LIST,
  } as const;
  const buckets: Bucket[] = [];
  const pages = paginateListBuckets({ client: run.client('s3', home) }, {}, run.sendOptions);
  await run.pages(spec, pages, (page) => {
    buckets.push(...(page.Buckets ?? []).filter((bucket) => bucket.Name));
  });
  await Promise.all(buckets.map((bucket) => readBucket(run, bucket)));
}

// One Promise.all, so that a cancelled scan's rejection of either half is always handled.
async function collect(run: ScanRun): Promise<void> {
  await Promise.all([readAccountBlock(run), readBuckets(run)]);
}

export const s3Collector: Collector = {
  domain: 's3',
  scope: 'global',
  collect,
  counted: ['resources'],
  // With no bucket list there is no bucket count to give, not even 0.
  okText: (tally) =>
    tally.count('resources') === 0 && tally.gaps.some((gap) => gap.subject === BUCKET_LIST)
      ? ''
      : plural(tally.count('resources'), 'resource'),
};
