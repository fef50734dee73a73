import { readFile, stat } from 'node:fs/promises';
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
  const proxyEnv = proxyEnvOf(env);
  if (named === undefined) return { proxyEnv };
  const file = expandHome(named, homeDir, currentPlatform());
  const where = fromEnv
    ? 'AWS_CA_BUNDLE'
    : `ca_bundle (${setting?.source.file ?? '?'}:${setting?.source.line ?? 0})`;
  // The variable is the user's shell, not the profile: the fix is said where it belongs.
  const fixCommand = fromEnv
    ? 'point AWS_CA_BUNDLE at a PEM file of certificates, or unset AWS_CA_BUNDLE'
    : `fix ca_bundle of profile ${profileName} at ${setting?.source.file ?? '?'}:` +
      `${setting?.source.line ?? 0}, or remove it`;
  const refuse = (why: string): never => {
    throw new ProfileResolutionError(
      profileName,
      'invalid-profile',
      `${where} names ${file}, which ${why}`,
      { fixCommand },
    );
  };
  let bundle: Buffer;
  try {
    // Not a FIFO (reading would wait forever) nor a device (it would never end).
    const found = await stat(file);
    if (!found.isFile()) refuse('is not a regular file');
    if (found.size > MAX_BUNDLE_BYTES)
      refuse(`is larger than ${MAX_BUNDLE_BYTES / 1024 / 1024} MiB`);
    bundle = await readFile(file);
  } catch (error) {
    if (error instanceof ProfileResolutionError) throw error;
    return refuse(`cannot be read (${(error as NodeJS.ErrnoException).code ?? 'unreadable'})`);
  }
  if (!bundle.includes('-----BEGIN CERTIFICATE-----')) {
    refuse('holds no PEM certificate (-----BEGIN CERTIFICATE-----)');
  }
  return { proxyEnv, caBundle: bundle };
}

/** Far larger than any bundle of certificate authorities (the system's own is under 1 MiB). */
const MAX_BUNDLE_BYTES = 16 * 1024 * 1024;

const PROXY_VARIABLES = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'] as const;

/**
 * The proxy variables as the AWS CLI reads them: `proxy.corp:3128` without a scheme means
 * `http://proxy.corp:3128` (Node would otherwise ignore it, or fail to resolve it).
 */
function proxyEnvOf(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const normalised: NodeJS.ProcessEnv = { ...env };
  for (const name of PROXY_VARIABLES) {
    const value = env[name];
    if (value && !value.includes('://')) normalised[name] = `http://${value}`;
  }
  return normalised;
}
