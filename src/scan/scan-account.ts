import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { AwsClients, DEFAULT_MAX_ATTEMPTS } from '../aws/clients.ts';
import { identityFailure, usesProxy } from '../access/auth-failure.ts';
import { classifyError } from '../aws/classify-error.ts';
import type { ProfileContext } from '../aws/profile-context.ts';
import { DOMAIN_IDS } from '../core/domains.ts';
import { ProfileResolutionError } from '../profiles/errors.ts';
import type { Collector } from './collectors/collector.ts';
import { collectorsForScan } from './collectors/index.ts';
import { coverageOf } from './domain-tally.ts';
import { Limiter } from './limiter.ts';
import { listEnabledRegions, probeRegions } from './regions.ts';
import { isAbort, ScanRun } from './scan-run.ts';
import { ScanAuthError, type AccountScanResult, type ScanOptions } from './scan-types.ts';
import type { DomainCoverage } from './types.ts';

const DEFAULT_CONCURRENCY = 32;
const DEFAULT_PER_SERVICE_REGION = 4;

/** Who the profile is. Nothing else is tried when this fails: the credentials do not work. */
async function whoAmI(ctx: ProfileContext, clients: AwsClients, options: ScanOptions) {
  const sts = clients.get('sts', ctx.region);
  try {
    const answer = await sts.send(
      new GetCallerIdentityCommand({}),
      options.signal ? { abortSignal: options.signal } : {},
    );
    return { accountId: answer.Account ?? '', arn: answer.Arn ?? '' };
  } catch (error) {
    if (isAbort(error, options.signal)) throw error;
    // The profile's own credentials (credential_process, SSO cache, role chain) failed before
    // anything reached STS: a local problem with its own message and fix, not AWS's answer.
    if (error instanceof ProfileResolutionError) throw error;
    const failure = classifyError(error, {
      service: 'sts',
      operation: 'GetCallerIdentity',
      region: ctx.region,
      profile: ctx.profile,
      homeRegion: ctx.region,
      customEndpoint: clients.hasCustomEndpoint('sts'),
    });
    // Said in Test Access's words (keys rejected → aws configure), so that the two agree.
    const endpoint = ctx.endpointFor('sts');
    const said = identityFailure(error, ctx.profile, {
      ...(options.credentialKind ? { credentialKind: options.credentialKind } : {}),
      ...(endpoint ? { endpointUrl: endpoint } : {}),
      ...(usesProxy(ctx.network?.proxyEnv ?? {}) ? { viaProxy: true } : {}),
    });
    throw new ScanAuthError(ctx.profile, failure.kind, failure.errorCode, said.summary, said.fix);
  }
}

async function runCollector(run: ScanRun, collector: Collector): Promise<DomainCoverage> {
  // S3's one list goes to the profile's region; the other global services to their own.
  const regions =
    collector.scope === 'regional'
      ? run.scanned
      : [collector.domain === 's3' ? run.ctx.region : run.globalRegion];
  const tally = run.tally(collector.domain);
  await Promise.all(
    regions.map(async (region) => {
      const shown = collector.scope === 'regional' ? region : 'global';
      run.progress(collector.domain, shown, 'started');
      const read = await run.counting(async () => {
        try {
          await collector.collect(run, region);
        } catch (error) {
          if (isAbort(error, run.signal)) throw error;
          // A bug in one collector must not cost the other domains their results.
          const reason = error instanceof Error ? error.message : String(error);
          tally.gaps.push({ subject: shown, what: `scan error (${reason})` });
        }
      });
      run.progress(collector.domain, shown, 'finished', read);
    }),
  );
  const coverage = coverageOf(
    tally,
    collector.okText(tally),
    run.scanned.length,
    collector.counted,
  );
  await run.options.sink.coverage(coverage);
  return coverage;
}

/**
 * Reads one account's estate with the profile's credentials, streaming every resource, failed
 * call and domain coverage to `options.sink`. Throws ScanAuthError when the credentials are
 * rejected, and the signal's reason when cancelled; everything else ends up in the result.
 */
export async function scanAccount(
  ctx: ProfileContext,
  options: ScanOptions,
): Promise<AccountScanResult> {
  const limits = options.limits ?? {};
  const clients = new AwsClients(ctx, {
    maxAttempts: limits.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    ...(limits.requestTimeoutMs === undefined ? {} : { requestTimeoutMs: limits.requestTimeoutMs }),
    gate: new Limiter(
      limits.concurrency ?? DEFAULT_CONCURRENCY,
      limits.perServiceRegion ?? DEFAULT_PER_SERVICE_REGION,
    ),
    ...(options.signal ? { signal: options.signal } : {}),
    ...options.clientOptions,
  });
  try {
    const identity = await whoAmI(ctx, clients, options);
    const run = new ScanRun(ctx, clients, options, identity);

    run.progress('account', ctx.region, 'started');
    const skipped = [...(await listEnabledRegions(run)), ...(await probeRegions(run))];
    run.progress('account', ctx.region, 'finished');

    const collectors = collectorsForScan();
    const results = await Promise.all(collectors.map((collector) => runCollector(run, collector)));
    const coverage = DOMAIN_IDS.map((domain) =>
      results.find((result) => result.domain === domain),
    ).filter((result) => result !== undefined);
    const complete = coverage.every(
      (domain) => domain.status === 'OK' || domain.status === 'NOT ENABLED',
    );
    return {
      accountId: identity.accountId,
      arn: identity.arn,
      regions: { scanned: [...run.scanned], skipped },
      coverage,
      failures: run.failures,
      apiCalls: clients.httpRequests,
      status: complete ? 'OK' : 'PARTIAL',
    };
  } finally {
    clients.destroy();
  }
}
