/**
 * Text for a terminal. What Escher prints carries names from the user's files and from AWS
 * (profile names, notes, tag values, bucket and function names); an ESC or BEL among them
 * could move the cursor, retitle the window or hide lines, and a bidirectional override or a
 * zero-width character could make one name read as another. Every control character other
 * than newline and tab is shown as \xNN instead, and those marks as \u{NNNN}.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
/** Bidirectional controls and zero-width characters: invisible, and never needed in output. */
const INVISIBLE = /[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

export function terminalSafe(text: string): string {
  return text
    .replace(UNSAFE, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`)
    .replace(INVISIBLE, (c) => `\\u{${c.charCodeAt(0).toString(16).padStart(4, '0')}}`);
}

/** One cell of a table: a line break or tab in a value (a tag, a note) cannot start a row. */
export function oneLine(text: string): string {
  return text.replace(/\r/g, '\\r').replace(/\n/g, '\\n').replace(/\t/g, '\\t');
}
