import type { Command } from 'commander';
import { registerAccessCommands } from './access-commands.ts';
import { registerLifecycleCommands } from './lifecycle-commands.ts';

export function registerProfilesCommand(program: Command): void {
  const profiles = program
    .command('profiles')
    .description('Discover, enable, disable, annotate and test AWS CLI profiles');
  registerLifecycleCommands(profiles);
  registerAccessCommands(profiles);
}
