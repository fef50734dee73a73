import type { AuthFailure, AuthFailureKind, TestAccessReport } from '../access/types.ts';
import { CliError, EXIT_INTERRUPTED } from '../cli/cli-error.ts';
import type { ProfileContext } from '../aws/profile-context.ts';
import type { AccessStatus } from '../core/status.ts';
import { ProfileResolutionError } from '../profiles/errors.ts';
import { usesProxy } from '../access/auth-failure.ts';
import type { StoredProfile } from '../store/index.ts';
import { recordAccess } from '../store/index.ts';
import type { AppContext } from './context.ts';
import { requireProfile } from './profiles.ts';
import { withFix } from './scan-failure.ts';
import { withStore } from './store-access.ts';

/**
 * Test Access for one known profile: resolves its credentials the way the SDK does, runs the
 * checks, and records the access status, the account AWS reported, and that it connected.
 */
export async function testProfileAccess(
  app: AppContext,
  name: string,
  options: { signal?: AbortSignal } = {},
): Promise<TestAccessReport> {
  const stored = withStore(app, (store) => requireProfile(store, name));
  // A stopped test proves nothing about the profile: its last status stays as it was.
  const cancelled = () =>
    new CliError('Test Access was cancelled; nothing was recorded', EXIT_INTERRUPTED);
  let report: TestAccessReport;
  try {
    report = await runTest(app, stored, options.signal);
  } catch (error) {
    throw options.signal?.aborted ? cancelled() : error;
  }
  if (options.signal?.aborted) throw cancelled();

  withStore(app, (store) => {
    const connected = report.status === 'CONNECTED';
    recordAccess(store, name, {
      status: accessStatusOf(report),
      ...detailOf(report),
      ...(connected && report.account ? { accountId: report.account } : {}),
      connected,
      via: 'test',
    });
  });
  return report;
}

async function runTest(
  app: AppContext,
  stored: StoredProfile,
  signal: AbortSignal | undefined,
): Promise<TestAccessReport> {
  const facts = {
    ...(usesProxy(app.env) ? { viaProxy: true } : {}),
    credentialKind: stored.credentialKind,
    ...(stored.accountId !== undefined ? { accountId: stored.accountId } : {}),
    ...(stored.endpointUrl !== undefined ? { endpointUrl: stored.endpointUrl } : {}),
  };
  // Loaded on use: credential resolution and the probes pull in every SDK client, which
  // commands that never call AWS should not pay for at start-up.
  const { resolveProfileContext } = await import('../profiles/resolve.ts');
  const { failedReport, testAccess } = await import('../access/test-access.ts');
  let ctx: ProfileContext;
  try {
    ctx = await resolveProfileContext(stored.name, { env: app.env, homeDir: app.homeDir });
  } catch (error) {
    if (!(error instanceof ProfileResolutionError)) throw error;
    return failedReport(stored.name, stored.region ?? 'us-east-1', resolutionFailure(error), {
      previouslyConnected: stored.everConnected,
      profile: facts,
      now: () => app.now(),
    });
  }
  return testAccess(ctx, {
    previouslyConnected: stored.everConnected,
    profile: facts,
    now: () => app.now(),
    ...(signal ? { signal } : {}),
  });
}

/** A profile that cannot even be resolved fails the way a sign-in failure does. */
export function resolutionFailure(error: ProfileResolutionError): AuthFailure {
  const kinds: Partial<Record<ProfileResolutionError['reason'], AuthFailureKind>> = {
    'not-found': 'profile-not-found',
    'no-credentials': 'no-credentials',
    'sso-expired': 'sso-expired',
    'assume-role-failed': 'role-not-assumable',
  };
  return {
    kind: kinds[error.reason] ?? 'other',
    summary: error.message,
    fix: error.fixCommand ?? `correct profile ${error.profile} in the AWS config file`,
  };
}

/** OK only when every check passed; any action missing, denied or unverified is PARTIAL. */
export function accessStatusOf(report: TestAccessReport): AccessStatus {
  if (report.status !== 'CONNECTED') return report.status;
  const gaps = report.missing.length + report.denied.length + report.unverified.length;
  return gaps === 0 ? 'OK' : 'PARTIAL';
}

function detailOf(report: TestAccessReport): { detail?: string } {
  if (report.authFailure) {
    return { detail: withFix(report.authFailure.summary, report.authFailure.fix) };
  }
  const parts: string[] = [];
  const missing = report.missing.flatMap((group) => group.actions);
  if (missing.length > 0) {
    const labels = report.missing.map((group) => group.label).join(', ');
    parts.push(`${missing.length} actions missing (${labels})`);
  }
  if (report.denied.length > 0) parts.push(`${report.denied.length} actions explicitly denied`);
  if (report.unverified.length > 0) parts.push(`${report.unverified.length} actions unverified`);
  return parts.length > 0 ? { detail: parts.join('; ') } : {};
}
