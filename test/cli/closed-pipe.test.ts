import { spawn } from 'node:child_process';
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
