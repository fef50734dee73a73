import { readFile } from 'node:fs/promises';
import type { NetworkSettings } from '../aws/network.ts';
import { ProfileResolutionError } from './errors.ts';
import { currentPlatform, expandHome } from './file-locations.ts';
import type { MergedSection } from './profile-files.ts';
import { propertyOf } from './profile-model.ts';

/**
 * The network settings of one profile, read as the AWS CLI reads them: AWS_CA_BUNDLE first,
 * then the profile's `ca_bundle`; the proxy from the environment's HTTPS_PROXY, HTTP_PROXY and
 * NO_PROXY. A bundle that cannot be read is said with its file and line before any call.
 */
export async function networkSettingsOf(
  profileName: string,
  profile: MergedSection,
  env: NodeJS.ProcessEnv,
  homeDir: string,
): Promise<NetworkSettings> {
  const setting = propertyOf(profile, 'ca_bundle');
  const fromEnv = env.AWS_CA_BUNDLE !== undefined && env.AWS_CA_BUNDLE !== '';
  const named = fromEnv ? env.AWS_CA_BUNDLE : setting?.value || undefined;
  if (named === undefined) return { proxyEnv: env };
  const file = expandHome(named, homeDir, currentPlatform());
  try {
    return { proxyEnv: env, caBundle: await readFile(file) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    const where = fromEnv
      ? 'AWS_CA_BUNDLE'
      : `ca_bundle (${setting?.source.file ?? '?'}:${setting?.source.line ?? 0})`;
    throw new ProfileResolutionError(
      profileName,
      'invalid-profile',
      `${where} names ${file}, which cannot be read (${code}); fix the path or remove the setting`,
    );
  }
}
