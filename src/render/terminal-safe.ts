/**
 * Text for a terminal. What Escher prints carries names from the user's files and from AWS
 * (profile names, notes, tag values, bucket and function names); an ESC or BEL among them
 * could move the cursor, retitle the window or hide lines. Every control character other than
 * newline and tab is shown as \xNN instead.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
