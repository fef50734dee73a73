import { describe, expect, it } from 'vitest';
import {
  bucketLocation,
  describeRegions,
  encryption,
  fakeAccount,
  listBuckets,
  scanFake,
} from './helpers/fake-account.ts';
import { lines } from './helpers/memory-sink.ts';
import { awsError, xml, type WireRequest } from './helpers/wire-mock.ts';

const NOT_CONFIGURED = {
  configured: false,
  blockPublicAcls: false,
  ignorePublicAcls: false,
  blockPublicPolicy: false,
  restrictPublicBuckets: false,
};

const bucketOf = (request: WireRequest): string => request.bucket;

const REGIONS = describeRegions([
  ['us-east-1', 'opt-in-not-required'],
  ['eu-west-1', 'opt-in-not-required'],
  ['eu-west-3', 'opt-in-not-required'],
  ['eu-south-2', 'not-opted-in'],
]);

function withBuckets(names: string[]) {
  return fakeAccount()
    .on((r) => (r.operation === 'DescribeRegions' ? REGIONS : undefined))
    .on((r) => (r.operation === 'ListBuckets' ? listBuckets(names) : undefined));
}

describe('C18: the bucket region from GetBucketLocation', () => {
  it('reads an empty constraint as us-east-1 and EU as eu-west-1, then asks each region', async () => {
    const wire = withBuckets(['a-virginia', 'b-ireland', 'c-paris']).on((r) => {
      if (r.operation !== 'GetBucketLocation') return undefined;
      const constraint = { 'a-virginia': null, 'b-ireland': 'EU', 'c-paris': 'eu-west-3' };
      return bucketLocation(constraint[bucketOf(r) as keyof typeof constraint]);
    });
    const { result, sink } = await scanFake(wire, { regions: ['us-east-1'] });
    const regionOf = (name: string) => sink.named('s3:bucket', name).region;
    expect([regionOf('a-virginia'), regionOf('b-ireland'), regionOf('c-paris')]).toEqual([
      'us-east-1',
      'eu-west-1',
      'eu-west-3',
    ]);
    const asked = wire.requests
      .filter((r) => r.operation === 'GetBucketEncryption')
      .map((r) => `${bucketOf(r)} ${r.region}`)
      .sort();
    expect(asked).toEqual(['a-virginia us-east-1', 'b-ireland eu-west-1', 'c-paris eu-west-3']);
    expect(lines(result.coverage).s3).toBe('OK (3 resources)');
  });
});

