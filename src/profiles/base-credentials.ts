import { readFile } from 'node:fs/promises';
import { AssumeRoleWithWebIdentityCommand } from '@aws-sdk/client-sts';
import { fromContainerMetadata, fromInstanceMetadata } from '@aws-sdk/credential-providers';
import type { AwsCredentialIdentity } from '@smithy/types';
import { credentialStsClient } from './credential-clients.ts';
import { processCredentials } from './credential-process.ts';
import type { BaseStep } from './credential-plan.ts';
import { describeAwsError, ProfileResolutionError } from './errors.ts';
import { expandHome, currentPlatform } from './file-locations.ts';
import { settingOf } from './profile-model.ts';
import { targetFor, type ResolutionContext } from './resolution-context.ts';
import { ssoCredentials } from './sso-credentials.ts';

/** The credentials the first step of a chain yields. */
export async function baseCredentials(
  context: ResolutionContext,
  step: BaseStep,
): Promise<AwsCredentialIdentity> {
  switch (step.kind) {
    case 'static-keys':
      return staticKeys(context, step.profile);
    case 'credential-source':
      return fromCredentialSource(context, step.profile, step.source);
    case 'sso':
      return ssoCredentials(context, step.profile);
    case 'credential-process':
      return processCredentials(context, step.profile);
    case 'web-identity':
      return webIdentity(context, step.profile, step.roleArn);
  }
}

/** Keys as Escher parsed them, so upper-case names and `\r\n` files work (C05, C07). */
function staticKeys(context: ResolutionContext, name: string): AwsCredentialIdentity {
  const profile = context.set.profiles.get(name);
  const accessKeyId = settingOf(profile, 'aws_access_key_id')!;
  const secretAccessKey = settingOf(profile, 'aws_secret_access_key')!;
  const sessionToken =
    settingOf(profile, 'aws_session_token') ?? settingOf(profile, 'aws_security_token');
  return { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) };
}

async function fromCredentialSource(
  context: ResolutionContext,
  name: string,
  source: 'Environment' | 'Ec2InstanceMetadata' | 'EcsContainer',
): Promise<AwsCredentialIdentity> {
  if (source === 'Environment') {
    const { AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN } = context.env;
    if (!AWS_ACCESS_KEY_ID || !AWS_SECRET_ACCESS_KEY) {
      throw new ProfileResolutionError(
        context.profile,
        'credential-source-failed',
        `profile ${name} takes credentials from the environment (credential_source = ` +
          'Environment), but AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not both set',
      );
    }
    return {
      accessKeyId: AWS_ACCESS_KEY_ID,
      secretAccessKey: AWS_SECRET_ACCESS_KEY,
      ...(AWS_SESSION_TOKEN ? { sessionToken: AWS_SESSION_TOKEN } : {}),
    };
  }
  const provider =
    source === 'Ec2InstanceMetadata'
      ? fromInstanceMetadata({ timeout: 2000, maxRetries: 1 })
      : fromContainerMetadata({ timeout: 2000, maxRetries: 1 });
  try {
    return await provider();
  } catch (error) {
    throw new ProfileResolutionError(
      context.profile,
      'credential-source-failed',
      `profile ${name} takes credentials from ${source}, which gave none: ` +
        describeAwsError(error),
      { cause: error },
    );
  }
}

async function webIdentity(
  context: ResolutionContext,
  name: string,
  roleArn: string,
): Promise<AwsCredentialIdentity> {
  const profile = context.set.profiles.get(name);
  const file = expandHome(
    settingOf(profile, 'web_identity_token_file')!,
    context.homeDir,
    currentPlatform(),
  );
  let token: string;
  try {
    token = (await readFile(file, 'utf8')).trim();
  } catch {
    throw new ProfileResolutionError(
      context.profile,
      'web-identity-failed',
      `web_identity_token_file of profile ${name} (${file}) cannot be read`,
    );
  }
  const client = credentialStsClient(targetFor(context, name, 'sts'));
  try {
    const response = await client.send(
      new AssumeRoleWithWebIdentityCommand({
        RoleArn: roleArn,
        RoleSessionName: settingOf(profile, 'role_session_name') ?? `escher-${Date.now()}`,
        WebIdentityToken: token,
      }),
    );
    return fromStsCredentials(response.Credentials);
  } catch (error) {
    throw new ProfileResolutionError(
      context.profile,
      'web-identity-failed',
      `profile ${name} could not assume ${roleArn} with its web identity token: ` +
        describeAwsError(error),
      { cause: error },
    );
  } finally {
    client.destroy();
  }
}

export function fromStsCredentials(
  credentials:
    | { AccessKeyId?: string; SecretAccessKey?: string; SessionToken?: string; Expiration?: Date }
    | undefined,
): AwsCredentialIdentity {
  if (!credentials?.AccessKeyId || !credentials.SecretAccessKey) {
    throw new Error('STS returned no credentials');
  }
  return {
    accessKeyId: credentials.AccessKeyId,
    secretAccessKey: credentials.SecretAccessKey,
    ...(credentials.SessionToken ? { sessionToken: credentials.SessionToken } : {}),
    ...(credentials.Expiration ? { expiration: credentials.Expiration } : {}),
  };
}
