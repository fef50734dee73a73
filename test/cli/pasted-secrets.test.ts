import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testHome, type TestHome } from './helpers.ts';

// Made-up credentials, written the ways people break them when pasting.
const TOKEN = 'FwoGZXIvYXdzEJr//////////wEaDPASTEDTOKEN+abcdefghijklmnopqrstuvwxyz0123456789ABCD==';
const SECRET = 'Wj4lrXUtnFEMIK7MDENGbPxRfiCYzzPASTESECRET';
const CREDENTIALS = [
  // The token on a line of its own, under its empty setting.
  '[own-line]',
  'aws_access_key_id = ASIAPASTEDTEST000001',
  `aws_secret_access_key = ${SECRET}`,
  'aws_session_token =',
  TOKEN,
  '',
  // A colon instead of " = ": the whole pair reads as a key name up to the padding.
  '[colon]',
  'aws_access_key_id = ASIAPASTEDTEST000002',
  `aws_session_token:${TOKEN}`,
  '',
].join('\n');
const LEAKS = [TOKEN.slice(0, 30), 'PASTEDTOKEN', SECRET, 'ASIAPASTEDTEST'];

describe('a key or token pasted where a setting name goes', () => {
  let t: TestHome;
  beforeEach(() => {
    t = testHome();
    t.writeAws({ config: '', credentials: CREDENTIALS });
  });
  afterEach(() => {
    t.remove();
  });

  it('is named by file and line, never quoted, shown or stored', async () => {
    const outputs = [
      await t.run(['profiles', 'discover']),
      await t.run(['profiles', 'discover', '--json']),
      await t.run(['profiles', 'list', '--json']),
      ...(await Promise.all(
        ['own-line', 'colon'].flatMap((name) => [
          t.run(['profiles', 'show', name]),
          t.run(['profiles', 'show', name, '--json']),
        ]),
      )),
    ];
    const printed = outputs.map((result) => result.stdout + result.stderr).join('\n');
    for (const leak of LEAKS) expect(printed).not.toContain(leak);
    expect(printed.toLowerCase()).not.toContain(TOKEN.slice(0, 30).toLowerCase());

    const credentials = `${t.home}/.aws/credentials`;
    const text = outputs[0]?.stdout ?? '';
    for (const line of [5, 9]) {
      expect(text).toContain(
        `${credentials}:${line}: warning: this line looks like a key id, secret or token on a ` +
          'line of its own (not shown here)',
      );
    }
    // No advice to indent the token under its setting, which would keep it a sub-key.
    expect(text).not.toContain('has an empty value and the lines after it are not indented');

    const home = join(t.home, '.escher');
    for (const file of readdirSync(home)) {
      const bytes = readFileSync(join(home, file)).toString('latin1');
      for (const leak of LEAKS) expect(bytes.includes(leak), `${leak} in ${file}`).toBe(false);
      expect(bytes.toLowerCase().includes('pastedtoken'), file).toBe(false);
    }
  });
});

describe('a password inside endpoint_url', () => {
  it('is masked wherever the URL is shown, and never stored', async () => {
    const t = testHome();
    try {
      t.writeAws({
        config:
          '[profile proxied]\nregion = us-east-1\n' +
          'endpoint_url = http://scanner:EndpointPassword123@127.0.0.1:9\n',
        credentials:
          '[proxied]\naws_access_key_id = AKIAENDPOINTTEST0001\naws_secret_access_key = x\n',
      });
      const outputs = [
        await t.run(['profiles', 'discover', '--json']),
        await t.run(['profiles', 'show', 'proxied']),
        await t.run(['profiles', 'show', 'proxied', '--json']),
      ];
      const printed = outputs.map((result) => result.stdout + result.stderr).join('\n');
      expect(printed).not.toContain('EndpointPassword123');
      expect(outputs[1]?.stdout).toContain('Endpoint: http://scanner:****@127.0.0.1:9');
      const home = join(t.home, '.escher');
      for (const file of readdirSync(home)) {
        expect(readFileSync(join(home, file)).includes('EndpointPassword123'), file).toBe(false);
      }
    } finally {
      t.remove();
    }
  });
});
