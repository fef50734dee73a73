import { homedir } from 'node:os';
import path from 'node:path';

export type Platform = 'linux' | 'windows' | 'macos';

export interface FileLocationInput {
  readonly env: NodeJS.ProcessEnv;
  /**
   * The home directory. When given it wins over the environment, so a caller (or a test) that
   * names a home gets that home; when absent the SDK rules below decide.
   */
  readonly homeDir?: string;
  readonly platform?: Platform;
}

export interface ProfileFileLocations {
  readonly configPath: string;
  readonly credentialsPath: string;
  /** The profile used when none is named: `AWS_PROFILE`, else `default`. */
  readonly defaultProfile: string;
  readonly homeDir: string;
}

export function currentPlatform(): Platform {
  if (process.platform === 'win32') return 'windows';
  if (process.platform === 'darwin') return 'macos';
  return 'linux';
}

/**
 * The home directory as the AWS SDKs find it: `HOME` first on every platform; on Windows then
 * `USERPROFILE`, then `HOMEDRIVE` + `HOMEPATH`.
 */
export function sdkHomeDir(env: NodeJS.ProcessEnv, platform: Platform): string {
  if (env.HOME) return env.HOME;
  if (platform === 'windows') {
    if (env.USERPROFILE) return env.USERPROFILE;
    if (env.HOMEPATH) return `${env.HOMEDRIVE ?? 'C:'}${env.HOMEPATH}`;
  }
  return homedir();
}

/** Where the SDKs read the config and credentials files, given the environment. */
export function locateProfileFiles(input: FileLocationInput): ProfileFileLocations {
  const platform = input.platform ?? currentPlatform();
  const home = input.homeDir ?? sdkHomeDir(input.env, platform);
  const join = joinFor(platform);
  const pick = (variable: string | undefined, ...fallback: string[]): string =>
    variable ? expandHome(variable, home, platform) : join(home, ...fallback);
  return {
    configPath: pick(input.env.AWS_CONFIG_FILE, '.aws', 'config'),
    credentialsPath: pick(input.env.AWS_SHARED_CREDENTIALS_FILE, '.aws', 'credentials'),
    defaultProfile: input.env.AWS_PROFILE || 'default',
    homeDir: home,
  };
}

/** A leading `~` alone or followed by a separator means the home directory. */
export function expandHome(file: string, home: string, platform: Platform): string {
  if (file === '~') return home;
  const separator = platform === 'windows' ? /^~[\\/]/ : /^~\//;
  if (!separator.test(file)) return file;
  return joinFor(platform)(home, file.slice(2));
}

function joinFor(platform: Platform): (...parts: string[]) => string {
  const paths = platform === 'windows' ? path.win32 : path.posix;
  return (...parts) => paths.join(...parts);
}
