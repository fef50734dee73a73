import { domainInfo } from '../../src/core/domains.ts';
import { kindWords } from '../../src/render/diagnostics.ts';
import { getJson } from '../api.ts';
import { clear, formatTime, h, statusClass } from '../dom.ts';
import type { DiagnosticsView, ProfileView } from '../types.ts';

/** Estate → Profile Diagnostics: every call that failed, what it means and how to fix it. */
export async function renderDiagnostics(root: HTMLElement, wanted?: string): Promise<void> {
  const profiles = await getJson<ProfileView[]>('/api/profiles');
  // Without a choice, start on the enabled profile most likely to need a look.
  const enabled = profiles.filter((p) => p.lifecycle === 'Enabled' || p.lifecycle === 'Active');
  const troubled = (p: ProfileView): boolean =>
    p.accessStatus === 'PARTIAL' || p.accessStatus === 'ERROR' || p.accessStatus === 'DISCONNECTED';
  const fallback = (enabled.find(troubled) ?? enabled[0] ?? profiles.find(troubled) ?? profiles[0])
    ?.name;
  // A name in the address that is not a profile (a stale bookmark) falls back, and says so.
  const known = wanted === undefined || profiles.some((p) => p.name === wanted);
  const chosen = known ? (wanted ?? fallback) : fallback;
  const picker = h(
    'select',
    {
      'aria-label': 'Profile',
      onchange: (event) => {
        const name = (event.target as HTMLSelectElement).value;
        location.hash = `#/diagnostics/${encodeURIComponent(name)}`;
      },
    },
    profiles.map((p) => h('option', { value: p.name, selected: p.name === chosen }, p.name)),
  );
  const head = h(
    'header',
    { class: 'screen-head' },
    h('h1', {}, 'Profile Diagnostics'),
    h('label', {}, 'Profile ', picker),
  );
  const unknown = known
    ? null
    : h('p', { class: 'message error' }, `There is no profile named ${wanted}.`);
  if (chosen === undefined) {
    clear(
      root,
      head,
      unknown,
      h('p', { class: 'empty' }, 'No profiles yet: discover them on Profiles.'),
    );
    return;
  }
  const view = await getJson<DiagnosticsView>(
    `/api/diagnostics?profile=${encodeURIComponent(chosen)}`,
  );
  clear(root, head, unknown, summary(view), failureTable(view));
}

function summary(view: DiagnosticsView): HTMLElement {
  const account = view.accountId ?? 'account unknown';
  return h(
    'div',
    { class: 'diagnostics-summary' },
    h(
      'h2',
      {},
      `${view.profile} (AWS ${account}) `,
      h('span', { class: statusClass(view.accessStatus) }, view.accessStatus),
    ),
    // The sign-in error is often the access detail itself: say it once.
    view.accessDetail && view.accessDetail !== view.error ? h('p', {}, view.accessDetail) : null,
    view.error
      ? h('p', { class: 'message error' }, `Sign-in failed, nothing was read: ${view.error}`)
      : null,
    h('p', { class: 'muted' }, scanLine(view)),
  );
}

function scanLine(view: DiagnosticsView): string {
  if (!view.scanned) {
    // Refresh Estate scans enabled profiles only.
    return view.lifecycle === 'Enabled' || view.lifecycle === 'Active'
      ? 'Not scanned yet: click Refresh Estate.'
      : `Not scanned yet: it is ${view.lifecycle}; enable it on Profiles, then click Refresh Estate.`;
  }
  const version = `EstateView version ${view.version?.id ?? '—'}`;
  return view.carried
    ? `Not scanned by ${version} (disabled, or not named); from its last scan, ${formatTime(view.scannedAt)}.`
    : `Latest scan ${formatTime(view.scannedAt)} (${version}).`;
}

function failureTable(view: DiagnosticsView): HTMLElement | null {
  if (!view.scanned) return null;
  if (view.failures.length === 0) {
    // After a failed sign-in the summary already says that nothing was read.
    if (view.error) return null;
    return h('p', { class: 'empty' }, `No failed calls for ${view.profile} in its last scan.`);
  }
  // The fix is the longest and most useful text: it gets a row of its own, full width.
  const head = ['Domain', 'Region', 'Operation', 'IAM action', 'Error code', 'Kind'];
  const toAdd = view.actionsToAdd;
  const untried = view.untriedActions;
  return h(
    'div',
    { class: 'diagnostics-host' },
    toAdd.length > 0
      ? h(
          'p',
          { 'data-testid': 'actions-to-add' },
          `Actions to add to the profile's IAM policy (${toAdd.length}): `,
          h('span', { class: 'mono' }, toAdd.join(', ')),
        )
      : null,
    untried.length > 0
      ? h(
          'p',
          { 'data-testid': 'untried-actions' },
          `Not tried, since the list they follow was denied; add them too (${untried.length}): `,
          h('span', { class: 'mono' }, untried.join(', ')),
        )
      : null,
    h('p', {}, `${view.failures.length} failed calls.`),
    h(
      'table',
      { class: 'grid', 'data-testid': 'diagnostics-table' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          head.map((title) => h('th', {}, title)),
        ),
      ),
      view.failures.map((failure) =>
        h(
          'tbody',
          { class: 'failure' },
          h(
            'tr',
            {},
            h('td', {}, domainInfo(failure.domain).label),
            h('td', {}, failure.region),
            h('td', {}, failure.operation),
            h('td', { class: 'mono' }, failure.action),
            h('td', {}, failure.errorCode),
            h('td', {}, kindWords(failure)),
          ),
          h(
            'tr',
            { class: 'fix-row' },
            h(
              'td',
              { class: 'fix', colspan: String(head.length) },
              h('span', { class: 'fix-label' }, 'Fix: '),
              h('pre', {}, failure.fix),
            ),
          ),
        ),
      ),
    ),
  );
}
