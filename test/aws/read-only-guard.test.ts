import { TerminateInstancesCommand, DescribeInstancesCommand } from '@aws-sdk/client-ec2';
import { DeleteBucketCommand } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { AwsClients } from '../../src/aws/clients.ts';
import { findOperation, READ_OPERATIONS } from '../../src/aws/operations.ts';
import type { ProfileContext } from '../../src/aws/profile-context.ts';
import { ReadOnlyViolationError } from '../../src/aws/read-only-guard.ts';
import { SERVICE_IDS, type ServiceId } from '../../src/core/services.ts';
import { WireMock, xml } from '../scan/helpers/wire-mock.ts';

const PACKAGES: Record<ServiceId, string> = {
  sts: '@aws-sdk/client-sts',
  ec2: '@aws-sdk/client-ec2',
  s3: '@aws-sdk/client-s3',
  s3_control: '@aws-sdk/client-s3-control',
  iam: '@aws-sdk/client-iam',
  rds: '@aws-sdk/client-rds',
  lambda: '@aws-sdk/client-lambda',
  cost_explorer: '@aws-sdk/client-cost-explorer',
  cloudtrail: '@aws-sdk/client-cloudtrail',
  cloudwatch: '@aws-sdk/client-cloudwatch',
  cloudwatch_logs: '@aws-sdk/client-cloudwatch-logs',
  organizations: '@aws-sdk/client-organizations',
  config_service: '@aws-sdk/client-config-service',
  securityhub: '@aws-sdk/client-securityhub',
  guardduty: '@aws-sdk/client-guardduty',
};

function context(): ProfileContext {
  return {
    profile: 'guard-test',
    region: 'us-east-1',
    credentials: () => Promise.resolve({ accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'example' }),
    endpointFor: () => 'http://aws.invalid',
  };
}

type CommandClass = new (input: object) => object;

describe('read-only guard', () => {
  it('refuses ec2 TerminateInstances and s3 DeleteBucket before any request is made', async () => {
    const wire = new WireMock();
    const clients = new AwsClients(context(), { requestHandler: wire.handlerFor });
    await expect(
      clients.get('ec2', 'us-east-1').send(new TerminateInstancesCommand({ InstanceIds: ['i-1'] })),
    ).rejects.toThrow(ReadOnlyViolationError);
    await expect(
      clients.get('s3', 'eu-west-1').send(new DeleteBucketCommand({ Bucket: 'prod-data' })),
    ).rejects.toThrow('Refused s3:DeleteBucket');
    expect(wire.requests).toEqual([]);
    expect(clients.httpRequests).toBe(0);
  });

  it('lets a listed read through to the wire', async () => {
    const wire = new WireMock(() =>
      xml(200, '<DescribeInstancesResponse><reservationSet/></DescribeInstancesResponse>'),
    );
    const clients = new AwsClients(context(), { requestHandler: wire.handlerFor });
    const answer = await clients.get('ec2', 'us-east-1').send(new DescribeInstancesCommand({}));
    expect(answer.Reservations).toEqual([]);
    expect(wire.requests.map((request) => request.operation)).toEqual(['DescribeInstances']);
    expect(clients.httpRequests).toBe(1);
  });

  it('refuses every command of every client that is not in the table', async () => {
    const wire = new WireMock();
    const clients = new AwsClients(context(), { requestHandler: wire.handlerFor });
    let refused = 0;
    const passed: string[] = [];
    for (const service of SERVICE_IDS) {
      const pkg = (await import(PACKAGES[service])) as Record<string, unknown>;
      const client = clients.get(service, 'us-east-1') as {
        send(command: object): Promise<unknown>;
      };
      for (const [name, value] of Object.entries(pkg)) {
        if (!/^[A-Z]\w+Command$/.test(name) || typeof value !== 'function') continue;
        const operation = name.replace(/Command$/, '');
        if (findOperation(service, operation)) continue;
        try {
          await client.send(new (value as CommandClass)({}));
          passed.push(`${service}:${operation}`);
        } catch (error) {
          if (error instanceof ReadOnlyViolationError) refused += 1;
          else passed.push(`${service}:${operation} (${String(error)})`);
        }
      }
    }
    expect(passed).toEqual([]);
    expect(refused).toBeGreaterThan(1000);
    expect(wire.requests).toEqual([]);
  });

  it('has a client for every service in the table', () => {
    const clients = new AwsClients(context());
    for (const entry of READ_OPERATIONS)
      expect(clients.get(entry.service, 'us-east-1')).toBeDefined();
    clients.destroy();
  });
});
