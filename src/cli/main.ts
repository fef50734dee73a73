import { CommanderError } from 'commander';
import { buildProgram } from './program.ts';
import { CliError, EXIT_USAGE } from './cli-error.ts';
import { terminalSafe } from '../render/terminal-safe.ts';
import { withoutUrlSecrets } from '../core/secret-text.ts';

// A reader that stops early (`escher resources | head`) closes the pipe; like other Unix
// tools, Escher then ends quietly instead of failing on the next write. Whatever the command
// stores is committed before it prints, so nothing is lost.
// Any other failure to write (a full disk behind `escher policy > file.json`) is said in one
// line with the fix, not as a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  const why = error.code === 'ENOSPC' ? 'no space left on the device' : error.message;
  process.stderr.write(
    `escher: cannot write the output (${error.code ?? 'error'}: ${why}); free space or ` +
      'write it elsewhere, then run the command again\n',
  );
  process.exit(1);
});

// The one place that exits: commands return normally or throw.
try {
  await buildProgram().parseAsync(process.argv);
} catch (error) {
  process.exitCode = reportFailure(error);
}

function reportFailure(error: unknown): number {
  if (error instanceof CommanderError) {
    // Commander has already printed its own message for usage errors.
    return error.exitCode === 0 ? 0 : EXIT_USAGE;
  }
  if (error instanceof CliError) {
    if (!error.alreadyShown)
      process.stderr.write(`escher: ${terminalSafe(withoutUrlSecrets(error.message))}\n`);
    return error.exitCode;
  }
  const detail = error instanceof Error ? error.message : String(error);
  process.stderr.write(`escher: unexpected failure: ${terminalSafe(withoutUrlSecrets(detail))}\n`);
  if (process.env.ESCHER_DEBUG) process.stderr.write(`${(error as Error).stack ?? ''}\n`);
  return 70;
}
