import { describe, expect, it } from 'vitest';
import { resolutionFailure } from '../../src/access/auth-failure.ts';
import { ProfileResolutionError } from '../../src/profiles/errors.ts';

/** What Node gives for a port nothing listens on, as the SDK passes it on. */
const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), {
  code: 'ECONNREFUSED',
});
/** The SSO portal's answer to an access token it no longer accepts. */
const unauthorized = Object.assign(new Error('Session token not found or invalid'), {
  name: 'UnauthorizedException',
  $fault: 'client',
  $metadata: { httpStatusCode: 401 },
});

const failed = (reason: 'assume-role-failed' | 'sso-failed', cause: unknown) =>
  new ProfileResolutionError('prod', reason, 'the exchange failed', { cause });

describe(resolutionFailure.name, () => {
  it('calls a role exchange that got no answer unreachable, not a trust-policy problem', () => {
    const failure = resolutionFailure(failed('assume-role-failed', refused), {
      roleArn: 'arn:aws:iam::111122223333:role/Escher',
      endpointUrl: 'http://127.0.0.1:1',
    });
    expect(failure).toMatchObject({
      kind: 'unreachable',
      summary: 'No answer from http://127.0.0.1:1 (ECONNREFUSED)',
      fix: 'check the network, and endpoint_url of profile prod',
    });
  });

  it('calls an SSO portal that got no answer unreachable, not an expired login', () => {
    const failure = resolutionFailure(failed('sso-failed', refused), {});
    expect(failure.kind).toBe('unreachable');
    expect(failure.summary).toBe('No answer from the SSO portal (ECONNREFUSED)');
    expect(failure.fix).not.toContain('aws sso login');
  });

  it('keeps an SSO portal that refuses the token an expired login, with its fix', () => {
    const error = new ProfileResolutionError('prod', 'sso-expired', 'refused', {
      cause: unauthorized,
      fixCommand: 'aws sso login --profile prod',
    });
    expect(resolutionFailure(error, {})).toMatchObject({
      kind: 'sso-expired',
      fix: 'aws sso login --profile prod',
    });
  });
});
