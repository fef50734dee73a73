import { isAbsolute, join, resolve } from 'node:path';

/** What every app function needs: where the store lives, the environment, and a clock. */
export interface AppContext {
  readonly escherHome: string;
  readonly env: NodeJS.ProcessEnv;
  /** The user's home: where the AWS files are looked for unless the environment says else. */
  readonly homeDir: string;
  now(): Date;
}

export interface AppContextInput {
  /** `--home`, which outranks `ESCHER_HOME`. */
  readonly homeOption?: string;
  readonly env: NodeJS.ProcessEnv;
  readonly homeDir: string;
  readonly now?: () => Date;
}

/** The Escher home: `--home`, else `ESCHER_HOME`, else `~/.escher`. */
export function appContextFrom(input: AppContextInput): AppContext {
  const chosen = nonEmpty(input.homeOption) ?? nonEmpty(input.env.ESCHER_HOME);
  const escherHome =
    chosen === undefined ? join(input.homeDir, '.escher') : expandHome(chosen, input.homeDir);
  return {
    escherHome,
    env: input.env,
    homeDir: input.homeDir,
    now: input.now ?? (() => new Date()),
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

// A quoted `~` (ESCHER_HOME="~/x") reaches us unexpanded; the shell did not do it.
function expandHome(path: string, homeDir: string): string {
  const expanded =
    path === '~' ? homeDir : path.startsWith('~/') ? join(homeDir, path.slice(2)) : path;
  return isAbsolute(expanded) ? expanded : resolve(expanded);
}
