import type { DomainId } from '../../core/domains.ts';
import type { DomainTally } from '../domain-tally.ts';
import type { ScanRun } from '../scan-run.ts';

/**
 * One domain's reader. A regional collector runs once per scanned region; a global one once per
 * account (C17), with `region` set to where the global service answers.
 */
export interface Collector {
  readonly domain: DomainId;
  readonly scope: 'regional' | 'global';
  collect(run: ScanRun, region: string): Promise<void>;
  /** The counts its line gives: an `OK` domain's JSON holds each, 0 when nothing was seen. */
  readonly counted: readonly string[];
  /** The bracketed words of an `OK` line, e.g. `48 resources`. */
  okText(tally: DomainTally): string;
}

/** AWS tag lists (`[{Key, Value}]`) as a plain map. */
export function tagMap(
  tags: readonly { Key?: string | undefined; Value?: string | undefined }[] | undefined,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const tag of tags ?? []) if (tag.Key !== undefined) out[tag.Key] = tag.Value ?? '';
  return out;
}

export function isoDate(value: Date | string | undefined): string | null {
  if (value === undefined) return null;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}
