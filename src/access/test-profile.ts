import { readProfileCatalog } from '../profiles/catalog.ts';
import { ProfileResolutionError } from '../profiles/errors.ts';
import { DEFAULT_REGION, resolveProfileContext } from '../profiles/resolve.ts';
import type { ProfileFacts } from './auth-failure.ts';
import { resolutionFailure, usesProxy } from './auth-failure.ts';
import { failedReport, testAccess, type TestAccessOptions } from './test-access.ts';
import type { TestAccessReport } from './types.ts';

export interface TestProfileOptions extends Omit<TestAccessOptions, 'profile'> {
  readonly env: NodeJS.ProcessEnv;
  readonly homeDir: string;
}

/**
 * Test Access for a profile named by the user: reads what its files say (for the messages of a
 * failed sign-in), resolves it the way the SDK does, and tests it. A profile that cannot be
 * resolved gives a report, never an exception.
 */
export async function testProfileByName(
  name: string,
  opts: TestProfileOptions,
): Promise<TestAccessReport> {
  const files = { env: opts.env, homeDir: opts.homeDir };
  const facts = await profileFacts(name, files);
  try {
    const ctx = await resolveProfileContext(name, files);
    return await testAccess(ctx, { ...opts, profile: facts });
  } catch (error) {
    if (!(error instanceof ProfileResolutionError)) throw error;
    const region = facts.region ?? DEFAULT_REGION;
    return failedReport(name, region, resolutionFailure(error, facts), { ...opts, profile: facts });
  }
}

async function profileFacts(
  name: string,
  files: { env: NodeJS.ProcessEnv; homeDir: string },
): Promise<ProfileFacts & { region?: string }> {
  const catalog = await readProfileCatalog(files);
  const found = catalog.profiles.find((profile) => profile.name === name);
  const viaProxy = usesProxy(files.env) ? { viaProxy: true } : {};
  if (!found) return viaProxy;
  return {
    ...viaProxy,
    credentialKind: found.credentialKind,
    ...(found.roleArn ? { roleArn: found.roleArn } : {}),
    ...(found.accountId ? { accountId: found.accountId } : {}),
    ...(found.endpointUrl ? { endpointUrl: found.endpointUrl } : {}),
    ...(found.region ? { region: found.region } : {}),
  };
}
