import { createHash } from 'node:crypto';
import { withoutUrlSecrets } from '../core/secret-text.ts';

/**
 * The last guard before text reaches the store: an AWS access key id never belongs in it,
 * whichever collector or message carried one in (an IAM key listing, an error echoing the
 * caller's key). A short one-way digest keeps two withheld keys distinct. Secrets and tokens
 * have no recognisable shape, so the sources that could hold them (profile files, credential
 * providers) are never read into the store at all.
 */
const ACCESS_KEY_ID = /\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\b/g;

export function redactSecrets(text: string): string {
  return withoutUrlSecrets(text).replace(ACCESS_KEY_ID, (keyId) => {
    const digest = createHash('sha256').update(keyId).digest('hex').slice(0, 8);
    return `[access key id withheld #${digest}]`;
  });
}
