import { DescribeTrailsCommand } from '@aws-sdk/client-cloudtrail';
import { DescribeInstancesCommand } from '@aws-sdk/client-ec2';
import { GetPublicAccessBlockCommand } from '@aws-sdk/client-s3-control';
import { describe, expect, it } from 'vitest';
import { AwsClients } from '../../src/aws/clients.ts';
import { classifyError, type FailedCallContext } from '../../src/aws/classify-error.ts';
import type { ProfileContext } from '../../src/aws/profile-context.ts';
import { redactSecrets } from '../../src/aws/redact.ts';
import { WireMock, type WireAnswer } from '../scan/helpers/wire-mock.ts';

function context(endpoint: string | undefined): ProfileContext {
  return {
    profile: 'escher-prod',
    region: 'us-east-1',
    credentials: () => Promise.resolve({ accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'example' }),
    endpointFor: () => endpoint,
  };
}

const TRAILS: FailedCallContext = {
  service: 'cloudtrail',
  operation: 'DescribeTrails',
  region: 'us-east-1',
  profile: 'escher-prod',
  homeRegion: 'us-east-1',
  regional: true,
};

/** What moto 5.2 answers for an operation it does not implement (measured). */
const MOTO_NOT_IMPLEMENTED: WireAnswer = {
  status: 500,
  headers: { server: 'Werkzeug/3.1.8 Python/3.11.7', 'content-type': 'text/html; charset=utf-8' },
  body:
    '<!doctype html>\n<html lang=en>\n<title>500 Internal Server Error</title>\n<h1>Internal ' +
    'Server Error</h1>\n<p>The server encountered an internal error and was unable to complete ' +
    'your request.</p>\n',
};

async function failureOf(answer: WireAnswer, endpoint: string | undefined) {
  const wire = new WireMock(() => answer);
  const clients = new AwsClients(context(endpoint), {
    requestHandler: wire.handlerFor,
    maxAttempts: 1,
  });
  const error: unknown = await clients
    .get('cloudtrail', 'us-east-1')
    .send(new DescribeTrailsCommand({}))
    .catch((caught: unknown) => caught);
  return classifyError(error, {
    ...TRAILS,
    customEndpoint: clients.hasCustomEndpoint('cloudtrail'),
  });
}

