import type { StoredProfile } from '../store/index.ts';
import type { ProfileView } from './views.ts';

export function toProfileView(stored: StoredProfile): ProfileView {
  return {
    name: stored.name,
    provider: 'AWS',
    ...(stored.accountId !== undefined ? { accountId: stored.accountId } : {}),
    ...(stored.region !== undefined ? { region: stored.region } : {}),
    credentialKind: stored.credentialKind,
    source: stored.source,
    ...(stored.endpointUrl !== undefined ? { endpointUrl: stored.endpointUrl } : {}),
    lifecycle: stored.lifecycle,
    ...(stored.lifecycle === 'Missing'
      ? { returnsAs: stored.previousLifecycle ?? 'Discovered' }
      : {}),
    accessStatus: stored.accessStatus,
    ...(stored.accessDetail !== undefined ? { accessDetail: stored.accessDetail } : {}),
    ...(stored.note !== undefined ? { note: stored.note } : {}),
    ...(stored.lastTested !== undefined ? { lastTested: stored.lastTested } : {}),
    ...(stored.lastRefreshed !== undefined ? { lastRefreshed: stored.lastRefreshed } : {}),
    warnings: stored.warnings,
  };
}
