import type { ProfileWarning } from './types.ts';

/** Parse errors listed one by one per file; past this the file is summed up in one warning. */
export const MAX_PARSE_ERRORS = 10;

/** Warnings about single lines that a file of random bytes or a pasted blob gives by the thousand. */
const LINE_NOISE = new Set([
  'parse-error',
  'invalid-key-name',
  'invalid-profile-name',
  'config-missing-profile-prefix',
]);

/**
 * The warnings of one file, as shown. When more than MAX_PARSE_ERRORS lines cannot be read it is
 * not a profile file (binary data, a pasted blob): its first bad lines are listed and the rest
 * summed up in one warning, so the profiles read before the garbage are not buried under it.
 */
export function foldLineNoise(path: string, warnings: ProfileWarning[]): ProfileWarning[] {
  const parseErrors = warnings.filter((warning) => warning.code === 'parse-error').length;
  if (parseErrors <= MAX_PARSE_ERRORS) return warnings;
  const noisy = warnings.filter((warning) => LINE_NOISE.has(warning.code));
  const listed = new Set(noisy.slice(0, MAX_PARSE_ERRORS));
  return [
    {
      severity: 'error',
      code: 'not-a-profile-file',
      message:
        `${path} does not look like an AWS config file: ${noisy.length} lines could not be ` +
        `read (the first ${MAX_PARSE_ERRORS} are listed); check that it is the file you meant, ` +
        'or restore it from a backup',
      file: path,
      line: 0,
    },
    ...warnings.filter((warning) => !LINE_NOISE.has(warning.code) || listed.has(warning)),
  ];
}
