import type { ProfileWarning } from '../profiles/types.ts';
import { oneLine } from './terminal-safe.ts';

/** A warning about the AWS files as an editor reads a location: `path:line: severity: text`. */
export function warningLine(warning: ProfileWarning): string {
  // Line 0 is the whole file: `<path>:0` would send an editor to a line that does not exist.
  // The path comes from a variable the user set: a line break in it must not start a line.
  const file = oneLine(warning.file);
  const at = warning.line > 0 ? `${file}:${warning.line}` : file;
  return `${at}: ${warning.severity}: ${warning.message}`;
}
