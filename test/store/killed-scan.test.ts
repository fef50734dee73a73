import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { countResources, currentVersion, listVersions, openStore } from '../../src/store/index.ts';
import { tempDir } from './helpers.ts';

const KEY_ID = 'AKIAKILLEDSCANTEST01';
const FIXTURE = new URL('./fixtures/scan-until-killed.ts', import.meta.url).pathname;

describe('a scan killed half-way', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => (dir = tempDir()));
  afterEach(() => {
    dir.remove();
  });

  it('leaves the previous EstateView current and the database whole', async () => {
    const home = join(dir.path, 'escher');
    // process.execPath is the Node 24 that runs vitest, so the child runs TypeScript as we do.
    const child = spawn(process.execPath, [FIXTURE, home, KEY_ID], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = once(child, 'exit');
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('writing')) resolve();
      });
      child.once('exit', (code) => {
        reject(new Error(`child exited early with ${String(code)}`));
      });
    });
    await new Promise((resolve) => setTimeout(resolve, 30));
    child.kill('SIGKILL');
    const [, signal] = (await exited) as [number | null, string | null];
    expect(signal).toBe('SIGKILL');

    const store = openStore(home);
    try {
      const integrity = store.db.prepare('PRAGMA integrity_check').get() as {
        integrity_check: string;
      };
      expect(integrity.integrity_check).toBe('ok');
      expect(currentVersion(store)?.id).toBe(1);
      expect(countResources(store, 1, {})).toBe(100);
      expect(listVersions(store).map((version) => version.state)).toEqual([
        'complete',
        'abandoned',
      ]);
    } finally {
      store.close();
    }

    for (const file of readdirSync(home)) {
      expect(readFileSync(join(home, file)).includes(KEY_ID), file).toBe(false);
    }
  });
});
