import { Command, InvalidArgumentError } from 'commander';
import { readFileSync } from 'node:fs';
import { registerDemoCommand } from './commands/demo.ts';
import { registerPolicyCommand } from './commands/policy.ts';
import { registerProfilesCommand } from './commands/profiles/index.ts';
import { registerScanCommand } from './commands/scan.ts';
import { registerOverviewCommand } from './commands/overview.ts';
import { registerResourcesCommand } from './commands/resources.ts';
import { registerUiCommand } from './commands/ui.ts';

const packageJson = JSON.parse(
  readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
) as { version: string };

export function buildProgram(): Command {
  const program = new Command('escher')
    .description('Observe AWS estates read-only through the AWS CLI profiles on this machine')
    .version(packageJson.version, '-V, --version')
    .option('--home <dir>', 'Escher home (default $ESCHER_HOME or ~/.escher)', nonEmptyDirectory)
    .showHelpAfterError()
    .exitOverride();
  registerProfilesCommand(program);
  registerScanCommand(program);
  registerOverviewCommand(program);
  registerResourcesCommand(program);
  registerPolicyCommand(program);
  registerDemoCommand(program);
  registerUiCommand(program);
  return program;
}

// `--home "$UNSET"` must not quietly mean the default home, where the real store lives.
function nonEmptyDirectory(value: string): string {
  if (value.trim() === '') {
    throw new InvalidArgumentError('give a directory; an empty --home would mean ~/.escher.');
  }
  return value;
}