describe('C19–C21: settings a bucket does not have are answers, not errors', () => {
  it('C19: no bucket policy is "none", not public, and no error', async () => {
    const { result, sink } = await scanFake(withBuckets(['plain']));
    expect(sink.named('s3:bucket', 'plain').attributes).toMatchObject({
      policy: 'none',
      policyPublic: false,
    });
    expect(result.failures).toEqual([]);
    expect(lines(result.coverage).s3).toBe('OK (1 resource)');
  });

  it('C20: no Block Public Access configuration is "not configured", all four flags off', async () => {
    const { result, sink } = await scanFake(withBuckets(['plain']));
    expect(sink.named('s3:bucket', 'plain').attributes.publicAccessBlock).toEqual({
      configured: false,
      blockPublicAcls: false,
      ignorePublicAcls: false,
      blockPublicPolicy: false,
      restrictPublicBuckets: false,
    });
    expect(result.failures).toEqual([]);
  });

  it('C20: the account level is read apart, from S3 Control, and "not configured" too', async () => {
    const wire = withBuckets(['plain']);
    const { result, sink } = await scanFake(wire);
    const account = sink.resources.filter((r) => r.type === 's3:account-public-access-block');
    expect(account.map((r) => [r.id, r.region, r.attributes.publicAccessBlock])).toEqual([
      ['arn:aws:s3::111122223333:account-public-access-block', 'global', { ...NOT_CONFIGURED }],
    ]);
    const asked = wire.requests.filter((r) => r.service === 's3_control');
    expect(asked.map((r) => `${r.operation} ${r.headers['x-amz-account-id'] ?? ''}`)).toEqual([
      'GetPublicAccessBlock 111122223333',
    ]);
    expect(result.failures).toEqual([]);
    expect(lines(result.coverage).s3).toBe('OK (1 resource)');
  });

  it('C20: a configured account level is kept apart from a bucket with none', async () => {
    const wire = withBuckets(['plain']).on((r) =>
      r.service === 's3_control' && r.operation === 'GetPublicAccessBlock'
        ? xml(
            200,
            '<PublicAccessBlockConfiguration xmlns="http://awss3control.amazonaws.com/doc/' +
              '2018-08-20/"><BlockPublicAcls>true</BlockPublicAcls><IgnorePublicAcls>true' +
              '</IgnorePublicAcls><BlockPublicPolicy>true</BlockPublicPolicy>' +
              '<RestrictPublicBuckets>false</RestrictPublicBuckets>' +
              '</PublicAccessBlockConfiguration>',
          )
        : undefined,
    );
    const { sink } = await scanFake(wire);
    const account = sink.resources.find((r) => r.type === 's3:account-public-access-block');
    expect(account?.attributes.publicAccessBlock).toEqual({
      configured: true,
      blockPublicAcls: true,
      ignorePublicAcls: true,
      blockPublicPolicy: true,
      restrictPublicBuckets: false,
    });
    expect(sink.named('s3:bucket', 'plain').attributes.publicAccessBlock).toEqual(NOT_CONFIGURED);
  });

  it('C20: a denied account-level read is a gap in S3, named with its real action', async () => {
    const wire = withBuckets(['plain']).on((r) =>
      r.service === 's3_control'
        ? awsError.s3Control(403, 'AccessDenied', 'Access Denied')
        : undefined,
    );
    const { result, sink } = await scanFake(wire);
    expect(sink.resources.some((r) => r.type === 's3:account-public-access-block')).toBe(false);
    expect(result.failures.map((f) => [f.operation, f.action, f.errorCode, f.kind])).toEqual([
      [
        'GetPublicAccessBlock',
        's3:GetAccountPublicAccessBlock',
        'AccessDenied',
        'missing-permission',
      ],
    ]);
    expect(lines(result.coverage).s3).toBe(
      'PARTIAL (1 resource; account Block Public Access not readable: ' +
        's3:GetAccountPublicAccessBlock denied)',
    );
  });

  it('C21 (a): no default encryption configuration is encryption "none"', async () => {
    const { sink } = await scanFake(withBuckets(['plain']));
    expect(sink.named('s3:bucket', 'plain').attributes.encryption).toEqual({
      algorithm: 'none',
      kmsKeyId: null,
      bucketKeyEnabled: false,
    });
  });

  it('C21 (b): a rule with only BucketKeyEnabled is no default encryption, bucket key on', async () => {
    const wire = withBuckets(['keyed']).on((r) =>
      r.operation === 'GetBucketEncryption'
        ? encryption('<Rule><BucketKeyEnabled>true</BucketKeyEnabled></Rule>')
        : undefined,
    );
    const { result, sink } = await scanFake(wire);
    expect(sink.named('s3:bucket', 'keyed').attributes.encryption).toEqual({
      algorithm: 'none',
      kmsKeyId: null,
      bucketKeyEnabled: true,
    });
    expect(result.failures).toEqual([]);
  });

  it('reads a public policy and public ACL grants', async () => {
    const policy = JSON.stringify({
      Statement: [
        { Effect: 'Allow', Principal: { AWS: '*' }, Action: 's3:GetObject', Resource: '*' },
      ],
    });
    const wire = withBuckets(['open'])
      .on((r) => (r.operation === 'GetBucketPolicy' ? { status: 200, body: policy } : undefined))
      .on((r) =>
        r.operation === 'GetBucketAcl'
          ? {
              status: 200,
              headers: { 'content-type': 'application/xml' },
              body:
                '<AccessControlPolicy xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Owner><ID>o</ID>' +
                '</Owner><AccessControlList><Grant><Grantee xmlns:xsi="http://www.w3.org/2001/' +
                'XMLSchema-instance" xsi:type="Group"><URI>http://acs.amazonaws.com/groups/global/' +
                'AllUsers</URI></Grantee><Permission>READ</Permission></Grant></AccessControlList>' +
                '</AccessControlPolicy>',
            }
          : undefined,
      );
    const { sink } = await scanFake(wire);
    expect(sink.named('s3:bucket', 'open').attributes).toMatchObject({
      policy: 'present',
      policyPublic: true,
      aclPublicGrants: ['READ'],
    });
  });
});

