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
