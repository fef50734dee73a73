import {
  GenerateCredentialReportCommand,
  GetCredentialReportCommand,
  type IAMClient,
} from '@aws-sdk/client-iam';
import { errorCodeOf } from '../../aws/classify-error.ts';
import type { CallSpec, ScanRun } from '../scan-run.ts';

/** What the credential report says about one user. `null` is "unknown or not applicable". */
export interface CredentialFacts {
  readonly arn: string;
  readonly passwordEnabled: boolean | null;
  readonly passwordLastUsed: string | null;
  readonly mfaActive: boolean | null;
  readonly accessKeys: readonly {
    readonly active: boolean | null;
    readonly lastRotated: string | null;
    readonly ageDays: number | null;
    readonly lastUsed: string | null;
  }[];
}

export interface CredentialReport {
  readonly users: ReadonlyMap<string, CredentialFacts>;
  /** The `<root_account>` row: the account's root principal, not an IAM user (C24). */
  readonly root: CredentialFacts | undefined;
}

/** C24: the root row writes these where other rows have booleans and dates. */
const NOT_APPLICABLE = new Set(['N/A', 'not_supported', 'no_information', '']);

function flag(value: string | undefined): boolean | null {
  if (value === 'true') return true;
  if (value === 'false') return false;
  return null;
}

function date(value: string | undefined): string | null {
  if (value === undefined || NOT_APPLICABLE.has(value)) return null;
  const parsed = new Date(value);
  return Number.isNaN(parsed.getTime()) ? null : parsed.toISOString();
}

function ageDays(iso: string | null, now: Date): number | null {
  if (iso === null) return null;
  return Math.floor((now.getTime() - new Date(iso).getTime()) / 86_400_000);
}

/** Parses the report's CSV by its header, so a column AWS adds later cannot shift the others. */
export function parseCredentialReport(csv: string, now: Date): CredentialReport {
  const lines = csv.split(/\r?\n/).filter((line) => line.trim() !== '');
  const header = (lines.shift() ?? '').split(',');
  const users = new Map<string, CredentialFacts>();
  let root: CredentialFacts | undefined;
  for (const line of lines) {
    const cells = reportCells(line, header.length);
    // A row that cannot be read for sure gives its user no facts rather than another's.
    if (cells === undefined) continue;
    const cell = (name: string): string | undefined => cells[header.indexOf(name)];
    const keys = [1, 2].flatMap((n) => {
      const lastRotated = date(cell(`access_key_${n}_last_rotated`));
      const active = flag(cell(`access_key_${n}_active`));
      // Every row has two key slots; an inactive slot never rotated holds no key at all.
      if (active !== true && lastRotated === null) return [];
      return [
        {
          active,
          lastRotated,
          ageDays: active === true ? ageDays(lastRotated, now) : null,
          lastUsed: date(cell(`access_key_${n}_last_used_date`)),
        },
      ];
    });
    const facts: CredentialFacts = {
      arn: cell('arn') ?? '',
      passwordEnabled: flag(cell('password_enabled')),
      passwordLastUsed: date(cell('password_last_used')),
      mfaActive: flag(cell('mfa_active')),
      accessKeys: keys,
    };
    const user = cell('user') ?? '';
    if (user === '<root_account>') root = facts;
    else users.set(user, facts);
  }
  return { users, root };
}

/**
 * The cells of one report row. An IAM user name may hold commas (`+=,.@_-` are allowed), and
 * the report writes it unquoted in the user and arn columns: such a row has 2k cells too many
 * for k commas in the name, and is put back together when the arn then ends in that name.
 * A quoted row is read as CSV. Anything else is not guessed at.
 */
function reportCells(line: string, columns: number): string[] | undefined {
  const cells = line.includes('"') ? quotedCells(line) : line.split(',');
  if (cells === undefined || cells.length === columns) return cells;
  const extra = cells.length - columns;
  if (extra < 0 || extra % 2 !== 0) return undefined;
  const commas = extra / 2;
  const user = cells.slice(0, commas + 1).join(',');
  const arn = cells.slice(commas + 1, 2 * commas + 2).join(',');
  if (!arn.endsWith(`/${user}`)) return undefined;
  return [user, arn, ...cells.slice(2 * commas + 2)];
}

/** RFC 4180 cells of one line: `"a,b"` is one cell, `""` inside quotes is a quote. */
function quotedCells(line: string): string[] | undefined {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let index = 0; index < line.length; index += 1) {
    const char = line.charAt(index);
    if (quoted) {
      if (char === '"' && line[index + 1] === '"') {
        cell += '"';
        index += 1;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      cells.push(cell);
      cell = '';
    } else cell += char;
  }
  if (quoted) return undefined;
  cells.push(cell);
  return cells;
}

/**
 * C23: asks AWS to build the report, polls until it is COMPLETE within a bounded wait, then
 * reads it. Undefined when it could not be read; the reason is in the IAM domain's gaps.
 */
export async function readCredentialReport(
  run: ScanRun,
  region: string,
): Promise<CredentialReport | undefined> {
  const iam = run.client('iam', region);
  const spec = (operation: string): CallSpec<'iam'> => ({
    domain: 'iam',
    service: 'iam',
    operation,
    region,
    global: true,
    subject: 'credential report',
  });
  const waitMs = run.options.limits?.credentialReportWaitMs ?? 60_000;
  const deadline = run.now().getTime() + waitMs;
  let regenerated = false;

  for (;;) {
    const generated = await run.call(spec('GenerateCredentialReport'), (client) =>
      client.send(new GenerateCredentialReportCommand({}), run.sendOptions),
    );
    // Without the right to generate one, a report someone else generated may still be there;
    // and if reading is denied too, the diagnostics should name that action as well.
    if (!generated) return readExistingReport(run, iam, spec('GetCredentialReport'));
    if (generated.State === 'COMPLETE') {
      try {
        const answer = await iam.send(new GetCredentialReportCommand({}), run.sendOptions);
        run.tally('iam').succeeded += 1;
        return parseCredentialReport(Buffer.from(answer.Content ?? []).toString('utf8'), run.now());
      } catch (error) {
        const code = errorCodeOf(error);
        const stale = code === 'ReportNotPresent' || code === 'ReportExpired';
        if (!(stale && !regenerated) && code !== 'ReportInProgress') {
          await run.fail(spec('GetCredentialReport'), error);
          return undefined;
        }
        regenerated ||= stale;
      }
    }
    if (run.now().getTime() >= deadline) {
      run.tally('iam').gaps.push({ subject: 'credential report not ready', what: '' });
      return undefined;
    }
    await run.sleep(2_000);
  }
}

async function readExistingReport(
  run: ScanRun,
  iam: IAMClient,
  spec: CallSpec<'iam'>,
): Promise<CredentialReport | undefined> {
  try {
    const answer = await iam.send(new GetCredentialReportCommand({}), run.sendOptions);
    run.tally('iam').succeeded += 1;
    return parseCredentialReport(Buffer.from(answer.Content ?? []).toString('utf8'), run.now());
  } catch (error) {
    const code = errorCodeOf(error);
    // No report to read: the failed generate call already says why.
    if (code === 'ReportNotPresent' || code === 'ReportExpired' || code === 'ReportInProgress') {
      return undefined;
    }
    await run.fail(spec, error);
    return undefined;
  }
}
