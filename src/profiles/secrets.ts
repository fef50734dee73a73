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

/**
 * A setting whose value is not shown: the credential keys and anything named like a secret
 * (`aws_access_key_id_2`, `vault_token`, `api_key`). Paths to such things (`*_file`) and the
 * settings that name how credentials are found are no secret.
 */
export function isSecretSetting(name: string): boolean {
  if (SECRET_KEYS.has(name)) return true;
  if (/_file$/.test(name) || name === 'credential_process' || name === 'credential_source') {
    return false;
  }
  return /secret|password|passwd|token|access_key|api_?key|private|credential/.test(name);
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
