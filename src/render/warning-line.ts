import type { ProfileWarning } from '../profiles/types.ts';

/** A warning about the AWS files as an editor reads a location: `path:line: severity: text`. */
export function warningLine(warning: ProfileWarning): string {
  // Line 0 is the whole file: `<path>:0` would send an editor to a line that does not exist.
  const at = warning.line > 0 ? `${warning.file}:${warning.line}` : warning.file;
  return `${at}: ${warning.severity}: ${warning.message}`;
}
