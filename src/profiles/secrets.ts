/**
 * Settings whose values Escher never keeps, prints or stores: access key ids count too, since
 * the brief treats any credential material as secret.
 */
const SECRET_KEYS = new Set([
  'aws_access_key_id',
  'aws_secret_access_key',
  'aws_session_token',
  'aws_security_token',
]);

export function isSecretSetting(name: string): boolean {
  return SECRET_KEYS.has(name) || /secret|password|session_token|security_token/.test(name);
}

/**
 * A "key" that no setting is named like: a run of 16 or more letters, digits and base64 marks
 * with no `_` between words. It is a key id, secret or token pasted onto a line of its own, or
 * joined to its name by `:` (`aws_session_token:FwoG...==` reads as a key up to the `=`).
 * Setting names are short words joined by `_`, the longest word a dozen letters.
 */
export function looksLikePastedCredential(keyName: string): boolean {
  return /[A-Za-z0-9/+=-]{16,}/.test(keyName);
}

/** `http://user:pass@host` as `http://user:****@host`: a URL may carry a password in it. */
export function withoutUrlPassword(text: string): string {
  return text.replace(/\b([a-z][a-z0-9+.-]*:\/\/[^\s/:@]*):[^\s/@]*@/gi, '$1:****@');
}
