import { DOMAINS } from '../../src/core/domains.ts';
import { ApiError, getJson, postJson } from '../api.ts';
import { clear, formatTime, h } from '../dom.ts';
import type { RefreshProgress, RefreshResult, RefreshState } from '../types.ts';
import { overviewSection } from './overview.ts';

const POLL_MS = 400;

/**
 * Estate → Refresh Estate: one button that starts a scan of every enabled profile, its live
 * progress (polled), and the overview that the scan produced once it ends.
 */
export async function renderRefresh(root: HTMLElement): Promise<void> {
  const status = h('p', { class: 'message', role: 'status', 'data-testid': 'refresh-status' });
  const progress = h('ol', { class: 'progress', 'data-testid': 'refresh-progress' });
  const after = h('div', { class: 'after-refresh' });
  const button = h('button', { class: 'primary', type: 'button' }, 'Refresh Estate');

  const showState = (state: RefreshState): void => {
    button.disabled = state.phase === 'running';
    status.textContent = describeState(state);
    status.classList.toggle('error', state.phase === 'failed');
    clear(
      progress,
      state.recent.slice(-12).map((event) => h('li', {}, describeEvent(event))),
    );
  };

  const follow = async (): Promise<void> => {
    let state = await getJson<RefreshState>('/api/refresh');
    showState(state);
    while (state.phase === 'running' && root.isConnected) {
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      state = await getJson<RefreshState>('/api/refresh');
      showState(state);
    }
    if (state.phase === 'done' && root.isConnected) {
      clear(after, h('h2', {}, 'Overview'), await overviewSection());
    }
  };

  button.addEventListener('click', () => {
    button.disabled = true;
    void (async () => {
      try {
        showState(await postJson<RefreshState>('/api/refresh'));
      } catch (error) {
        // 409: a scan already runs (another tab, a double click); follow that one instead.
        if (!(error instanceof ApiError && error.status === 409)) {
          status.textContent = error instanceof Error ? error.message : String(error);
          status.classList.add('error');
          button.disabled = false;
          return;
        }
      }
      await follow();
    })();
  });

  clear(
    root,
    h('header', { class: 'screen-head' }, h('h1', {}, 'Refresh Estate'), button),
    h('p', { class: 'muted' }, 'Scans every enabled profile in every enabled region, read-only.'),
    status,
    progress,
    after,
  );
  await follow();
}

function describeState(state: RefreshState): string {
  switch (state.phase) {
    case 'idle':
      return 'No scan has run since the dashboard started.';
    case 'running':
      return `Scanning… (${state.eventCount} steps so far, started ${formatTime(state.startedAt)})`;
    case 'done':
      return `Scan finished at ${formatTime(state.finishedAt)}. ${describeResult(state.result)}`;
    case 'failed':
      return `Scan failed: ${state.error ?? 'unknown error'}`;
  }
}

function describeResult(result: unknown): string {
  const refreshed = result as Partial<RefreshResult> | undefined;
  if (!refreshed?.version) return '';
  const profiles = (refreshed.profiles ?? []).map((p) => `${p.name} ${p.accessStatus}`);
  return `EstateView version ${refreshed.version.id}: ${profiles.join(', ')}.`;
}

/** One line per progress event of the refresh (RefreshProgress in src/app/refresh.ts). */
export function describeEvent(event: unknown): string {
  const progress = event as RefreshProgress;
  switch (progress.kind) {
    case 'profile-start':
      return `${progress.profile}: scan started`;
    case 'profile-done':
      return (
        `${progress.profile}: scan finished, ${progress.accessStatus}` +
        (progress.error ? ` (${progress.error})` : '')
      );
    case 'scan': {
      const step = progress.event;
      const label = DOMAINS.find((domain) => domain.id === step.domain)?.label ?? 'Account';
      const count = step.state === 'finished' ? `, ${step.count} seen` : '';
      return `${progress.profile}: ${label} in ${step.region} ${step.state}${count}`;
    }
    default:
      return fields(event);
  }
}

/** The scanner's own events: show their message, else their main fields. */
function fields(event: unknown): string {
  if (typeof event !== 'object' || event === null) return String(event);
  const record = event as Record<string, unknown>;
  if (typeof record.message === 'string') return record.message;
  const words = ['kind', 'domain', 'region', 'status', 'phase', 'detail']
    .map((key) => record[key])
    .filter((value) => typeof value === 'string' || typeof value === 'number');
  return words.length > 0 ? words.join(' · ') : JSON.stringify(event);
}
