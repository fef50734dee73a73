import { describe, expect, it } from 'vitest';
import { classifyCallError, explicitDenyOf } from '../../src/access/classify-call.ts';
import { bucketRegion } from '../../src/access/run-probes.ts';
import { NotAnAwsAnswerError } from '../../src/aws/answer-check.ts';
import { requireOperation } from '../../src/aws/operations.ts';
import type { ServiceId } from '../../src/core/services.ts';

/** The fields an SDK service exception carries: `name`, `$fault`, `$metadata`, message. */
function awsError(name: string, status: number, message: string) {
  return Object.assign(new Error(message), {
    name,
    $fault: status >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode: status },
  });
}

const cases: [string, ServiceId, string, unknown, unknown][] = [
  // A captive portal's page with HTTP 200 says nothing about permissions.
  [
    'an answer that did not come from AWS',
    'lambda',
    'ListFunctions',
    new NotAnAwsAnswerError('ListFunctions', 'Functions', 200),
    { kind: 'unverified', reason: 'the answer did not come from AWS' },
  ],
  // C30: EC2 names no action; the action comes from the table, never from the message.
  [
    'C30 EC2 denial without an action name',
    'ec2',
    'DescribeInstances',
    awsError('UnauthorizedOperation', 403, 'You are not authorized to perform this operation.'),
    { kind: 'missing' },
  ],
  [
    'C32 SCP explicit deny',
    'cost_explorer',
    'GetCostAndUsage',
    awsError(
      'AccessDeniedException',
      400,
      'User: arn:aws:iam::1:user/x is not authorized to perform: ce:GetCostAndUsage with an ' +
        'explicit deny in a service control policy',
    ),
    { kind: 'denied', policyType: 'service control policy' },
  ],
  [
    'explicit deny in an identity-based policy',
    'iam',
    'ListUsers',
    awsError(
      'AccessDenied',
      403,
      'User: arn:aws:iam::1:user/x is not authorized to perform: iam:ListUsers on resource: ' +
        'arn:aws:iam::1:user/ with an explicit deny in an identity-based policy',
    ),
    { kind: 'denied', policyType: 'identity-based policy' },
  ],
  [
    'C25a Cost Explorer not enabled by the payer',
    'cost_explorer',
    'GetCostAndUsage',
    awsError('AccessDeniedException', 400, 'User not enabled for cost explorer access'),
    { kind: 'not-enabled', reason: expect.stringContaining('Cost Explorer is not enabled') },
  ],
  [
    'C25b no cost data yet',
    'cost_explorer',
    'GetCostAndUsage',
    awsError('DataUnavailableException', 400, 'Data is not available.'),
    { kind: 'allowed' },
  ],
  [
    'C26 Security Hub not subscribed',
    'securityhub',
    'GetFindings',
    awsError('InvalidAccessException', 401, 'not subscribed'),
    { kind: 'not-enabled', reason: 'Security Hub is not enabled' },
  ],
  [
    'C28a standalone account',
    'organizations',
    'DescribeOrganization',
    awsError('AWSOrganizationsNotInUseException', 400, 'not in use'),
    { kind: 'not-enabled', reason: 'standalone account: it belongs to no organization' },
  ],
  [
    'C23 credential report not generated yet: the call was authorised',
    'iam',
    'GetCredentialReport',
    awsError('ReportNotPresent', 410, 'not present'),
    { kind: 'allowed' },
  ],
  [
    'C29 still throttled',
    'ec2',
    'DescribeInstances',
    awsError('RequestLimitExceeded', 503, 'Request limit exceeded.'),
    { kind: 'unverified', reason: 'still throttled after retries (RequestLimitExceeded)' },
  ],
  [
    'an XML 403 where JSON was expected (gateways, emulators)',
    'cloudwatch_logs',
    'DescribeLogGroups',
    Object.assign(new SyntaxError('Unexpected token <'), {
      $metadata: { httpStatusCode: 403 },
      $responseBodyText:
        '<ErrorResponse><Error><Code>AccessDenied</Code><Message>User: x is not authorized ' +
        'to perform: logs:DescribeLogGroups</Message></Error></ErrorResponse>',
    }),
    { kind: 'missing' },
  ],
  // The scan's diagnostics and Test Access read one classifier: codes one side alone knew now
  // mean the same on both.
  [
    'a denial code the scanner alone knew',
    'ec2',
    'DescribeInstances',
    awsError('ForbiddenException', 403, 'Forbidden'),
    { kind: 'missing' },
  ],
  [
    'a throttling code the scanner alone knew',
    'ec2',
    'DescribeInstances',
    awsError('EC2ThrottledException', 503, 'Slow down'),
    { kind: 'unverified', reason: 'still throttled after retries (EC2ThrottledException)' },
  ],
  [
    'no answer at all',
    'iam',
    'ListUsers',
    Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }),
    { kind: 'unverified', reason: 'no answer from the endpoint (ECONNREFUSED)' },
  ],
];

describe('classifyCallError', () => {
  it.each(cases)('%s', (_, service, operation, error, expected) => {
    expect(classifyCallError(error, requireOperation(service, operation))).toEqual(expected);
  });

  it('reads only the kind of deny from a message', () => {
    expect(explicitDenyOf('... because no identity-based policy allows the x:Y action')).toBe(
      undefined,
    );
    expect(explicitDenyOf('... with an explicit deny in a permissions boundary')).toEqual({
      policyType: 'permissions boundary',
    });
    expect(explicitDenyOf('... with an explicit deny')).toEqual({});
  });
});

describe('bucketRegion (C18)', () => {
  it.each([
    [undefined, 'us-east-1'],
    ['', 'us-east-1'],
    ['EU', 'eu-west-1'],
    ['eu-west-3', 'eu-west-3'],
  ])('%s → %s', (constraint, region) => {
    expect(bucketRegion(constraint)).toBe(region);
  });
});
