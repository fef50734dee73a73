import { getJson } from '../api.ts';
import { barChart } from '../chart.ts';
import { clear, formatTime, h, statusClass } from '../dom.ts';
import type { DomainLine, EstateCharts, OverviewProfile, OverviewView } from '../types.ts';

/** Estate → Overview: the seed's Step 5, one block per enabled profile. */
export async function renderOverview(root: HTMLElement): Promise<void> {
  const body = await overviewSection();
  clear(root, h('header', { class: 'screen-head' }, h('h1', {}, 'Overview')), body);
}

/** The overview as the server has it now; also shown under Refresh Estate when a scan ends. */
export async function overviewSection(): Promise<HTMLElement> {
  const [overview, charts] = await Promise.all([
    getJson<OverviewView>('/api/overview'),
    getJson<EstateCharts>('/api/charts'),
  ]);
  return overviewBody(overview, charts);
}

function overviewBody(overview: OverviewView, charts: EstateCharts): HTMLElement {
  if (overview.profiles.length === 0) {
    return h(
      'p',
      { class: 'empty' },
      'No profile is enabled. Enable one on the Profiles screen, then Refresh Estate.',
    );
  }
  return h(
    'div',
    { class: 'overview' },
    versionLine(overview),
    h('div', { class: 'profiles' }, overview.profiles.map(profileBlock)),
    overview.version === undefined
      ? null
      : h(
          'div',
          { class: 'charts' },
          barChart(
            'Resources by domain',
            charts.byDomain.map((row) => ({ label: row.label, value: row.count })),
          ),
          barChart(
            'Resources by region',
            charts.byRegion.map((row) => ({ label: row.label, value: row.count })),
          ),
        ),
  );
}

function versionLine(overview: OverviewView): HTMLElement {
  const version = overview.version;
  if (version === undefined) {
    return h('p', { class: 'version' }, 'No EstateView yet: click Refresh Estate to scan.');
  }
  const changes = version.changes;
  const since =
    changes === undefined
      ? 'first version'
      : `since the previous version: ${changes.added} added, ${changes.removed} removed, ` +
        `${changes.modified} modified`;
  return h(
    'p',
    { class: 'version', 'data-testid': 'estate-version' },
    `EstateView version ${version.id} · ${formatTime(version.takenAt)} · ${since} · ` +
      `${overview.resourceTotal} resources`,
  );
}

function profileBlock(profile: OverviewProfile): HTMLElement {
  const account = profile.accountId ?? 'account unknown';
  return h(
    'section',
    { class: 'profile-block', 'data-profile': profile.name },
    h(
      'h2',
      {},
      `${profile.name} (AWS ${account}) `,
      h('span', { class: statusClass(profile.accessStatus) }, profile.accessStatus),
    ),
    profile.scanned ? null : h('p', { class: 'empty' }, 'Not scanned yet: click Refresh Estate.'),
    profile.carried
      ? h(
          'p',
          { class: 'muted', 'data-testid': 'carried' },
          `Not scanned by this refresh: as of its last scan, ${formatTime(profile.scannedAt)}.`,
        )
      : null,
    profile.error ? h('p', { class: 'message error' }, profile.error) : null,
    h('ul', { class: 'domain-lines' }, profile.domains.map(domainLine)),
    profile.failedCalls > 0
      ? h(
          'a',
          { href: `#/diagnostics/${encodeURIComponent(profile.name)}` },
          `${profile.failedCalls} failed calls → Profile Diagnostics`,
        )
      : null,
  );
}

function domainLine(line: DomainLine): HTMLElement {
  return h(
    'li',
    { 'data-domain': line.domain },
    `${line.label}: `,
    h('span', { class: statusClass(line.status) }, line.status),
    line.detail ? ` (${line.detail})` : '',
  );
}
