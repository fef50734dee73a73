import { lstat, readFile, readlink, stat } from 'node:fs/promises';
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

/**
 * The warning code for a file that is there but cannot be read (broken link, permissions):
 * the store keeps what it knows about the profiles instead of marking them missing.
 */
export const FILE_UNREADABLE = 'file-unreadable';

const VARIABLES = {
  config: 'AWS_CONFIG_FILE',
  credentials: 'AWS_SHARED_CREDENTIALS_FILE',
} as const;

/**
 * Reads both shared files from where the SDKs look. A missing default file is an empty file;
 * a file named by a variable that is not there, a broken link or a file that cannot be read
 * gives a warning on line 0 (the whole file).
 */
export async function loadProfileFiles(input: ProfileFilesInput): Promise<LoadedProfileFiles> {
  const locations = locateProfileFiles(input);
  const problems: ProfileWarning[] = [];
  const read = async (
    kind: 'config' | 'credentials',
    path: string,
  ): Promise<{ info: ProfileFileInfo; text?: ProfileFileText }> => {
    try {
      await checkReadable(path);
      const bytes = await readFile(path);
      if (isUtf16(bytes)) throw Object.assign(new Error('EUTF16'), { code: 'EUTF16' });
      const text = bytes.toString('utf8');
      return { info: { kind, path, exists: true }, text: { path, text } };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const problem = await whyUnread(
        path,
        code,
        input.env[VARIABLES[kind]] ? VARIABLES[kind] : undefined,
      );
      if (problem) problems.push(problem);
      return { info: { kind, path, exists: problem?.code === FILE_UNREADABLE } };
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
  set.warnings.unshift(...problems);
  return { locations, files: [config.info, credentials.info], set };
}

/**
 * A file saved as UTF-16 (Windows Notepad's "Unicode"): a UTF-16 byte-order mark, or text
 * whose every other byte is NUL, as ASCII is in UTF-16. Read as UTF-8 every line would be an
 * error; the AWS CLI cannot read it either. Binary garbage is not taken for it.
 */
function isUtf16(bytes: Buffer): boolean {
  const [first, second] = bytes;
  if ((first === 0xff && second === 0xfe) || (first === 0xfe && second === 0xff)) return true;
  const head = bytes.subarray(0, 64 - (Math.min(bytes.length, 64) % 2));
  if (head.length < 8) return false;
  let evenNul = 0;
  let oddNul = 0;
  head.forEach((byte, index) => {
    if (byte === 0) {
      if (index % 2 === 0) evenNul += 1;
      else oddNul += 1;
    }
  });
  const half = head.length / 2;
  return (oddNul === half && evenNul === 0) || (evenNul === half && oddNul === 0);
}

/** Far larger than any profile file: such a file is not one, and reading it costs memory. */
const MAX_PROFILE_FILE_BYTES = 64 * 1024 * 1024;

/**
 * Refuses what reading would hang on or fill the memory with: a FIFO with no writer waits
 * forever, a device never ends. A missing file throws ENOENT as reading would.
 */
async function checkReadable(path: string): Promise<void> {
  const found = await stat(path);
  if (found.isDirectory()) return; // reading says EISDIR, with its own message
  const fail = (code: string): never => {
    throw Object.assign(new Error(code), { code });
  };
  if (!found.isFile()) fail('ENOTREGULAR');
  if (found.size > MAX_PROFILE_FILE_BYTES) fail('ETOOLARGE');
}

/** Why a file could not be read, or nothing when it is simply (and normally) absent. */
async function whyUnread(
  path: string,
  code: string | undefined,
  variable: string | undefined,
): Promise<ProfileWarning | undefined> {
  const warning = (
    severity: ProfileWarning['severity'],
    warningCode: string,
    message: string,
  ): ProfileWarning => ({ severity, code: warningCode, message, file: path, line: 0 });
  const skipped = 'its profiles are skipped';
  if (code === 'ENOENT' || code === 'ENOTDIR') {
    const target = await brokenLinkTarget(path);
    if (target !== undefined) {
      return warning(
        'error',
        FILE_UNREADABLE,
        `${path} is a broken symbolic link: it points to ${target}, which does not exist; ` +
          `${skipped}. Restore ${target} or point the link at the right file`,
      );
    }
    if (variable === undefined) return undefined;
    return warning(
      'warning',
      'file-not-found',
      `${variable} is set to ${path}, which does not exist, so no profiles are read from it; ` +
        `fix ${variable} or unset it to use the default file`,
    );
  }
  if (code === 'EACCES' || code === 'EPERM') {
    return warning(
      'error',
      FILE_UNREADABLE,
      `${path} cannot be read: permission denied; ${skipped}. Run \`chmod u+r ${path}\`, or ` +
        `\`sudo chown "$(id -un)" ${path}\` if another user owns it`,
    );
  }
  if (code === 'EISDIR') {
    return warning(
      'error',
      FILE_UNREADABLE,
      `${path} cannot be read (EISDIR): it is a directory, not a file; ${skipped}. ` +
        `Point ${variable ?? 'it'} at the file`,
    );
  }
  if (code === 'ENOTREGULAR') {
    return warning(
      'error',
      FILE_UNREADABLE,
      `${path} is not a regular file (a pipe, a socket or a device); ${skipped}. ` +
        `Point ${variable ?? 'it'} at the file`,
    );
  }
  if (code === 'ETOOLARGE') {
    return warning(
      'error',
      FILE_UNREADABLE,
      `${path} is larger than ${MAX_PROFILE_FILE_BYTES / 1024 / 1024} MiB, far larger than any ` +
        `AWS profile file; ${skipped}. Point ${variable ?? 'it'} at the right file`,
    );
  }
  if (code === 'EUTF16') {
    return warning(
      'error',
      FILE_UNREADABLE,
      `${path} is saved as UTF-16, which the AWS CLI and SDKs cannot read; ${skipped}. ` +
        'Save it as UTF-8 (in Notepad: Save As, Encoding UTF-8)',
    );
  }
  return warning(
    'error',
    FILE_UNREADABLE,
    `${path} cannot be read (${code ?? 'unknown error'}); ${skipped}`,
  );
}

async function brokenLinkTarget(path: string): Promise<string | undefined> {
  try {
    if (!(await lstat(path)).isSymbolicLink()) return undefined;
    return await readlink(path);
  } catch {
    return undefined;
  }
}
