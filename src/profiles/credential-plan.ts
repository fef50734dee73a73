import type { ProfileFileSet } from './profile-files.ts';
import {
  hasStaticKeys,
  isCredentialSource,
  isSso,
  isWebIdentity,
  propertyOf,
  settingOf,
  type CredentialSource,
} from './profile-model.ts';
import type { SourceLocation } from './types.ts';

/**
 * The order of credential steps for one profile, worked out from the files alone: the first
 * step yields base credentials, each later step is an AssumeRole using the previous result.
 */
export type BaseStep =
  | { readonly kind: 'static-keys'; readonly profile: string }
  | {
      readonly kind: 'credential-source';
      readonly profile: string;
      readonly source: CredentialSource;
    }
  | { readonly kind: 'sso'; readonly profile: string }
  | { readonly kind: 'credential-process'; readonly profile: string }
  | { readonly kind: 'web-identity'; readonly profile: string; readonly roleArn: string };

export interface AssumeRoleStep {
  readonly kind: 'assume-role';
  readonly profile: string;
  readonly roleArn: string;
}

export type ChainStep = BaseStep | AssumeRoleStep;

export type ChainProblem =
  | 'source-profile-missing'
  | 'source-and-credential-source'
  | 'invalid-credential-source'
  | 'role-chain-cycle'
  | 'source-without-credentials'
  | 'no-credentials';

export type ChainPlan =
  | { readonly ok: true; readonly steps: readonly [BaseStep, ...AssumeRoleStep[]] }
  | {
      readonly ok: false;
      readonly reason: 'no-credentials' | 'invalid-profile';
      readonly code: ChainProblem;
      readonly message: string;
      readonly source?: SourceLocation;
    };

/**
 * Walks `source_profile` links the way the SDKs do: the named profile uses its role if it has
 * one; every profile further down stops the walk as soon as it has static keys (field case
 * C13), so a chain may end in a profile that has only `credential_source` and no `role_arn`.
 */
export function planCredentialChain(set: ProfileFileSet, name: string): ChainPlan {
  const roles: AssumeRoleStep[] = [];
  const visited: string[] = [];
  let current = name;
  for (;;) {
    const profile = set.profiles.get(current);
    const first = visited.length === 0;
    if (!profile) {
      const link = propertyOf(set.profiles.get(visited.at(-1) ?? ''), 'source_profile');
      return {
        ok: false,
        reason: 'invalid-profile',
        code: 'source-profile-missing',
        message: `source_profile ${current} of profile ${visited.at(-1) ?? name} does not exist`,
        ...(link ? { source: link.source } : {}),
      };
    }
    if (!first && hasStaticKeys(profile)) {
      return done({ kind: 'static-keys', profile: current }, roles);
    }
    const roleArn = settingOf(profile, 'role_arn');
    const sourceProfile = settingOf(profile, 'source_profile');
    const credentialSource = settingOf(profile, 'credential_source');
    if (sourceProfile !== undefined && credentialSource !== undefined) {
      return {
        ok: false,
        reason: 'invalid-profile',
        code: 'source-and-credential-source',
        message: `profile ${current} sets both source_profile and credential_source; keep one`,
        source: propertyOf(profile, 'credential_source')!.source,
      };
    }
    if (credentialSource !== undefined && (roleArn !== undefined || !first)) {
      if (!isCredentialSource(credentialSource)) {
        return {
          ok: false,
          reason: 'invalid-profile',
          code: 'invalid-credential-source',
          message:
            `credential_source of profile ${current} is "${credentialSource}"; it must be ` +
            'Environment, Ec2InstanceMetadata or EcsContainer',
          source: propertyOf(profile, 'credential_source')!.source,
        };
      }
      if (roleArn !== undefined) roles.push({ kind: 'assume-role', profile: current, roleArn });
      return done({ kind: 'credential-source', profile: current, source: credentialSource }, roles);
    }
    if (roleArn !== undefined && sourceProfile !== undefined) {
      if (visited.includes(current)) {
        return {
          ok: false,
          reason: 'invalid-profile',
          code: 'role-chain-cycle',
          message:
            `role chain loops: ${[...visited, current].join(' -> ')}; point source_profile ` +
            `of ${current} at a profile with credentials (keys, SSO or credential_process)`,
          source: propertyOf(profile, 'source_profile')!.source,
        };
      }
      visited.push(current);
      roles.push({ kind: 'assume-role', profile: current, roleArn });
      current = sourceProfile;
      continue;
    }
    const base = baseStepOf(set, current);
    if (base) return done(base, roles);
    const via = first ? '' : ` (source_profile of ${visited.at(-1) ?? name})`;
    return {
      ok: false,
      reason: first ? 'no-credentials' : 'invalid-profile',
      code: first ? 'no-credentials' : 'source-without-credentials',
      message: `profile ${current}${via} has no credentials: no keys, role, SSO, process or token`,
      source: profile.sources[0]!,
    };
  }
}

function baseStepOf(set: ProfileFileSet, name: string): BaseStep | undefined {
  const profile = set.profiles.get(name)!;
  if (hasStaticKeys(profile)) return { kind: 'static-keys', profile: name };
  if (isWebIdentity(profile)) {
    return { kind: 'web-identity', profile: name, roleArn: settingOf(profile, 'role_arn')! };
  }
  if (settingOf(profile, 'credential_process') !== undefined) {
    return { kind: 'credential-process', profile: name };
  }
  if (isSso(profile)) return { kind: 'sso', profile: name };
  return undefined;
}

function done(base: BaseStep, roles: AssumeRoleStep[]): ChainPlan {
  // Roles were collected from the named profile down; they are assumed from the base up.
  return { ok: true, steps: [base, ...[...roles].reverse()] };
}
