import { readFile } from 'node:fs/promises';
import { locateProfileFiles, type ProfileFileLocations } from './file-locations.ts';
import { readProfileFileSet, type ProfileFileSet, type ProfileFileText } from './profile-files.ts';
import type { ProfileFileInfo, ProfileWarning } from './types.ts';

export interface ProfileFilesInput {
  readonly env: NodeJS.ProcessEnv;
  readonly homeDir?: string;
}

export interface LoadedProfileFiles {
  readonly locations: ProfileFileLocations;
  readonly files: readonly ProfileFileInfo[];
  readonly set: ProfileFileSet;
}

/** Reads both shared files from where the SDKs look. A missing file is an empty file. */
export async function loadProfileFiles(input: ProfileFilesInput): Promise<LoadedProfileFiles> {
  const locations = locateProfileFiles(input);
  const unreadable: ProfileWarning[] = [];
  const read = async (
    kind: 'config' | 'credentials',
    path: string,
  ): Promise<{ info: ProfileFileInfo; text?: ProfileFileText }> => {
    try {
      const text = await readFile(path, 'utf8');
      return { info: { kind, path, exists: true }, text: { path, text } };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') {
        unreadable.push({
          severity: 'error',
          code: 'file-unreadable',
          message: `${path} cannot be read (${code ?? 'unknown error'}); its profiles are skipped`,
          file: path,
          line: 0,
        });
      }
      return { info: { kind, path, exists: code !== 'ENOENT' && code !== 'ENOTDIR' } };
    }
  };
  const [config, credentials] = await Promise.all([
    read('config', locations.configPath),
    read('credentials', locations.credentialsPath),
  ]);
  const set = readProfileFileSet({
    ...(config.text ? { config: config.text } : {}),
    ...(credentials.text ? { credentials: credentials.text } : {}),
  });
  set.warnings.unshift(...unreadable);
  return { locations, files: [config.info, credentials.info], set };
}
