import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testHome, type TestHome } from './helpers.ts';

// Names and notes come from the user's files and the command line; none may reach the terminal
// as a raw control sequence. No AWS call is made here.
describe('control characters never reach the terminal raw', () => {
  let t: TestHome;

  beforeEach(async () => {
    t = testHome();
    t.writeAws({ config: '[profile ok]\nregion = us-east-1\n' });
    await t.run(['profiles', 'discover']);
  });
  afterEach(() => {
    t.remove();
  });

  it('an unknown name with an escape sequence is shown escaped in the error', async () => {
    const result = await t.run(['profiles', 'show', 'x\u001b[31my']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('no profile named "x\\x1b[31my"');
    expect(result.stderr).not.toContain('\u001b');
  });

  it('annotate refuses a note with a control character and keeps the old note', async () => {
    expect((await t.run(['profiles', 'annotate', 'ok', 'first note'])).code).toBe(0);
    const result = await t.run(['profiles', 'annotate', 'ok', 'hi\u001b[2Jthere']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      'the note for ok holds a line break, a control or an invisible character (hi\\x1b[2Jthere)',
    );
    const twoLines = await t.run(['profiles', 'annotate', 'ok', 'line1\nline2 FAKE  Enabled OK']);
    expect(twoLines.code).toBe(2);
    expect(twoLines.stderr).toContain('write it as one line of plain text');
    const reversed = await t.run(['profiles', 'annotate', 'ok', 'prod\u202edor']);
    expect(reversed.code).toBe(2);
    expect(reversed.stderr).toContain('(prod\\u{202e}dor)');
    expect(reversed.stderr).not.toContain('\u202e');
    expect(result.stderr).not.toContain('\u001b');
    const shown = JSON.parse((await t.run(['profiles', 'show', 'ok', '--json'])).stdout);
    expect(shown.note).toBe('first note');
  });
});
