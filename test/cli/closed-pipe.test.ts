import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { closeSync, openSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const BIN = new URL('../../bin/escher.js', import.meta.url).pathname;

/** Runs escher with its stdout pipe closed before it writes, as `| head -0` would. */
function runWithClosedStdout(args: readonly string[]): Promise<{ code: number; stderr: string }> {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.destroy();
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve) => {
    child.once('close', (code) => {
      resolve({ code: code ?? -1, stderr });
    });
  });
}

describe('a reader that closes the pipe early', () => {
  it.each(['policy', 'policy --explain', '--help'])(
    'escher %s ends quietly with exit 0',
    async (commandLine) => {
      const { code, stderr } = await runWithClosedStdout(commandLine.split(' '));
      expect(stderr).toBe('');
      expect(code).toBe(0);
    },
  );
});

describe('an output that cannot be written', () => {
  it('says so in one line with the fix, no stack trace (escher policy > /dev/full)', async () => {
    const full = openSync('/dev/full', 'w');
    try {
      const child = spawn(process.execPath, [BIN, 'policy'], { stdio: ['ignore', full, 'pipe'] });
      let stderr = '';
      child.stderr?.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
      });
      const [code] = (await once(child, 'close')) as [number];
      expect(code).toBe(1);
      expect(stderr).toBe(
        'escher: cannot write the output (ENOSPC: no space left on the device); free space ' +
          'or write it elsewhere, then run the command again\n',
      );
    } finally {
      closeSync(full);
    }
  });
});
