import type { Command } from 'commander';
import {
  annotateProfile,
  discoverProfiles,
  listProfiles,
  setProfilesEnabled,
  showProfile,
} from '../../../app/index.ts';
import { renderDiscover, renderProfile, renderProfileList } from '../../../render/profiles.ts';
import { appFor, existingAppFor, printJson, printText, type JsonOption } from './shared.ts';

export function registerLifecycleCommands(profiles: Command): void {
  profiles
    .command('discover')
    .description('Read the AWS config and credentials files; new profiles appear as Discovered')
    .option('--json', 'print JSON')
    .action(async (options: JsonOption, command: Command) => {
      const result = await discoverProfiles(appFor(command));
      if (options.json) printJson(result);
      else printText(renderDiscover(result));
    });

  profiles
    .command('list')
    .description('List the profiles Escher knows, with state and access status')
    .option('--json', 'print JSON')
    .action((options: JsonOption, command: Command) => {
      const list = listProfiles(appFor(command));
      if (options.json) printJson(list);
      else printText(renderProfileList(list));
    });

  profiles
    .command('show')
    .description(
      'Show one profile: each setting with its file and line, credential kind, status, note',
    )
    .argument('<name>', 'profile name')
    .option('--json', 'print JSON')
    .action(async (name: string, options: JsonOption, command: Command) => {
      const profile = await showProfile(existingAppFor(command), name);
      if (options.json) printJson(profile);
      else printText(renderProfile(profile));
    });

  for (const enabled of [true, false]) {
    const verb = enabled ? 'enable' : 'disable';
    profiles
      .command(verb)
      .description(
        enabled
          ? 'Let profiles take part in scans'
          : 'Exclude profiles from scans, without deleting them',
      )
      .argument('<names...>', 'profile names')
      .option('--json', 'print JSON')
      .action((names: string[], options: JsonOption, command: Command) => {
        const changed = setProfilesEnabled(appFor(command), names, enabled);
        if (options.json) printJson(changed);
        else
          printText(
            changed
              .map((profile) =>
                profile.returnsAs === undefined
                  ? `${profile.name}: ${profile.lifecycle}`
                  : `${profile.name}: ${profile.lifecycle}; it comes back ${profile.returnsAs} ` +
                    'when its section is in the files again',
              )
              .join('\n'),
          );
      });
  }

  profiles
    .command('annotate')
    .description('Attach a local note to a profile ("" removes it)')
    .argument('<name>', 'profile name')
    .argument('<note>', 'the note')
    .option('--json', 'print JSON')
    .action((name: string, note: string, options: JsonOption, command: Command) => {
      const profile = annotateProfile(appFor(command), name, note);
      if (options.json) printJson(profile);
      else printText(`${profile.name}: ${profile.note ? `note "${profile.note}"` : 'no note'}`);
    });
}
