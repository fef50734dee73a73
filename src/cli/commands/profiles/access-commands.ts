import type { Command } from 'commander';
import { renderTestAccess } from '../../../access/render.ts';
import { getDiagnostics, testProfileAccess } from '../../../app/index.ts';
import { CliError, EXIT_FAILURE } from '../../cli-error.ts';
import { cancellable, sayWhatIsKeptOnStop } from '../../stop-signals.ts';
import { renderDiagnostics } from '../../../render/diagnostics.ts';
import { terminalSafe } from '../../../render/terminal-safe.ts';
import { appFor, existingAppFor, printJson, printText, type JsonOption } from './shared.ts';

export function registerAccessCommands(profiles: Command): void {
  profiles
    .command('test')
    .description(
      'Test Access: sign in, then try one cheap read per domain (exit 1 unless connected)',
    )
    .argument('<name>', 'profile name')
    .option('--json', 'print JSON')
    .action(async (name: string, options: JsonOption, command: Command) => {
      // Ctrl-C stops the calls and any credential_process still running, then exits 130.
      const report = await cancellable((signal) =>
        testProfileAccess(appFor(command), name, { signal }),
      );
      sayWhatIsKeptOnStop(`the result of Test Access for ${terminalSafe(name)} is saved`);
      if (options.json) printJson(report);
      else printText(renderTestAccess(name, report));
      if (report.status !== 'CONNECTED') {
        // The printed block (or the JSON status) already says why: only the exit code is left.
        throw new CliError(`profile ${name} is not connected (${report.status})`, EXIT_FAILURE, {
          alreadyShown: true,
        });
      }
    });

  profiles
    .command('diagnostics')
    .description("Every call of the profile's last scan that failed, what it means, how to fix it")
    .argument('<name>', 'profile name')
    .option('--json', 'print JSON')
    .action((name: string, options: JsonOption, command: Command) => {
      const view = getDiagnostics(existingAppFor(command), name);
      if (options.json) printJson(view);
      else printText(renderDiagnostics(view));
    });
}