describe('C22: a 301 names the bucket’s region; it never means "setting absent"', () => {
  const redirect = awsError.s3(
    301,
    'PermanentRedirect',
    'The bucket you are attempting to access must be addressed using the specified endpoint.',
    { 'x-amz-bucket-region': 'eu-west-3' },
  );

  it('retries in the region the 301 names and reads the real setting there', async () => {
    const wire = withBuckets(['example-bucket'])
      // The location is not readable (a bucket policy may deny it), so the profile's region
      // is tried first.
      .on((r) =>
        r.operation === 'GetBucketLocation'
          ? awsError.s3(403, 'AccessDenied', 'Access Denied')
          : undefined,
      )
      .on((r) =>
        r.service === 's3' &&
        r.operation !== 'GetBucketLocation' &&
        r.operation.startsWith('GetBucket') &&
        r.region === 'eu-west-1'
          ? redirect
          : undefined,
      )
      .on((r) =>
        r.operation === 'GetBucketEncryption' && r.region === 'eu-west-3'
          ? encryption(
              '<Rule><ApplyServerSideEncryptionByDefault><SSEAlgorithm>AES256</SSEAlgorithm>' +
                '</ApplyServerSideEncryptionByDefault></Rule>',
            )
          : undefined,
      );
    const { result, sink } = await scanFake(wire, {
      ctx: (await import('./helpers/fake-account.ts')).contextAt('eu-west-1'),
      regions: ['eu-west-1'],
    });
    const bucket = sink.named('s3:bucket', 'example-bucket');
    expect(bucket.region).toBe('eu-west-3');
    expect(bucket.attributes.encryption).toEqual({
      algorithm: 'AES256',
      kmsKeyId: null,
      bucketKeyEnabled: false,
    });
    expect(result.failures.map((f) => `${f.operation} ${f.kind}`)).toEqual([
      'GetBucketLocation missing-permission',
    ]);
    expect(lines(result.coverage).s3).toBe(
      'PARTIAL (1 resource; bucket example-bucket not readable: s3:GetBucketLocation denied)',
    );
  });

  it('marks a bucket in a region the account has not enabled unreachable, and S3 PARTIAL', async () => {
    const wire = withBuckets(['far-bucket']).on((r) =>
      r.operation === 'GetBucketLocation' ? bucketLocation('eu-south-2') : undefined,
    );
    const { result, sink } = await scanFake(wire);
    const bucket = sink.named('s3:bucket', 'far-bucket');
    expect(bucket.attributes).toMatchObject({ reachable: false, encryption: null, policy: null });
    expect(lines(result.coverage).s3).toBe(
      'PARTIAL (1 resource; bucket far-bucket not readable: region eu-south-2 not enabled)',
    );
    expect(wire.requests.filter((r) => r.region === 'eu-south-2')).toEqual([]);
  });

  it('reads a bucket in another region when the regions list is denied, never "not enabled"', async () => {
    const wire = withBuckets(['far-bucket'])
      .on((r) =>
        r.operation === 'DescribeRegions'
          ? awsError.ec2(403, 'UnauthorizedOperation', 'You are not authorized')
          : undefined,
      )
      .on((r) => (r.operation === 'GetBucketLocation' ? bucketLocation('eu-west-1') : undefined));
    const { result, sink } = await scanFake(wire);
    expect(sink.named('s3:bucket', 'far-bucket').attributes).toMatchObject({ reachable: true });
    expect(lines(result.coverage).s3).toMatch(/^OK /);
    expect(wire.requests.some((r) => r.region === 'eu-west-1' && r.service === 's3')).toBe(true);
  });
});

describe('C31: the IAM action comes from the table, not from the operation name', () => {
  it('names s3:GetEncryptionConfiguration for a denied GetBucketEncryption', async () => {
    const wire = withBuckets(['locked']).on((r) =>
      r.service === 's3' &&
      (r.operation === 'GetBucketEncryption' || r.operation === 'GetPublicAccessBlock')
        ? awsError.s3(403, 'AccessDenied', 'Access Denied')
        : undefined,
    );
    const { result, sink } = await scanFake(wire);
    expect(result.failures.map((f) => [f.operation, f.action, f.kind, f.resource])).toEqual(
      expect.arrayContaining([
        ['GetBucketEncryption', 's3:GetEncryptionConfiguration', 'missing-permission', 'locked'],
        ['GetPublicAccessBlock', 's3:GetBucketPublicAccessBlock', 'missing-permission', 'locked'],
      ]),
    );
    expect(lines(result.coverage).s3).toBe(
      'PARTIAL (1 resource; bucket locked not readable: s3:GetBucketPublicAccessBlock denied, ' +
        's3:GetEncryptionConfiguration denied)',
    );
    // Unknown, not "none": nothing that failed counts as read.
    expect(sink.named('s3:bucket', 'locked').attributes.encryption).toBeNull();
  });

  it('names s3:ListAllMyBuckets for a denied ListBuckets', async () => {
    const wire = fakeAccount().on((r) =>
      r.operation === 'ListBuckets' ? awsError.s3(403, 'AccessDenied', 'Access Denied') : undefined,
    );
    const { result } = await scanFake(wire);
    // The account's settings were read, so PARTIAL; no bucket count is claimed, not even 0.
    expect(lines(result.coverage).s3).toBe(
      'PARTIAL (bucket list not readable: s3:ListAllMyBuckets denied)',
    );
  });

  it('is ERROR when neither the bucket list nor the account settings can be read', async () => {
    const wire = fakeAccount().on((r) =>
      r.operation === 'ListBuckets'
        ? awsError.s3(403, 'AccessDenied', 'Access Denied')
        : r.service === 's3_control'
          ? awsError.s3Control(403, 'AccessDenied', 'Access Denied')
          : undefined,
    );
    const { result } = await scanFake(wire);
    expect(lines(result.coverage).s3).toBe(
      'ERROR (account Block Public Access not readable: s3:GetAccountPublicAccessBlock denied; ' +
        'bucket list not readable: s3:ListAllMyBuckets denied)',
    );
  });
});
