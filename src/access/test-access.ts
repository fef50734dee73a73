import type { AwsCredentialIdentity } from '@smithy/types';
import type { ProfileContext } from '../aws/profile-context.ts';
import { credentialFailure, identityFailure, type ProfileFacts } from './auth-failure.ts';
import { runProbes } from './run-probes.ts';
import type { ClientOptions } from '../aws/clients.ts';
import { AccessClients } from './sdk.ts';
import { summariseChecks } from './summarise.ts';
import type { ActionCheck, AuthFailure, TestAccessReport } from './types.ts';

export interface TestAccessOptions {
  /** The profile connected before: a sign-in failure is then `DISCONNECTED`, not `ERROR`. */
  readonly previouslyConnected?: boolean;
  readonly signal?: AbortSignal;
  /** What the profile files say (credential kind, role ARN, account) for failure messages. */
  readonly profile?: ProfileFacts;
  /** Attempts per call and an HTTP layer to replace, for tests of what no emulator can give. */
  readonly clients?: ClientOptions;
  readonly now?: () => Date;
}

/**
 * Test Access: who the profile signs in as (sts:GetCallerIdentity), then one cheap call of
 * every read in the table, the domains concurrently, retrying throttled calls. Read calls only.
 */
export async function testAccess(
  ctx: ProfileContext,
  opts: TestAccessOptions = {},
): Promise<TestAccessReport> {
  const facts = opts.profile ?? {};
  const now = opts.now ?? (() => new Date());

  let credentials: AwsCredentialIdentity;
  try {
    credentials = await ctx.credentials();
  } catch (error) {
    if (opts.signal?.aborted) throw opts.signal.reason;
    return failedReport(ctx.profile, ctx.region, credentialFailure(error, ctx.profile, facts), {
      ...opts,
      now,
    });
  }

  // Resolved once: an assume-role or SSO profile must not trade credentials once per client.
  const signedIn: ProfileContext = {
    profile: ctx.profile,
    region: ctx.region,
    credentials: () => Promise.resolve(credentials),
    endpointFor: (service) => ctx.endpointFor(service),
    ...(ctx.network === undefined ? {} : { network: ctx.network }),
  };
  const clients = new AccessClients(signedIn, opts.clients);
  try {
    let identity: { Account?: string; Arn?: string };
    try {
      identity = (await clients.send('sts', 'GetCallerIdentity', {}, ctx.region, opts.signal)) as {
        Account?: string;
        Arn?: string;
      };
    } catch (error) {
      if (opts.signal?.aborted) throw opts.signal.reason;
      const failure = identityFailure(error, ctx.profile, {
        ...facts,
        endpointUrl: facts.endpointUrl ?? ctx.endpointFor('sts'),
      });
      return failedReport(ctx.profile, ctx.region, failure, { ...opts, now });
    }

    const account = identity.Account ?? facts.accountId ?? '';
    const identityCheck: ActionCheck = {
      service: 'sts',
      operation: 'GetCallerIdentity',
      action: 'sts:GetCallerIdentity',
      domain: 'account',
      region: ctx.region,
      outcome: { kind: 'allowed' },
    };
    const checks = await runProbes(clients, { account, region: ctx.region }, opts.signal);
    return {
      profile: ctx.profile,
      status: 'CONNECTED',
      ...(account ? { account } : {}),
      ...(identity.Arn ? { arn: identity.Arn } : {}),
      region: ctx.region,
      ...summariseChecks([identityCheck, ...checks]),
      testedAt: now().toISOString(),
    };
  } finally {
    clients.destroy();
  }
}

/** The report of a profile that could not sign in; the account is what the files say, if any. */
export function failedReport(
  profile: string,
  region: string,
  failure: AuthFailure,
  opts: Pick<TestAccessOptions, 'previouslyConnected' | 'profile' | 'now'>,
): TestAccessReport {
  const account = opts.profile?.accountId;
  return {
    profile,
    status: opts.previouslyConnected ? 'DISCONNECTED' : 'ERROR',
    ...(account ? { account } : {}),
    region,
    authFailure: failure,
    missing: [],
    denied: [],
    notEnabled: [],
    unverified: [],
    checks: [],
    testedAt: (opts.now ?? (() => new Date()))().toISOString(),
  };
}
