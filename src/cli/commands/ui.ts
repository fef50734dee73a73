import { InvalidArgumentError, type Command } from 'commander';
import { storeExists } from '../../app/store-access.ts';
import { appFor } from './profiles/shared.ts';
import { onStopSignals } from '../stop-signals.ts';
import { CliError, EXIT_USAGE } from '../cli-error.ts';

interface UiOptions {
  readonly port?: number;
}

export function registerUiCommand(program: Command): void {
  program
    .command('ui')
    .description('Serve the Estate dashboard on 127.0.0.1 until Ctrl-C')
    .option('--port <n>', 'port on 127.0.0.1 (default: a free port)', parsePort)
    .action(async (options: UiOptions, command: Command) => {
      const app = appFor(command);
      // A home that is a file or a damaged store is said now, not by every page later.
      storeExists(app);
      // Loaded on use: the server brings esbuild and hono, which no other command needs.
      const { startDashboard } = await import('../../ui/server.ts');
      const dashboard = await startDashboard({
        env: app.env,
        homeDir: app.homeDir,
        escherHome: app.escherHome,
        port: options.port,
      }).catch((error: unknown) => {
        throw portError(error, options.port);
      });

      process.stdout.write(`Escher dashboard: ${dashboard.url}\n`);
      process.stderr.write('Open the URL above (it holds the access token). Ctrl-C stops it.\n');
      await untilInterrupted();
      await dashboard.close();
    });
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) {
    throw new InvalidArgumentError('give a port number from 0 to 65535 (0 picks a free one).');
  }
  return port;
}

function portError(error: unknown, port: number | undefined): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EADDRINUSE' || code === 'EACCES') {
    const why = code === 'EADDRINUSE' ? 'is already in use' : 'may not be opened by this user';
    return new CliError(
      `port ${String(port)} on 127.0.0.1 ${why}: pick another with --port, or leave --port ` +
        'out to get a free one',
      EXIT_USAGE,
    );
  }
  return error;
}

function untilInterrupted(): Promise<void> {
  return new Promise((resolve) => {
    const removeHandlers = onStopSignals(() => {
      removeHandlers();
      process.stderr.write('Stopping the dashboard.\n');
      resolve();
    });
  });
}
