import { stopCredentialProcesses } from '../profiles/credential-process.ts';
import { EXIT_INTERRUPTED } from './cli-error.ts';

/**
 * The signals that ask Escher to stop: Ctrl-C, a `kill`, and the terminal closing. Each is
 * handled alike wherever Escher holds something to clean up (an emulator, a pending
 * EstateView, a listening dashboard), so that closing the window leaves nothing behind.
 */
export const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** Calls `onStop` for each stop signal until the returned function removes the handlers. */
export function onStopSignals(onStop: (signal: NodeJS.Signals) => void): () => void {
  for (const signal of STOP_SIGNALS) process.on(signal, onStop);
  return () => {
    for (const signal of STOP_SIGNALS) process.off(signal, onStop);
  };
}

/**
 * Runs `work` with a signal the first stop signal fires, which also stops any
 * `credential_process` still running; with the handlers then gone, a second signal stops
 * Escher at once.
 */
export async function cancellable<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const removeHandlers = onStopSignals(() => {
    removeHandlers();
    controller.abort();
    stopCredentialProcesses();
  });
  try {
    return await work(controller.signal);
  } finally {
    removeHandlers();
  }
}

/**
 * For the printing after a command has stored its result: a stop signal then says in one line
 * what was kept and exits 130, instead of Node's default for SIGINT (dying mid-line in
 * silence). Most such signals land as Escher is already exiting and change nothing.
 */
export function sayWhatIsKeptOnStop(kept: string): void {
  onStopSignals(() => {
    process.stderr.write(`escher: stopped while printing; ${kept}\n`);
    process.exit(EXIT_INTERRUPTED);
  });
}
