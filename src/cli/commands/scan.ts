import type { Command } from 'commander';
import { refreshEstate } from '../../app/index.ts';
import type { RefreshResult } from '../../app/index.ts';
import { renderOverview } from '../../render/overview.ts';
import { terminalProgress } from '../../render/progress.ts';
import { appFor, printJson, printText, type JsonOption } from './profiles/shared.ts';
import { getOverview } from '../../app/index.ts';
import { CliError, EXIT_FAILURE } from '../cli-error.ts';
import { cancellable, sayWhatIsKeptOnStop } from '../stop-signals.ts';

export const KEPT_AFTER_REFRESH = 'the refresh had finished and its new EstateView is saved';

export function registerScanCommand(program: Command): void {
  program
    .command('scan')
    .description('Refresh Estate: scan every enabled profile (or those named), read-only')
    .argument('[names...]', 'profiles to scan (default: every enabled profile)')
    .option('--json', 'print the result as JSON (no progress)')
    .action(async (names: string[], options: JsonOption, command: Command) => {
      const app = appFor(command);
      // Progress only for a person watching: never with --json, never into a pipe or file.
      const progress =
        !options.json && process.stderr.isTTY ? terminalProgress(process.stderr) : undefined;
      let result: RefreshResult;
      try {
        result = await cancellable((signal) =>
          refreshEstate(app, {
            profiles: names,
            signal,
            ...(progress ? { onProgress: progress } : {}),
          }),
        );
      } finally {
        progress?.finish();
      }
      sayWhatIsKeptOnStop(KEPT_AFTER_REFRESH);
      if (options.json) printJson(result);
      else {
        printText(`${scanSummary(result)}\n`);
        printText(renderOverview(getOverview(app)));
      }
      // A partial read is a result; a profile that could not sign in at all is a failure.
      const failed = result.profiles.filter((profile) => profile.error !== undefined);
      if (failed.length > 0) {
        const names = failed.map((profile) => profile.name).join(', ');
        // The text output has named them (and why, under each block); JSON readers get stderr.
        throw new CliError(`could not sign in as ${names}; nothing of it was read`, EXIT_FAILURE, {
          alreadyShown: !options.json,
        });
      }
    });
}

/** Names the profiles scanned apart from those that could not sign in (nothing was read). */
export function scanSummary(result: RefreshResult): string {
  const names = (signedIn: boolean): string[] =>
    result.profiles
      .filter((profile) => (profile.error === undefined) === signedIn)
      .map((profile) => profile.name);
  const scanned = names(true);
  const failed = names(false);
  const parts = [];
  if (scanned.length > 0) parts.push(`Scanned ${scanned.join(', ')}.`);
  if (failed.length > 0) {
    parts.push(`Could not sign in: ${failed.join(', ')} (see \`escher profiles test NAME\`).`);
  }
  return parts.join(' ');
}
