import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { baseCredentials, fromStsCredentials } from './base-credentials.ts';
import { credentialStsClient } from './credential-clients.ts';
import type { AssumeRoleStep, BaseStep } from './credential-plan.ts';
import { describeAwsError, ProfileResolutionError } from './errors.ts';
import { settingOf } from './profile-model.ts';
import { targetFor, type ResolutionContext } from './resolution-context.ts';

/** Fetch new credentials this long before the current ones expire. */
const EXPIRY_MARGIN_MS = 5 * 60 * 1000;

/**
 * A credential provider for a planned chain: the base step, then each AssumeRole in order,
 * each with the previous step's credentials. Credentials are fetched at first use and kept
 * until shortly before they expire; a failure is not cached.
 */
export function chainProvider(
  context: ResolutionContext,
  steps: readonly [BaseStep, ...AssumeRoleStep[]],
): AwsCredentialIdentityProvider {
  let pending: Promise<AwsCredentialIdentity> | undefined;
  const resolve = async (): Promise<AwsCredentialIdentity> => {
    const [base, ...roles] = steps;
    let credentials = await baseCredentials(context, base);
    for (const role of roles) credentials = await assumeRole(context, role, credentials);
    return credentials;
  };
  return async () => {
    if (pending) {
      const current = await pending.catch(() => undefined);
      const expiration = current?.expiration?.getTime();
      if (current && (expiration === undefined || expiration - Date.now() > EXPIRY_MARGIN_MS)) {
        return current;
      }
    }
    pending = resolve();
    pending.catch(() => {
      pending = undefined;
    });
    return pending;
  };
}

async function assumeRole(
  context: ResolutionContext,
  step: AssumeRoleStep,
  source: AwsCredentialIdentity,
): Promise<AwsCredentialIdentity> {
  const profile = context.set.profiles.get(step.profile);
  if (settingOf(profile, 'mfa_serial') !== undefined) {
    throw new ProfileResolutionError(
      context.profile,
      'invalid-profile',
      `profile ${step.profile} needs an MFA code (mfa_serial) to assume ${step.roleArn}; ` +
        'Escher cannot prompt for one: use a profile without mfa_serial',
    );
  }
  const duration = Number(settingOf(profile, 'duration_seconds'));
  const externalId = settingOf(profile, 'external_id');
  const client = credentialStsClient(targetFor(context, step.profile, 'sts'), () =>
    Promise.resolve(source),
  );
  try {
    const response = await client.send(
      new AssumeRoleCommand({
        RoleArn: step.roleArn,
        RoleSessionName: settingOf(profile, 'role_session_name') ?? `escher-${Date.now()}`,
        ...(externalId === undefined ? {} : { ExternalId: externalId }),
        ...(Number.isInteger(duration) && duration > 0 ? { DurationSeconds: duration } : {}),
      }),
    );
    return fromStsCredentials(response.Credentials);
  } catch (error) {
    if (error instanceof ProfileResolutionError) throw error;
    throw new ProfileResolutionError(
      context.profile,
      'assume-role-failed',
      `profile ${step.profile} could not assume role ${step.roleArn}: ${describeAwsError(error)}`,
      { cause: error },
    );
  } finally {
    client.destroy();
  }
}
