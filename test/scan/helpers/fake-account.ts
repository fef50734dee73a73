import type { ProfileContext } from '../../../src/aws/profile-context.ts';
import { scanAccount } from '../../../src/scan/scan-account.ts';
import type { AccountScanResult, ScanOptions } from '../../../src/scan/scan-types.ts';
import { MemorySink } from './memory-sink.ts';
import { awsError, json, WireMock, xml, type WireAnswer, type WireRequest } from './wire-mock.ts';

export const ACCOUNT = '111122223333';
export const CALLER_ARN = `arn:aws:iam::${ACCOUNT}:user/escher`;

const EC2_NS = 'xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"';
const IAM_NS = 'xmlns="https://iam.amazonaws.com/doc/2010-05-08/"';
const META =
  '<ResponseMetadata><RequestId>0c5bd31c-0000-4000-8000-000000000000</RequestId></ResponseMetadata>';

/** `[name, optInStatus]` as DescribeRegions lists them. */
export function describeRegions(regions: readonly (readonly [string, string])[]): WireAnswer {
  const items = regions
    .map(
      ([name, status]) =>
        `<item><regionName>${name}</regionName><regionEndpoint>ec2.${name}.amazonaws.com` +
        `</regionEndpoint><optInStatus>${status}</optInStatus></item>`,
    )
    .join('');
  return xml(
    200,
    `<DescribeRegionsResponse ${EC2_NS}><requestId>r-1</requestId><regionInfo>${items}` +
      '</regionInfo></DescribeRegionsResponse>',
  );
}

export function iamList(
  operation: 'ListUsers' | 'ListRoles',
  names: readonly string[],
): WireAnswer {
  const kind = operation === 'ListUsers' ? 'user' : 'role';
  const tag = operation === 'ListUsers' ? 'Users' : 'Roles';
  const members = names
    .map(
      (name, index) =>
        `<member><Path>/</Path><${kind === 'user' ? 'UserName' : 'RoleName'}>${name}</${kind === 'user' ? 'UserName' : 'RoleName'}>` +
        `<${kind === 'user' ? 'UserId' : 'RoleId'}>AID${index}</${kind === 'user' ? 'UserId' : 'RoleId'}>` +
        `<Arn>arn:aws:iam::${ACCOUNT}:${kind}/${name}</Arn>` +
        '<CreateDate>2024-01-01T00:00:00Z</CreateDate></member>',
    )
    .join('');
  return xml(
    200,
    `<${operation}Response ${IAM_NS}><${operation}Result><IsTruncated>false</IsTruncated>` +
      `<${tag}>${members}</${tag}></${operation}Result>${META}</${operation}Response>`,
  );
}

export function generateReport(state: string): WireAnswer {
  return xml(
    200,
    `<GenerateCredentialReportResponse ${IAM_NS}><GenerateCredentialReportResult><State>${state}` +
      `</State></GenerateCredentialReportResult>${META}</GenerateCredentialReportResponse>`,
  );
}

export const REPORT_HEADER =
  'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,' +
  'password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,' +
  'access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,' +
  'access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,' +
  'access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,' +
  'cert_1_last_rotated,cert_2_active,cert_2_last_rotated';

export function credentialReport(rows: readonly string[]): WireAnswer {
  const content = Buffer.from([REPORT_HEADER, ...rows].join('\n')).toString('base64');
  return xml(
    200,
    `<GetCredentialReportResponse ${IAM_NS}><GetCredentialReportResult><Content>${content}` +
      '</Content><ReportFormat>text/csv</ReportFormat><GeneratedTime>2026-11-30T10:00:00Z' +
      `</GeneratedTime></GetCredentialReportResult>${META}</GetCredentialReportResponse>`,
  );
}

export function listBuckets(names: readonly string[]): WireAnswer {
  const buckets = names
    .map(
      (name) =>
        `<Bucket><Name>${name}</Name><CreationDate>2024-01-01T00:00:00.000Z</CreationDate></Bucket>`,
    )
    .join('');
  return xml(
    200,
    '<ListAllMyBucketsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Owner><ID>owner</ID>' +
      `</Owner><Buckets>${buckets}</Buckets></ListAllMyBucketsResult>`,
  );
}

export function bucketLocation(constraint: string | null): WireAnswer {
  const ns = 'xmlns="http://s3.amazonaws.com/doc/2006-03-01/"';
  return xml(
    200,
    constraint === null
      ? `<LocationConstraint ${ns}/>`
      : `<LocationConstraint ${ns}>${constraint}</LocationConstraint>`,
  );
}

export function encryption(rules: string): WireAnswer {
  return xml(
    200,
    '<ServerSideEncryptionConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/">' +
      `${rules}</ServerSideEncryptionConfiguration>`,
  );
}

