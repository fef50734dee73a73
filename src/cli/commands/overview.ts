import type { Command } from 'commander';
import { getOverview } from '../../app/index.ts';
import { renderOverview } from '../../render/overview.ts';
import { existingAppFor, printJson, printText, type JsonOption } from './profiles/shared.ts';

export function registerOverviewCommand(program: Command): void {
  program
    .command('overview')
    .description('Estate → Overview: each enabled profile, one line per domain, from the last scan')
    .option('--json', 'print JSON')
    .action((options: JsonOption, command: Command) => {
      const view = getOverview(existingAppFor(command));
      if (options.json) printJson(view);
      else printText(renderOverview(view));
    });
}
