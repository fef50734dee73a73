import type { NetworkSettings } from '../aws/network.ts';
import type { ProfileFileSet } from './profile-files.ts';
import { endpointOf, settingOf } from './profile-model.ts';

/** What every credential step needs to know about the profile being resolved. */
export interface ResolutionContext {
  readonly set: ProfileFileSet;
  readonly env: NodeJS.ProcessEnv;
  readonly homeDir: string;
  /** The profile the user asked for; fix commands name it. */
  readonly profile: string;
  /** The requested profile's region, else us-east-1. */
  readonly region: string;
  /** How long `credential_process` may run; tests shorten it. */
  readonly credentialProcessTimeoutMs?: number;
  /** The proxy and trusted certificates of every request, credential exchanges too. */
  readonly network?: NetworkSettings;
}

/**
 * Region and endpoint for a credential call made on behalf of `stepProfile`: that profile's own
 * settings first, then the requested profile's (so a chain pointed at an emulator stays there).
 */
export function targetFor(
  context: ResolutionContext,
  stepProfile: string,
  service: string,
): { region: string; endpoint?: string; network?: NetworkSettings } {
  const own = context.set.profiles.get(stepProfile);
  const requested = context.set.profiles.get(context.profile);
  const region = settingOf(own, 'region') ?? context.region;
  const endpoint =
    (own && endpointOf(context.set, own, service)) ??
    (requested && endpointOf(context.set, requested, service));
  return {
    region,
    ...(endpoint === undefined ? {} : { endpoint }),
    ...(context.network === undefined ? {} : { network: context.network }),
  };
}
