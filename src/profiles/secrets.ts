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
