import { CliError, EXIT_USAGE } from '../cli/cli-error.ts';
import type { Store } from '../store/index.ts';
import { join } from 'node:path';
import {
  damaged,
  isDamagedDatabaseError,
  LifecycleError,
  openStore,
  RefreshBusyError,
  STORE_FILE,
  StoreTooNewError,
  StoreUnusableError,
  StoredValueError,
} from '../store/index.ts';
import type { AppContext } from './context.ts';

/**
 * Opens the app's store, turning an unusable home into a message that names it. With
 * `create: false` (commands that only read) a home that is not there is an error, not made.
 */
export function openAppStore(app: AppContext, options: { create?: boolean } = {}): Store {
  try {
    return openStore(app.escherHome, { now: () => app.now(), ...options });
  } catch (error) {
    throw storeFailure(app, error);
  }
}

/** The message for a store that would not open: it names the file or home and the fix. */
function storeFailure(app: AppContext, error: unknown): CliError {
  if (error instanceof StoreTooNewError) return new CliError(error.message);
  if (error instanceof StoreUnusableError) return new CliError(error.message);
  if (isDamagedDatabaseError(error)) {
    const why = error instanceof Error ? error.message : String(error);
    return new CliError(damaged(join(app.escherHome, STORE_FILE), why).message);
  }
  const detail = error instanceof Error ? error.message : String(error);
  return new CliError(
    `cannot open the Escher store in ${app.escherHome}: ${detail}. ` +
      'Check that the directory is yours and writable, or choose another with --home',
  );
}

/**
 * For commands that only read (overview, resources, profiles show and diagnostics): a mistyped
 * --home must say so, not quietly become a new, empty store.
 */
export function requireExistingStore(app: AppContext): void {
  openAppStore(app, { create: false }).close();
}

/** True when the home holds a store; a home that is a file, or a damaged store, is refused. */
export function storeExists(app: AppContext): boolean {
  try {
    openStore(app.escherHome, { now: () => app.now(), create: false }).close();
    return true;
  } catch (error) {
    if (error instanceof StoreUnusableError && error.reason === 'no-home') return false;
    throw storeFailure(app, error);
  }
}

/** Runs `work` with the store open, closing it after, and maps store refusals to CliError. */
export function withStore<T>(
  app: AppContext,
  work: (store: Store) => T,
  options: { create?: boolean } = {},
): T {
  const store = openAppStore(app, options);
  try {
    return work(store);
  } catch (error) {
    throw asCliError(error, store.path);
  } finally {
    store.close();
  }
}

/**
 * A store refusal, or an SQLite failure while reading or writing the store at `path`, as a
 * message that names the file and the fix. Anything else is returned as it is.
 */
export function asCliError(error: unknown, path?: string): unknown {
  if (error instanceof LifecycleError) return new CliError(error.message);
  if (error instanceof RefreshBusyError) return new CliError(error.message);
  if (path === undefined || error instanceof CliError) return error;
  const why = error instanceof Error ? error.message : String(error);
  if (isDamagedDatabaseError(error) || error instanceof StoredValueError) {
    return new CliError(damaged(path, why).message);
  }
  if (/database or disk is full|SQLITE_FULL/i.test(why)) {
    return new CliError(
      `the Escher store ${path} could not be written: the disk is full. The write was rolled ` +
        'back, so nothing stored was lost; free some space, or choose another home with --home',
    );
  }
  if (/readonly database|SQLITE_READONLY/i.test(why)) {
    return new CliError(
      `the Escher store ${path} may not be written (${why}): make it writable for your user ` +
        `(chmod u+w ${path}), or choose another home with --home`,
    );
  }
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
