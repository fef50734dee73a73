import { afterEach } from 'vitest';
import { ProfileResolutionError } from '../../src/profiles/resolve.ts';
import type { ProfileCatalog } from '../../src/profiles/types.ts';
import { makeTempHome, type TempHome } from './temp-home.ts';

/** Shared by the field-case tests: a fresh home per test, removed after it. */
export function useTempHomes(): (files: {
  config?: string | Uint8Array;
  credentials?: string | Uint8Array;
}) => Promise<TempHome> {
  // A test may make several homes; every one is removed after it.
  const homes: TempHome[] = [];
  afterEach(async () => {
    await Promise.all(homes.splice(0).map((home) => home.cleanup()));
  });
  return async (files) => {
    const home = await makeTempHome(files);
    homes.push(home);
    return home;
  };
}

export function codes(catalog: ProfileCatalog): string[] {
  return catalog.warnings.map((w) => w.code);
}

export async function rejection(promise: Promise<unknown>): Promise<ProfileResolutionError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ProfileResolutionError) return error;
    throw error;
  }
  throw new Error('expected a ProfileResolutionError');
}

export const KEYS = 'aws_access_key_id = AKIAEXAMPLE\naws_secret_access_key = EXAMPLEKEY';
