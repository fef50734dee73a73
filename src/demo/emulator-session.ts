import { killAllMotoSync, startMoto, type MotoServer } from '../emulator/moto-server.ts';
import { CliError, EXIT_INTERRUPTED } from '../cli/cli-error.ts';
import { onStopSignals } from '../cli/stop-signals.ts';

export { EXIT_INTERRUPTED } from '../cli/cli-error.ts';

export interface EmulatorSession {
  readonly moto: MotoServer;
  /** Aborted when the user presses Ctrl-C, or the process gets SIGTERM or SIGHUP. */
  readonly signal: AbortSignal;
}

/**
 * Runs `work` with a moto_server that is stopped however `work` ends: normally, by an error,
 * or by Ctrl-C/SIGTERM/SIGHUP (which also aborts `signal`, so long waits end). If the process exits
 * some other way, the exit hook kills moto so that no emulator outlives the demo.
 */
export async function withEmulator<T>(
  options: { enforceIamAfter: number },
  work: (session: EmulatorSession) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  let moto: MotoServer | undefined;
  let interrupted: NodeJS.Signals | undefined;

  const onSignal = (signal: NodeJS.Signals): void => {
    if (interrupted) return;
    interrupted = signal;
    controller.abort(new CliError('the demo was interrupted', EXIT_INTERRUPTED));
    // Stopping moto now makes any call in flight fail at once instead of running on.
    void moto?.stop();
  };
  const removeHandlers = onStopSignals(onSignal);
  process.on('exit', killAllMotoSync);
  try {
    moto = await startMoto({ enforceIamAfter: options.enforceIamAfter });
    if (interrupted) throw interruptedError();
    return await work({ moto, signal: controller.signal });
  } catch (error) {
    if (interrupted) throw interruptedError();
    throw error;
  } finally {
    await moto?.stop();
    removeHandlers();
    process.off('exit', killAllMotoSync);
  }
}

function interruptedError(): CliError {
  return new CliError('the demo was interrupted; the emulator is stopped', EXIT_INTERRUPTED);
}

/** Resolves when the user presses Ctrl-C (or SIGTERM or SIGHUP arrives), or `signal` aborts. */
export function untilAborted(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    signal.addEventListener(
      'abort',
      () => {
        resolve();
      },
      { once: true },
    );
  });
}
