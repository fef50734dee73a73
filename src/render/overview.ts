import { profileArgument } from '../core/shell-words.ts';
import { notScannedLine } from './not-scanned.ts';
import type { OverviewProfile, OverviewView, VersionView } from '../app/views.ts';
import { formatTime } from './time.ts';

/**
 * Estate → Overview: a header naming the EstateView version, then per enabled profile the
 * seed's Step 5 block, exactly (`escher-prod (AWS 123456789012)` and one line per domain).
 */
export function renderOverview(view: OverviewView): string {
  if (!view.version) {
    const names = view.profiles.map((profile) => profile.name);
    return names.length === 0
      ? 'No EstateView yet, and no profile is enabled: run `escher profiles discover`, ' +
          '`escher profiles enable NAME`, then `escher scan`.'
      : `No EstateView yet: run \`escher scan\` to scan ${names.join(', ')}.`;
  }
  const sections = [versionHeader(view.version)];
  if (view.profiles.length === 0) {
    sections.push('No profile is enabled: run `escher profiles enable NAME`.');
  }
  for (const profile of view.profiles) {
    sections.push(profileBlock(profile).join('\n'));
    // Why its 13 lines say "sign-in failed", and the fix: once, right under its block.
    if (profile.error !== undefined) {
      sections.push(`${profile.name}: nothing could be read: ${profile.error}`);
    }
  }
  const followUps = view.profiles.flatMap(followUp);
  if (followUps.length > 0) sections.push(followUps.join('\n'));
  return sections.join('\n\n');
}

export function versionHeader(version: VersionView): string {
  const taken = `EstateView version ${version.id}, taken at ${formatTime(version.takenAt)}`;
  if (!version.changes) return `${taken}, the first version (nothing earlier to compare)`;
  const { added, removed, modified } = version.changes;
  return `${taken}, changes since previous: +${added} −${removed} ~${modified}`;
}

export function profileHeading(profile: { name: string; accountId?: string }): string {
  return `${profile.name} (AWS ${profile.accountId ?? 'account unknown'})`;
}

function profileBlock(profile: OverviewProfile): string[] {
  const lines = [profileHeading(profile)];
  if (!profile.scanned) {
    lines.push(notScannedLine(profile.name, profile.lifecycle));
    return lines;
  }
  if (profile.carried) lines.push(carriedLine(profile.scannedAt));
  for (const domain of profile.domains) {
    lines.push(`${domain.label}: ${domain.status}${domain.detail ? ` (${domain.detail})` : ''}`);
  }
  return lines;
}

function followUp(profile: OverviewProfile): string[] {
  if (profile.error !== undefined || profile.failedCalls === 0) return [];
  const calls = profile.failedCalls === 1 ? '1 failed call' : `${profile.failedCalls} failed calls`;
  return [
    `${profile.name}: ${calls}; see \`escher profiles diagnostics ${profileArgument(profile.name)}\``,
  ];
}

/** A profile this refresh did not scan keeps its last lines; they say how old they are. */
export function carriedLine(scannedAt: string | undefined): string {
  const when = scannedAt === undefined ? '' : ` at ${formatTime(scannedAt)}`;
  return `(not scanned by this refresh: as of its last scan${when})`;
}
