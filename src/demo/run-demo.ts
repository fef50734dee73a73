import { shellWord } from '../core/shell-words.ts';
import { renderTestAccess } from '../access/render.ts';
import {
  appContextFrom,
  discoverProfiles,
  getDiagnostics,
  getOverview,
  refreshEstate,
  setProfilesEnabled,
  testProfileAccess,
  type AppContext,
  type RefreshProgress,
} from '../app/index.ts';
import { CliError } from '../cli/cli-error.ts';
import { MotoMissingError } from '../emulator/moto-server.ts';
import { renderDiagnostics } from '../render/diagnostics.ts';
import { renderOverview } from '../render/overview.ts';
import { startDashboard } from '../ui/server.ts';
import { untilAborted, withEmulator } from './emulator-session.ts';
import { BOOTSTRAP_REQUESTS } from './emulator-target.ts';
import { DEMO_PROFILES, prepareDemo } from './prepare.ts';
import type { Sandbox } from './sandbox.ts';

export interface DemoOptions {
  /** Serve the dashboard on the sandbox instead of printing, until Ctrl-C. */
  readonly ui?: boolean;
  readonly port?: number;
  /** Keep the sandbox directory (AWS files, Escher home) after the demo ends. */
  readonly keep?: boolean;
  readonly out?: (text: string) => void;
  readonly err?: (text: string) => void;
}

/**
 * `escher demo`: moto in IAM-enforcing mode, the sample estate, the two demo users, a sandbox
 * home pointing at the emulator, and then the product's own flow through the app layer:
 * discover, enable, Test Access, Refresh Estate, overview and the audit profile's diagnostics.
 */
export async function runDemo(options: DemoOptions = {}): Promise<void> {
  const out = options.out ?? ((text: string) => void process.stdout.write(text));
  const err = options.err ?? ((text: string) => void process.stderr.write(text));
  const progress = (line: string): void => {
    err(`demo: ${line}\n`);
  };

  progress('starting moto_server (IAM-enforcing) on a free loopback port');
  try {
    await withEmulator({ enforceIamAfter: BOOTSTRAP_REQUESTS }, async ({ moto, signal }) => {
      progress(`emulator answering at ${moto.endpoint}`);
      const { sandbox } = await prepareDemo(moto, { progress });
      try {
        const app = appContextFrom({ env: sandbox.env, homeDir: sandbox.homeDir });
        await runFlow(app, { out, progress, signal, ui: options.ui === true });
        if (options.ui)
          await serveDashboard(sandbox, { port: options.port, out, progress, signal });
      } finally {
        if (options.keep) {
          // What is kept can still be read offline; anything that calls AWS needs the emulator.
          progress(
            `kept ${sandbox.dir}; its stored EstateView stays readable with ` +
              `ESCHER_HOME=${shellWord(sandbox.env.ESCHER_HOME ?? '')} npx escher overview ` +
              '(or resources, profiles diagnostics NAME); the emulator its AWS config points ' +
              'at stops now, so scan and Test Access there will find no answer',
          );
        } else {
          await sandbox.remove();
          progress(`removed the sandbox ${sandbox.dir} (--keep keeps it)`);
        }
      }
      progress('stopping the emulator');
    });
  } catch (error) {
    if (error instanceof MotoMissingError) throw new CliError(error.message);
    throw error;
  }
}

interface FlowIo {
  readonly out: (text: string) => void;
  readonly progress: (line: string) => void;
  readonly signal: AbortSignal;
  /** With the dashboard, the results are shown there; only progress is printed. */
  readonly ui: boolean;
}

async function runFlow(app: AppContext, io: FlowIo): Promise<void> {
  const names = [DEMO_PROFILES.prod, DEMO_PROFILES.audit];
  const discovered = (await discoverProfiles(app)).profiles.map((p) => p.name);
  // One order on every line: the demo's own (escher-prod first, as the seed shows it).
  const ordered = [...names, ...discovered].filter(
    (name, index, all) => discovered.includes(name) && all.indexOf(name) === index,
  );
  io.progress(`discovered ${ordered.join(', ')}`);
  setProfilesEnabled(app, names, true);
  io.progress(`enabled ${names.join(', ')}`);

  for (const name of names) {
    io.signal.throwIfAborted();
    io.progress(`testing access of ${name}`);
    const report = await testProfileAccess(app, name, { signal: io.signal });
    if (!io.ui) io.out(`${renderTestAccess(name, report)}\n\n`);
  }

  io.progress('refreshing the estate (every enabled region of every enabled profile)');
  await refreshEstate(app, {
    signal: io.signal,
    onProgress: (event) => {
      const line = refreshLine(event);
      if (line) io.progress(line);
    },
  });
  if (io.ui) return;
  io.out(`${renderOverview(getOverview(app))}\n\n`);
  io.out(`${renderDiagnostics(getDiagnostics(app, DEMO_PROFILES.audit))}\n`);
}

function refreshLine(event: RefreshProgress): string | undefined {
  if (event.kind === 'profile-start') return `scanning ${event.profile}`;
  if (event.kind === 'profile-done') {
    return `scanned ${event.profile}: ${event.accessStatus}${event.error ? ` (${event.error})` : ''}`;
  }
  return undefined;
}

async function serveDashboard(
  sandbox: Sandbox,
  io: {
    port: number | undefined;
    out: (text: string) => void;
    progress: (line: string) => void;
    signal: AbortSignal;
  },
): Promise<void> {
  const dashboard = await startDashboard({
    env: sandbox.env,
    homeDir: sandbox.homeDir,
    escherHome: sandbox.escherHome,
    ...(io.port === undefined ? {} : { port: io.port }),
  });
  io.out(`Escher dashboard (demo): ${dashboard.url}\n`);
  io.progress('open the URL above (it holds the access token); Ctrl-C stops the demo');
  try {
    await untilAborted(io.signal);
  } finally {
    await dashboard.close();
  }
}
