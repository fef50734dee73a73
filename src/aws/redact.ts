import { withoutUrlSecrets } from '../core/secret-text.ts';

/**
 * Removes from an AWS message anything that could be a credential, before it is stored, shown or
 * logged: access key ids, 40-character secrets, session and SSO tokens, signatures. Encoded
 * authorization messages go too: they are long, opaque, and decoding them needs another call.
 */
const PATTERNS: readonly (readonly [RegExp, string])[] = [
  [/\b(?:AKIA|ASIA|ABIA|ACCA|AIDA|AROA)[A-Z0-9]{12,}\b/g, '[access key id removed]'],
  [/(X-Amz-Security-Token|X-Amz-Signature|X-Amz-Credential)=[^&\s"']+/gi, '$1=[removed]'],
  [/\b(Signature|Credential)=[^,\s"']+/g, '$1=[removed]'],
  [
    /(aws_secret_access_key|aws_session_token|secretAccessKey|sessionToken)\s*[=:]\s*\S+/gi,
    '$1=[removed]',
  ],
  // Tokens and encoded messages: long runs of base64 or base64url characters.
  [/[A-Za-z0-9/+_=-]{80,}/g, '[long token removed]'],
  // A secret access key is 40 base64 characters; nothing else in an AWS message looks like it.
  [/(?<![A-Za-z0-9/+])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g, '[secret removed]'],
];

const MAX_MESSAGE_LENGTH = 600;

export function redactSecrets(text: string): string {
  let out = withoutUrlSecrets(text);
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
  if (out.length > MAX_MESSAGE_LENGTH) out = `${out.slice(0, MAX_MESSAGE_LENGTH)}…`;
  return out;
}
