/**
 * Profile names in the commands Escher tells people to run. Names come from the user's files
 * and may hold spaces or quotes, or start with `-`, which a command would read as an option:
 * each command shown must do what it says when pasted into a shell.
 */

/** A word for a POSIX shell, quoted only when it needs to be. */
export function shellWord(value: string): string {
  return /^[A-Za-z0-9\-_/.%@:+=]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

/** `--profile NAME` for the AWS CLI; `--profile=-x` for a name that looks like an option. */
export function profileOption(name: string): string {
  return name.startsWith('-') ? `--profile=${shellWord(name)}` : `--profile ${shellWord(name)}`;
}

/** A profile name as an argument of an `escher` command; `-- -x` ends the options first. */
export function profileArgument(name: string): string {
  return name.startsWith('-') ? `-- ${shellWord(name)}` : shellWord(name);
}
