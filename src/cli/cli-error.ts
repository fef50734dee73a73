/**
 * A failure the user can act on. Commands throw it; only the entry module prints it and exits,
 * so every message reaches the terminal the same way and no stack trace is shown for a user
 * mistake.
 */
export class CliError extends Error {
  readonly exitCode: number;
  /** The command's own output already said it: exit with the code, print nothing more. */
  readonly alreadyShown: boolean;

  constructor(message: string, exitCode = 1, options: { alreadyShown?: boolean } = {}) {
    super(message);
    this.name = 'CliError';
    this.exitCode = exitCode;
    this.alreadyShown = options.alreadyShown ?? false;
  }
}

/** Exit codes: 1 for a command that ran and found a problem, 2 for bad input. */
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;
/** 128 + SIGINT: what a shell reports for a program stopped by Ctrl-C. */
export const EXIT_INTERRUPTED = 130;
