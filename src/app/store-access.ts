import { CliError, EXIT_USAGE } from '../cli/cli-error.ts';
import type { Store } from '../store/index.ts';
import { LifecycleError, openStore, RefreshBusyError, StoreTooNewError } from '../store/index.ts';
import type { AppContext } from './context.ts';

/** Opens the app's store, turning an unusable home into a message that names it. */
export function openAppStore(app: AppContext): Store {
  try {
    return openStore(app.escherHome, { now: () => app.now() });
  } catch (error) {
    if (error instanceof StoreTooNewError) throw new CliError(error.message);
    const detail = error instanceof Error ? error.message : String(error);
    throw new CliError(
      `cannot open the Escher store in ${app.escherHome}: ${detail}. ` +
        'Check that the directory is yours and writable, or choose another with --home',
    );
  }
}

/** Runs `work` with the store open, closing it after, and maps store refusals to CliError. */
export function withStore<T>(app: AppContext, work: (store: Store) => T): T {
  const store = openAppStore(app);
  try {
    return mapStoreErrors(() => work(store));
  } finally {
    store.close();
  }
}

export function mapStoreErrors<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    throw asCliError(error);
  }
}

export function asCliError(error: unknown): unknown {
  if (error instanceof LifecycleError) return new CliError(error.message);
  if (error instanceof RefreshBusyError) return new CliError(error.message);
  return error;
}

/** The one message for a name the store does not know. */
export function unknownProfile(name: string, known: readonly string[]): CliError {
  const list =
    known.length === 0
      ? 'no profiles are known yet'
      : `known profiles: ${known.slice(0, 10).join(', ')}${known.length > 10 ? ', ...' : ''}`;
  return new CliError(
    `no profile named "${name}" in the Escher store (${list}). ` +
      'Run `escher profiles discover` to read the AWS config and credentials files, ' +
      'then `escher profiles list`',
    EXIT_USAGE,
  );
}
