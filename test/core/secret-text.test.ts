import { describe, expect, it } from 'vitest';
import { shownValue, withoutUrlSecrets } from '../../src/core/secret-text.ts';
import { commandProgram } from '../../src/profiles/command-program.ts';
import { isSecretSetting } from '../../src/profiles/secrets.ts';

describe(withoutUrlSecrets.name, () => {
  it.each([
    ['http://scanner:hunter2@127.0.0.1:9', 'http://scanner:****@127.0.0.1:9'],
    // The password runs to the last @, as URL parsers read it.
    ['http://u:p@ssword-hunter2@127.0.0.1:1', 'http://u:****@127.0.0.1:1'],
    ['http://u:hun/ter2@host', 'http://u:****@host'],
    ['HTTP://:hunter2@host/path', 'HTTP://:****@host/path'],
    [
      'Invalid proxy URL: http://proxyuser:hunter2pw@[::1',
      'Invalid proxy URL: http://proxyuser:****@[::1',
    ],
    [
      'https://my.awsapps.com/start?token=SUPERSECRET123&x=1',
      'https://my.awsapps.com/start?token=****&x=1',
    ],
    [
      'http://h/?X-Amz-Security-Token=FwoGZX&X-Amz-Date=1',
      'http://h/?X-Amz-Security-Token=****&X-Amz-Date=1',
    ],
  ])('%s → %s', (text, shown) => {
    expect(withoutUrlSecrets(text)).toBe(shown);
  });

  it('leaves a URL without secrets as it was', () => {
    expect(withoutUrlSecrets('http://127.0.0.1:5000/path?region=eu-west-1')).toBe(
      'http://127.0.0.1:5000/path?region=eu-west-1',
    );
  });
});

describe('what profiles show prints of a setting', () => {
  it('withholds an access key id wherever it stands', () => {
    expect(shownValue('AKIAIOSFODNN7EXAMPLE')).toBe('(an access key id, not shown)');
  });

  it.each([
    ['aws_access_key_id_2', true],
    ['vault_token', true],
    ['api_key', true],
    ['my_password', true],
    ['web_identity_token_file', false],
    ['credential_process', false],
    ['credential_source', false],
    ['region', false],
    ['external_id', false],
  ])('%s is secret: %s', (name, secret) => {
    expect(isSecretSetting(name)).toBe(secret);
  });

  it.each([
    ['/opt/aws-vault export dev --json', '/opt/aws-vault'],
    ['VAULT_PASSWORD=hunter2 /nonexistent/aws-vault export', '/nonexistent/aws-vault'],
    ['"/tmp/my tools/cp 2.sh" --password hunter2', '/tmp/my tools/cp 2.sh'],
    ["A=1 B='x y' 'creds' --token t", 'creds'],
  ])('the program of %s is %s, never an assignment or argument', (command, program) => {
    expect(commandProgram(command)).toBe(program);
  });
});
