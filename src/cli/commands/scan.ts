import type { Command } from 'commander';
import { refreshEstate } from '../../app/index.ts';
import type { RefreshResult } from '../../app/index.ts';
import { renderOverview, versionHeader } from '../../render/overview.ts';
import { terminalProgress } from '../../render/progress.ts';
import { appFor, printJson, printText, type JsonOption } from './profiles/shared.ts';
import { getOverview } from '../../app/index.ts';

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
      const controller = new AbortController();
      const onSigint = (): void => {
        controller.abort();
      };
      process.once('SIGINT', onSigint);
      let result: RefreshResult;
      try {
        result = await refreshEstate(app, {
          profiles: names,
          signal: controller.signal,
          ...(progress ? { onProgress: progress } : {}),
        });
      } finally {
        progress?.finish();
        process.off('SIGINT', onSigint);
      }
      if (options.json) {
        printJson(result);
        return;
      }
      const scanned = result.profiles.map((profile) => profile.name).join(', ');
      printText(`Scanned ${scanned} into ${versionHeader(result.version)}.\n`);
      printText(renderOverview(getOverview(app)));
    });
}
