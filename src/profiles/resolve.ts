import type { ServiceId } from '../core/services.ts';
import type { ProfileContext } from '../aws/profile-context.ts';
import { chainProvider } from './chain-provider.ts';
import { planCredentialChain } from './credential-plan.ts';
import { configureCommand, ProfileResolutionError } from './errors.ts';
import { loadProfileFiles, type LoadedProfileFiles, type ProfileFilesInput } from './load-files.ts';
import { networkSettingsOf } from './network-settings.ts';
import { endpointOf, settingOf } from './profile-model.ts';
import type { ResolutionContext } from './resolution-context.ts';
import { ssoTokenState } from './sso-credentials.ts';
import { unusableAddress } from './value-checks.ts';

export { ProfileResolutionError } from './errors.ts';
export type { ProfileResolutionReason } from './errors.ts';

export const DEFAULT_REGION = 'us-east-1';

export interface ResolveInput extends ProfileFilesInput {
  /** How long `credential_process` may run (default 60 s); tests shorten it. */
  readonly credentialProcessTimeoutMs?: number;
}

/**
 * The context for calling AWS as one explicitly named profile. Only the profile's own chain
 * counts: environment keys and AWS_REGION are ignored (field case C14), as the SDK ignores
 * them once a profile is named. Problems the files alone reveal, and an SSO login that has
 * run out, are thrown here; everything else surfaces when the credentials are first used.
 */
export async function resolveProfileContext(
  name: string,
  input: ResolveInput,
): Promise<ProfileContext> {
  const loaded = await loadProfileFiles(input);
  const { set, locations } = loaded;
  const profile = set.profiles.get(name);
  if (!profile) throw notFound(name, loaded);

  const region = settingOf(profile, 'region') ?? DEFAULT_REGION;
  const network = await networkSettingsOf(name, profile, input.env, locations.homeDir);
  const context: ResolutionContext = {
    set,
    env: input.env,
    homeDir: locations.homeDir,
    profile: name,
    region,
    network,
    ...(input.credentialProcessTimeoutMs === undefined
      ? {}
      : { credentialProcessTimeoutMs: input.credentialProcessTimeoutMs }),
  };
  const plan = planCredentialChain(set, name);
  if (!plan.ok) {
    const where = plan.source ? ` (${plan.source.file} line ${plan.source.line})` : '';
    throw new ProfileResolutionError(name, plan.reason, `${plan.message}${where}`, {
      ...(plan.reason === 'no-credentials' ? { fixCommand: configureCommand(name) } : {}),
    });
  }
  // A bad endpoint_url would otherwise surface later as "Sign-in failed (TypeError)", and a
  // bad region as a DNS error: say which line is wrong before any call.
  for (const step of plan.steps) {
    const stepProfile = set.profiles.get(step.profile);
    const bad = stepProfile && unusableAddress(set, stepProfile);
    if (bad) {
      throw new ProfileResolutionError(
        name,
        'invalid-profile',
        `${bad.message} (${bad.source.file}:${bad.source.line})`,
      );
    }
  }
  // Field case C12: an SSO login that has run out is known before any call is made.
  if (plan.steps[0].kind === 'sso') await ssoTokenState(context, plan.steps[0].profile);

  return {
    profile: name,
    region,
    credentials: chainProvider(context, plan.steps),
    endpointFor: (service: ServiceId) => endpointOf(set, profile, service),
    network,
  };
}

function notFound(name: string, loaded: LoadedProfileFiles): ProfileResolutionError {
  const { configPath, credentialsPath } = loaded.locations;
  // Field case C01: say where the section the user probably meant is, and why it is not read.
  const suspects = loaded.set.ignoredSections
    .filter((section) => section.suspectProfile === name)
    .map(
      (section) =>
        ` [${section.source.section}] at ${section.source.file} line ${section.source.line} ` +
        `is not read as ${name}: ${section.reason}.`,
    );
  return new ProfileResolutionError(
    name,
    'not-found',
    `profile ${name} not found in ${configPath} or ${credentialsPath}.${suspects.join('')}`,
    { fixCommand: configureCommand(name) },
  );
}
