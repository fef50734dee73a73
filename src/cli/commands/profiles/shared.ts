import type { Command } from 'commander';
import { homedir } from 'node:os';
import type { AppContext } from '../../../app/context.ts';
import { appContextFrom } from '../../../app/context.ts';
import { requireExistingStore } from '../../../app/store-access.ts';
import { terminalSafe } from '../../../render/terminal-safe.ts';

/** The app context of a command: `--home` from the program, the real environment and home. */
export function appFor(command: Command): AppContext {
  const { home } = command.optsWithGlobals<{ home?: string }>();
  return appContextFrom({
    ...(home !== undefined ? { homeOption: home } : {}),
    env: process.env,
    homeDir: nonEmptyHome(process.env.HOME) ?? homedir(),
  });
}

/** The app context of a command that only reads: the Escher home must exist already. */
export function existingAppFor(command: Command): AppContext {
  const app = appFor(command);
  requireExistingStore(app);
  return app;
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Prints a rendered view; JSON needs no such care, as JSON.stringify escapes control bytes. */
export function printText(text: string): void {
  process.stdout.write(`${terminalSafe(text)}\n`);
}

export interface JsonOption {
  readonly json?: boolean;
}

// An empty HOME (HOME= escher ...) would put ~/.escher in the working directory.
function nonEmptyHome(home: string | undefined): string | undefined {
  return home === undefined || home === '' ? undefined : home;
}