const EMPTY_ACL = xml(
  200,
  '<AccessControlPolicy xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Owner><ID>owner</ID>' +
    '</Owner><AccessControlList></AccessControlList></AccessControlPolicy>',
);

const NO_BLOCK = 'The public access block configuration was not found';

/** An account with nothing in it, answering every read of the scan as AWS does. */
function quiet(request: WireRequest): WireAnswer {
  const region = request.region;
  switch (request.operation) {
    case 'GetCallerIdentity':
      return xml(
        200,
        '<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">' +
          `<GetCallerIdentityResult><Arn>${CALLER_ARN}</Arn><UserId>AIDAEXAMPLE</UserId>` +
          `<Account>${ACCOUNT}</Account></GetCallerIdentityResult>${META}</GetCallerIdentityResponse>`,
      );
    case 'DescribeRegions':
      return describeRegions([[region, 'opt-in-not-required']]);
    case 'DescribeInstances':
      return xml(
        200,
        `<DescribeInstancesResponse ${EC2_NS}><requestId>r-2</requestId><reservationSet/>` +
          '</DescribeInstancesResponse>',
      );
    case 'ListBuckets':
      return listBuckets([]);
    case 'GetBucketLocation':
      return bucketLocation(null);
    case 'GetBucketPolicy':
      return awsError.s3(404, 'NoSuchBucketPolicy', 'The bucket policy does not exist');
    case 'GetBucketAcl':
      return EMPTY_ACL;
    case 'GetPublicAccessBlock': {
      const absent = ['NoSuchPublicAccessBlockConfiguration', NO_BLOCK] as const;
      return request.service === 's3_control'
        ? awsError.s3Control(404, ...absent)
        : awsError.s3(404, ...absent);
    }
    case 'GetBucketEncryption':
      return awsError.s3(
        404,
        'ServerSideEncryptionConfigurationNotFoundError',
        'The server side encryption configuration was not found',
      );
    case 'ListUsers':
    case 'ListRoles':
      return iamList(request.operation, []);
    case 'GenerateCredentialReport':
      return generateReport('COMPLETE');
    case 'GetCredentialReport':
      return credentialReport([]);
    case 'DescribeDBInstances':
      return xml(
        200,
        '<DescribeDBInstancesResponse xmlns="http://rds.amazonaws.com/doc/2014-10-31/">' +
          `<DescribeDBInstancesResult><DBInstances/></DescribeDBInstancesResult>${META}` +
          '</DescribeDBInstancesResponse>',
      );
    case 'ListFunctions':
      return json({ Functions: [] });
    case 'GetCostAndUsage':
      return json({
        ResultsByTime: [
          {
            TimePeriod: { Start: '2026-11-01', End: '2026-12-01' },
            Total: { UnblendedCost: { Amount: '1234.5', Unit: 'USD' } },
            Groups: [],
            Estimated: false,
          },
        ],
        DimensionValueAttributes: [],
      });
    case 'DescribeTrails':
      return json({ trailList: [] });
    case 'DescribeAlarms':
      return {
        ...json({ MetricAlarms: [], CompositeAlarms: [] }),
        headers: { 'content-type': 'application/x-amz-json-1.0' },
      };
    case 'DescribeLogGroups':
      return json({ logGroups: [] });
    case 'DescribeOrganization':
      return awsError.json(
        400,
        'AWSOrganizationsNotInUseException',
        'Your account is not a member of an organization.',
      );
    case 'DescribeConfigRules':
      return json({ ConfigRules: [] });
    case 'GetFindings':
      return json({ Findings: [] });
    case 'ListDetectors':
      return json({ detectorIds: [] });
    default:
      return awsError.json(400, 'UnknownOperationException', `no answer for ${request.operation}`);
  }
}

export function fakeAccount(): WireMock {
  return new WireMock(quiet);
}

export function contextAt(region = 'us-east-1', profile = 'escher-prod'): ProfileContext {
  return {
    profile,
    region,
    credentials: () =>
      Promise.resolve({ accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wire-mock-secret' }),
    // AWS itself: no endpoint, so nothing is mistaken for an emulator.
    endpointFor: () => undefined,
  };
}

export interface FakeScan {
  readonly result: AccountScanResult;
  readonly sink: MemorySink;
}

/** Scans the fake account through the real clients, with instant retries and waits. */
export async function scanFake(
  wire: WireMock,
  options: Partial<Omit<ScanOptions, 'sink'>> & { ctx?: ProfileContext } = {},
): Promise<FakeScan> {
  const sink = new MemorySink();
  const { ctx, ...rest } = options;
  const result = await scanAccount(ctx ?? contextAt(), {
    sink,
    sleep: () => Promise.resolve(),
    ...rest,
    clientOptions: {
      requestHandler: wire.handlerFor,
      retryDelayMs: () => 1,
      ...rest.clientOptions,
    },
  });
  return { result, sink };
}
