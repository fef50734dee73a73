import type { RefreshProgress } from '../app/refresh.ts';
import { domainInfo } from '../core/domains.ts';
import { terminalSafe } from './terminal-safe.ts';

/** One line of refresh progress, e.g. `escher-prod · EC2 Instances · eu-west-1 · done, 12 read`. */
export function progressLine(event: RefreshProgress): string {
  switch (event.kind) {
    case 'profile-start':
      return `${event.profile}: scanning`;
    case 'profile-done':
      return `${event.profile}: ${event.accessStatus}${event.error ? ` (${event.error})` : ''}`;
    case 'scan': {
      const { domain, region, state, count } = event.event;
      const label = domain === 'account' ? 'Account' : domainInfo(domain).label;
      const step = state === 'started' ? 'reading' : `done, ${count} read`;
      return `${event.profile} · ${label} · ${region} · ${step}`;
    }
  }
}

export interface ProgressWriter {
  (event: RefreshProgress): void;
  /** Clears the live line before the results are printed. */
  finish(): void;
}

/**
 * Progress for a terminal: the latest scan step rewrites one status line, profile starts
 * and ends stay on screen, with a running count of resources read.
 */
export function terminalProgress(stream: NodeJS.WriteStream): ProgressWriter {
  let live = false;
  let total = 0;
  const clear = (): void => {
    if (live) stream.write('\r\x1b[2K');
    live = false;
  };
  const writer = ((event: RefreshProgress) => {
    if (event.kind === 'scan') {
      if (event.event.state === 'finished') total += event.event.count;
      const width = Math.max(20, (stream.columns || 80) - 1);
      clear();
      stream.write(terminalSafe(`${progressLine(event)} · ${total} in all`).slice(0, width));
      live = true;
      return;
    }
    clear();
    stream.write(`${terminalSafe(progressLine(event))}\n`);
  }) as ProgressWriter;
  writer.finish = clear;
  return writer;
}
