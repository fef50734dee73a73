import { Readable } from 'node:stream';
import type { HttpHandler } from '@smithy/core/protocols';
import { HttpResponse, type HttpRequest } from '@smithy/core/transport';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderTestAccess } from '../../src/access/render.ts';
import { testProfileByName } from '../../src/access/test-profile.ts';
import type { ServiceId } from '../../src/core/services.ts';
import { useMoto } from '../helpers/moto.ts';
import { makeAwsHome, type AwsHome } from './fixture.ts';

/**
 * Answers moto cannot give (an SCP's explicit deny, a throttling storm, a service never
 * enabled), sent at the HTTP layer with AWS's real status, headers and body, so the SDK parses
 * and retries them exactly as it does against AWS. Every other call goes to a real moto.
 */
const moto = useMoto();
let home: AwsHome | undefined;

interface Answer {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}
type Route = (service: ServiceId, operation: string) => Answer | undefined;

function operationOf(request: HttpRequest, body: string): string {
  const target = request.headers['x-amz-target'];
  if (target) return target.split('.').pop() ?? target;
  return new URLSearchParams(body).get('Action') ?? `${request.method} ${request.path}`;
}

/** Passes every request to moto unless `route` answers it; counts what each operation saw. */
function wire(route: Route) {
  const seen = new Map<string, number>();
  const real = new NodeHttpHandler();
  const handlerFor = (service: ServiceId): HttpHandler => ({
    async handle(request: HttpRequest) {
      const body = typeof request.body === 'string' ? request.body : '';
      const operation = operationOf(request, body);
      seen.set(operation, (seen.get(operation) ?? 0) + 1);
      const answer = route(service, operation);
      if (!answer) return real.handle(request);
      return {
        response: new HttpResponse({
          statusCode: answer.status,
          headers: answer.headers,
          body: Readable.from([Buffer.from(answer.body)]),
        }),
      };
    },
    updateHttpClientConfig: () => undefined,
    httpHandlerConfigs: () => ({}),
  });
  return { seen, handlerFor };
}

const jsonError = (status: number, type: string, message: string): Answer => ({
  status,
  headers: {
    'content-type': 'application/x-amz-json-1.1',
    'x-amzn-requestid': '7e0b3f2a-0000-4000-8000-000000000000',
  },
  body: JSON.stringify({ __type: type, Message: message }),
});

const ec2Throttled: Answer = {
  status: 503,
  headers: { 'content-type': 'text/xml;charset=UTF-8' },
  body:
    '<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error>' +
    '<Code>RequestLimitExceeded</Code><Message>Request limit exceeded.</Message></Error>' +
    '</Errors><RequestID>5d1b3a4c-0000-4000-8000-000000000000</RequestID></Response>',
};

const run = (route: Route) => {
  const mock = wire(route);
  const report = testProfileByName('escher-prod', {
    env: home!.env,
    homeDir: home!.homeDir,
    clients: { retryDelayMs: () => 1, requestHandler: mock.handlerFor },
  });
  return { mock, report };
};

beforeAll(async () => {
  home = await makeAwsHome({
    config: `[profile escher-prod]\nregion = us-east-1\nendpoint_url = ${moto.endpoint}\n`,
    credentials:
      '[escher-prod]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = x\n',
  });
});

afterAll(async () => {
  await home?.cleanup();
});

const HEAD = [
  'Profile: escher-prod',
  'Provider: AWS',
  'Account: 123456789012',
  'Status: ✓ Connected',
];

describe('testAccess with answers only AWS gives', () => {
  it('prints the seed block when nothing is intercepted', async () => {
    const { report } = run(() => undefined);
    expect(renderTestAccess('escher-prod', await report)).toBe(
      [...HEAD, 'Permissions: Sufficient for estate scan'].join('\n'),
    );
  });

  it('reports an SCP explicit deny as a deny naming the policy, not as a missing action', async () => {
    const { report } = run((service, operation) =>
      service === 'cost_explorer' && operation === 'GetCostAndUsage'
        ? jsonError(
            400,
            'AccessDeniedException',
            'User: arn:aws:iam::123456789012:user/escher-readonly is not authorized to perform: ' +
              'ce:GetCostAndUsage on resource: arn:aws:ce:us-east-1:123456789012:/GetCostAndUsage ' +
              'with an explicit deny in a service control policy',
          )
        : undefined,
    );
    const done = await report;
    expect(done.missing).toEqual([]);
    expect(done.denied).toEqual([
      {
        domain: 'costexplorer',
        action: 'ce:GetCostAndUsage',
        policyType: 'service control policy',
      },
    ]);
    expect(renderTestAccess('escher-prod', done)).toBe(
      [
        ...HEAD,
        'Permissions: Denied 1 action in 1 domain (Cost Explorer) by an explicit deny',
        "  - ce:GetCostAndUsage: explicit deny in a service control policy; adding it to this profile's policy will not help, the deny must be lifted",
      ].join('\n'),
    );
  });

  it('retries a throttled call and counts it allowed once it answers', async () => {
    let throttles = 2;
    const { mock, report } = run((service, operation) =>
      service === 'ec2' && operation === 'DescribeInstances' && throttles-- > 0
        ? ec2Throttled
        : undefined,
    );
    const done = await report;
    expect(mock.seen.get('DescribeInstances')).toBe(3);
    expect(renderTestAccess('escher-prod', done)).toBe(
      [...HEAD, 'Permissions: Sufficient for estate scan'].join('\n'),
    );
  });

  it('says it could not verify a call still throttled after every retry', async () => {
    const { mock, report } = run((service, operation) =>
      service === 'ec2' && operation === 'DescribeInstances' ? ec2Throttled : undefined,
    );
    const done = await report;
    expect(mock.seen.get('DescribeInstances')).toBe(5);
    expect(renderTestAccess('escher-prod', done)).toBe(
      [
        ...HEAD,
        'Permissions: Could not verify 1 action in 1 domain (EC2 Instances)',
        '  - ec2:DescribeInstances: still throttled after retries (RequestLimitExceeded)',
      ].join('\n'),
    );
  });

  it('tells a service that is not enabled from a missing permission', async () => {
    const { report } = run((service, operation) => {
      if (service === 'cost_explorer' && operation === 'GetCostAndUsage') {
        return jsonError(400, 'AccessDeniedException', 'User not enabled for cost explorer access');
      }
      if (service === 'securityhub') {
        return {
          status: 401,
          headers: {
            'content-type': 'application/json',
            'x-amzn-errortype': 'InvalidAccessException:http://internal.amazon.com/',
          },
          body: JSON.stringify({
            Code: 'InvalidAccessException',
            Message: 'Account 123456789012 is not subscribed to AWS Security Hub',
          }),
        };
      }
      return undefined;
    });
    const done = await report;
    expect(done.missing).toEqual([]);
    expect(done.notEnabled.map((entry) => [entry.label, entry.reason])).toEqual([
      [
        'Cost Explorer',
        'Cost Explorer is not enabled for this account (a setting of the paying account)',
      ],
      ['Organizations', 'standalone account: it belongs to no organization'],
      ['Security Hub', 'Security Hub is not enabled in us-east-1'],
      ['GuardDuty', 'no GuardDuty detector in us-east-1'],
    ]);
    expect(renderTestAccess('escher-prod', done)).toBe(
      [...HEAD, 'Permissions: Sufficient for estate scan'].join('\n'),
    );
  });
});
