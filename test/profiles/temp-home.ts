import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** A throw-away home directory with real ~/.aws files, for one test. */
export interface TempHome {
  readonly homeDir: string;
  readonly configPath: string;
  readonly credentialsPath: string;
  write(file: 'config' | 'credentials', content: string | Uint8Array): Promise<void>;
  /** Writes a file under the home directory, creating its folders. */
  writeAt(relative: string, content: string): Promise<string>;
  cleanup(): Promise<void>;
}

export async function makeTempHome(
  files: { config?: string | Uint8Array; credentials?: string | Uint8Array } = {},
): Promise<TempHome> {
  const homeDir = await mkdtemp(path.join(tmpdir(), 'escher-profiles-'));
  await mkdir(path.join(homeDir, '.aws'), { recursive: true });
  const home: TempHome = {
    homeDir,
    configPath: path.join(homeDir, '.aws', 'config'),
    credentialsPath: path.join(homeDir, '.aws', 'credentials'),
    async write(file, content) {
      await writeFile(file === 'config' ? home.configPath : home.credentialsPath, content);
    },
    async writeAt(relative, content) {
      const target = path.join(homeDir, relative);
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, content);
      return target;
    },
    cleanup: () => rm(homeDir, { recursive: true, force: true }),
  };
  if (files.config !== undefined) await home.write('config', files.config);
  if (files.credentials !== undefined) await home.write('credentials', files.credentials);
  return home;
}
