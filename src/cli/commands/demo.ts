import { InvalidArgumentError, type Command } from 'commander';
import { CliError, EXIT_USAGE } from '../cli-error.ts';

interface DemoCommandOptions {
  readonly ui?: boolean;
  readonly keep?: boolean;
  readonly port?: number;
}

export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description(
      'Run the whole flow on a sample estate in a local AWS emulator (moto), in a throw-away ' +
        'sandbox: your ~/.aws and Escher home are never touched',
    )
    .option('--ui', 'serve the dashboard on the sample estate until Ctrl-C instead of printing')
    .option('--port <n>', 'with --ui: port on 127.0.0.1 (default: a free port)', parsePort)
    .option('--keep', 'keep the sandbox directory (AWS files and Escher home) afterwards')
    .action(async (options: DemoCommandOptions) => {
      if (options.port !== undefined && options.ui !== true) {
        throw new CliError(
          '--port sets the dashboard port, so it needs --ui: run escher demo --ui --port ' +
            `${options.port}, or leave --port out`,
          EXIT_USAGE,
        );
      }
      // Loaded on use: the estate builder pulls in every SDK client, which no other command needs.
      const { runDemo } = await import('../../demo/run-demo.ts');
      await runDemo({
        ui: options.ui === true,
        keep: options.keep === true,
        ...(options.port === undefined ? {} : { port: options.port }),
      });
    });
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) {
    throw new InvalidArgumentError('give a port number from 0 to 65535 (0 picks a free one).');
  }
  return port;
}
