import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { profileArgument, profileOption, shellWord } from '../../src/core/shell-words.ts';
import { authFailure } from '../../src/access/auth-failure.ts';

/** What a POSIX shell hands the command for `words`, one argument a line. */
function shellReads(words: string): string[] {
  return execFileSync('/bin/sh', ['-c', `printf '%s\\n' ${words}`], { encoding: 'utf8' })
    .split('\n')
    .slice(0, -1);
}

describe('profile names in the commands Escher prints', () => {
  it.each([
    ['prod', 'prod'],
    ['acct-dev.AdminAccess', 'acct-dev.AdminAccess'],
    ['Team Dev', "'Team Dev'"],
    ["it's", "'it'\\''s'"],
    ['$(rm -rf ~)', "'$(rm -rf ~)'"],
  ])('%s reaches the command as one word: %s', (name, word) => {
    expect(shellWord(name)).toBe(word);
    expect(shellReads(shellWord(name))).toEqual([name]);
  });

  it('keeps a name that starts with - from being read as an option', () => {
    expect(profileOption('-h')).toBe('--profile=-h');
    expect(shellReads(profileOption('-h'))).toEqual(['--profile=-h']);
    expect(profileArgument('--json')).toBe('-- --json');
    expect(authFailure('no-credentials', '-h').fix).toBe('aws configure --profile=-h');
  });
});