describe('classifyError', () => {
  it('calls an emulator’s HTML 500 for an operation it lacks "not implemented"', async () => {
    const failure = await failureOf(MOTO_NOT_IMPLEMENTED, 'http://127.0.0.1:5000');
    expect(failure).toMatchObject({ kind: 'not-implemented', httpStatus: 500 });
    expect(failure.fix).toContain('does not implement DescribeTrails');
    // The SDK's words for developers ("inspect the hidden field {error}.$response") stay out.
    expect(failure.message).toBe('the answer could not be read as an AWS answer (HTTP 500)');
  });

  it('calls the same answer from AWS itself a service error', async () => {
    const failure = await failureOf(MOTO_NOT_IMPLEMENTED, undefined);
    expect(failure.kind).toBe('service-error');
  });

  it('calls an InternalFailure a service error with the code', async () => {
    const failure = await failureOf(
      {
        status: 500,
        headers: { 'content-type': 'application/x-amz-json-1.1' },
        body: JSON.stringify({ __type: 'InternalFailure', message: 'internal' }),
      },
      undefined,
    );
    expect(failure).toMatchObject({ kind: 'service-error', errorCode: 'InternalFailure' });
  });

  it('reads the code of an XML error sent to a JSON API (moto’s answer to a bad signature)', async () => {
    const failure = await failureOf(
      {
        status: 403,
        headers: { 'content-type': 'text/html; charset=utf-8' },
        body:
          '<?xml version="1.0" encoding="utf-8"?>\n<ErrorResponse><Errors><Error><Code>' +
          'SignatureDoesNotMatch</Code><Message>The request signature we calculated does not ' +
          'match the signature you provided.</Message><Type>Sender</Type></Error></Errors>' +
          '</ErrorResponse>',
      },
      'http://127.0.0.1:5000',
    );
    expect(failure).toMatchObject({
      kind: 'auth-failed',
      errorCode: 'SignatureDoesNotMatch',
      httpStatus: 403,
    });
  });

  it('reads the code moto nests too deep for S3 Control, and names both actions', async () => {
    // moto 5.2's answer to an S3 Control read it checks as s3:GetPublicAccessBlock (measured).
    const wire = new WireMock(() => ({
      status: 403,
      headers: { 'content-type': 'text/html; charset=utf-8' },
      body:
        '<?xml version="1.0" encoding="utf-8"?>\n<ErrorResponse><Errors><Error><Code>' +
        'AccessDenied</Code><Message>User: arn:aws:iam::123456789012:user/u is not authorized ' +
        'to perform: s3:GetPublicAccessBlock</Message><Type>Sender</Type></Error></Errors>' +
        '</ErrorResponse>',
    }));
    const clients = new AwsClients(context('http://127.0.0.1:5000'), {
      requestHandler: wire.handlerFor,
      maxAttempts: 1,
    });
    const error: unknown = await clients
      .get('s3_control', 'us-east-1')
      .send(new GetPublicAccessBlockCommand({ AccountId: '123456789012' }))
      .catch((caught: unknown) => caught);
    const failure = classifyError(error, {
      ...TRAILS,
      service: 's3_control',
      operation: 'GetPublicAccessBlock',
      regional: false,
      customEndpoint: true,
    });
    expect(failure).toMatchObject({
      kind: 'missing-permission',
      errorCode: 'AccessDenied',
      action: 's3:GetAccountPublicAccessBlock',
    });
    expect(failure.fix).toContain(
      'Add s3:GetAccountPublicAccessBlock to the IAM policy of the principal that profile ' +
        'escher-prod uses (escher policy prints the whole policy). The answer names ' +
        's3:GetPublicAccessBlock: if adding s3:GetAccountPublicAccessBlock does not help, grant ' +
        's3:GetPublicAccessBlock too',
    );
  });

  it('names no second action when the answer names the one in the table', async () => {
    const failure = await failureOf(
      {
        status: 400,
        headers: { 'content-type': 'application/x-amz-json-1.1' },
        body: JSON.stringify({
          __type: 'AccessDeniedException',
          message:
            'User: arn:aws:iam::123456789012:user/u is not authorized to perform: ' +
            'cloudtrail:DescribeTrails because no identity-based policy allows it',
        }),
      },
      undefined,
    );
    expect(failure.kind).toBe('missing-permission');
    expect(failure.fix).not.toContain('The answer names');
    expect(failure.fix).toContain('with a principal allowed cloudtrail:LookupEvents');
  });

  it('calls a refused connection a network failure', async () => {
    const clients = new AwsClients(context('http://127.0.0.1:9'), { maxAttempts: 1 });
    const error: unknown = await clients
      .get('ec2', 'us-east-1')
      .send(new DescribeInstancesCommand({}))
      .catch((caught: unknown) => caught);
    clients.destroy();
    const failure = classifyError(error, {
      ...TRAILS,
      service: 'ec2',
      operation: 'DescribeInstances',
    });
    expect(failure).toMatchObject({ kind: 'network', errorCode: 'ECONNREFUSED' });
  });

  it('never returns a key id or a secret inside the message', () => {
    const failure = classifyError(
      {
        name: 'SignatureDoesNotMatch',
        $fault: 'client',
        $metadata: { httpStatusCode: 403 },
        message:
          'The request signature we calculated does not match. Credential=AKIAIOSFODNN7EXAMPLE/2026' +
          '1201/us-east-1/cloudtrail/aws4_request secret wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      },
      TRAILS,
    );
    expect(failure.kind).toBe('auth-failed');
    expect(failure.message).not.toContain('AKIAIOSFODNN7EXAMPLE');
    expect(failure.message).not.toContain('wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY');
  });
});

describe('redactSecrets', () => {
  it.each([
    ['an access key id', 'key AKIAIOSFODNN7EXAMPLE was used', 'AKIAIOSFODNN7EXAMPLE'],
    ['a temporary key id', 'key ASIAIOSFODNN7EXAMPLE expired', 'ASIAIOSFODNN7EXAMPLE'],
    ['a secret', 'secret=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'wJalrXUtnFEMI'],
    ['a session token', `token ${'IQoJb3JpZ2luX2VjEJr'.repeat(10)}`, 'IQoJb3JpZ2luX2VjEJr'],
    ['a signature', 'Signature=f00dfeed0123456789abcdef, more', 'f00dfeed0123456789abcdef'],
  ])('removes %s', (_what, text, secret) => {
    expect(redactSecrets(text)).not.toContain(secret);
  });

  it('keeps the words that explain the failure', () => {
    const text =
      'User: arn:aws:iam::111122223333:user/escher is not authorized to perform: ' +
      'iam:ListRoles on resource: arn:aws:iam::111122223333:role/';
    expect(redactSecrets(text)).toBe(text);
  });
});
