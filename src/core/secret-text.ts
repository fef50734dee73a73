/**
 * Secrets that travel inside ordinary text: a password in a URL (an endpoint, a proxy), a
 * token in a URL's query, an access key id in a setting. Everything Escher shows or stores of
 * a value from the user's files or environment passes through here.
 */

/**
 * `http://user:pass@host` as `http://user:****@host`. The password runs to the last `@` of the
 * URL, as URL parsers read it (`http://u:p@ss@host`), and may hold a `/`.
 */
const URL_PASSWORD = /\b([a-z][a-z0-9+.-]*:\/\/[^\s/:@]*):\S*@/gi;

/** Query parameters that carry a secret: `X-Amz-Security-Token=…`, `token=…`, `password=…`. */
const SECRET_PARAMETER =
  /([?&][^=&\s]*(?:token|signature|credential|secret|password|passwd|apikey|api_key)[^=&\s]*=)[^&\s]*/gi;

const ACCESS_KEY_ID = /\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\b/g;

export function withoutUrlSecrets(text: string): string {
  return text.replace(URL_PASSWORD, '$1:****@').replace(SECRET_PARAMETER, '$1****');
}

/** A setting's value as shown: URL secrets masked, an access key id withheld. */
export function shownValue(value: string): string {
  return withoutUrlSecrets(value).replace(ACCESS_KEY_ID, '(an access key id, not shown)');
}
