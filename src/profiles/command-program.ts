/**
 * The program a `credential_process` command line runs, read as a POSIX shell reads its first
 * words: quotes group (`"/opt/my tools/creds"`), and leading `NAME=value` assignments are
 * environment, not the program. Only the program is ever shown: the assignments and the
 * arguments may hold a password or a token.
 */
export function commandProgram(command: string): string {
  for (const word of shellWords(command)) {
    if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(word)) continue;
    return word;
  }
  return '';
}

/** Splits on unquoted whitespace, removing quotes and backslash escapes. */
function shellWords(command: string): string[] {
  const words: string[] = [];
  let word = '';
  let started = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < command.length; i += 1) {
    const c = command[i] ?? '';
    if (quote !== undefined) {
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"' && i + 1 < command.length) word += command.charAt(++i);
      else word += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      started = true;
    } else if (c === '\\' && i + 1 < command.length) {
      word += command.charAt(++i);
      started = true;
    } else if (/\s/.test(c)) {
      if (started || word !== '') words.push(word);
      word = '';
      started = false;
    } else {
      word += c;
    }
  }
  if (started || word !== '') words.push(word);
  return words;
}
