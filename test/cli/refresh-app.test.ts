import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext, RefreshProgress } from '../../src/app/index.ts';
import {
  appContextFrom,
  discoverProfiles,
  getOverview,
  listProfiles,
  refreshEstate,
  setProfilesEnabled,
  testProfileAccess,
} from '../../src/app/index.ts';
import { renderOverview } from '../../src/render/overview.ts';
import { CliError } from '../../src/cli/cli-error.ts';
import { useMoto } from '../helpers/moto.ts';

/** The app layer in-process, against moto checking every call against IAM. */
describe('refreshEstate', () => {
  const moto = useMoto({ enforceIam: true });
  let home: string;
  let app: AppContext;

  const writeCredentials = (goodKeys: boolean): void => {
    const admin = moto.admin;
    const rejected = { accessKeyId: 'AKIAREJECTEDKEY00001', secretAccessKey: 'rejected/secret' };
    const broken = goodKeys ? admin : rejected;
    writeFileSync(
      join(home, '.aws', 'credentials'),
      `[stranger]\naws_access_key_id = ${rejected.accessKeyId}\naws_secret_access_key = x\n` +
        `[good]\naws_access_key_id = ${admin.accessKeyId}\naws_secret_access_key = ${admin.secretAccessKey}\n` +
        `[flaky]\naws_access_key_id = ${broken.accessKeyId}\naws_secret_access_key = ${broken.secretAccessKey}\n`,
    );
  };

  beforeAll(async () => {
    home = mkdtempSync(join(tmpdir(), 'escher-app-'));
    mkdirSync(join(home, '.aws'));
    const section = (name: string): string =>
      `[profile ${name}]\nregion = us-east-1\nendpoint_url = ${moto.endpoint}\n`;
    writeFileSync(
      join(home, '.aws', 'config'),
      `${section('good')}\n${section('flaky')}\n${section('stranger')}`,
    );
    writeCredentials(true);
    app = appContextFrom({ env: {}, homeDir: home });
    await discoverProfiles(app);
    setProfilesEnabled(app, ['good', 'flaky', 'stranger'], true);
  });
  afterAll(() => {
    rmSync(home, { recursive: true, force: true });
  });

  it('refuses a second refresh, shows Active while scanning, and a cancel keeps nothing', async () => {
    const controller = new AbortController();
    let resolveStarted: () => void = () => undefined;
    const started = new Promise<void>((resolve) => (resolveStarted = resolve));
    const first = refreshEstate(app, {
      profiles: ['good'],
      signal: controller.signal,
      onProgress: (event: RefreshProgress) => {
        if (event.kind === 'scan') resolveStarted();
      },
    });
    const outcome = first.then(
      () => 'finished',
      (error: unknown) => error,
    );
    await started;

    expect(listProfiles(app).find((p) => p.name === 'good')?.lifecycle).toBe('Active');
    await expect(refreshEstate(app, { profiles: ['flaky'] })).rejects.toThrow(
      /another refresh \(process \d+\) is writing EstateView version 1/,
    );
    await expect(refreshEstate(app, { profiles: ['good'] })).rejects.toThrow(
      'profile good is being scanned by another refresh; wait for it',
    );
    // With every other profile disabled, a refresh of "all enabled" says why it cannot start.
    const others = listProfiles(app)
      .filter((p) => p.lifecycle === 'Enabled')
      .map((p) => p.name);
    setProfilesEnabled(app, others, false);
    await expect(refreshEstate(app)).rejects.toThrow(
      'another refresh is scanning good; wait for it to finish',
    );
    setProfilesEnabled(app, others, true);

    controller.abort();
    const error = await outcome;
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).message).toContain('the previous EstateView stays current');
    expect(listProfiles(app).map((p) => p.lifecycle)).toEqual(['Enabled', 'Enabled', 'Enabled']);
    expect(getOverview(app).version).toBeUndefined();
  });

  it('ends ERROR for keys AWS rejects, and DISCONNECTED once it had connected', async () => {
    const test = await testProfileAccess(app, 'flaky');
    expect(test.status).toBe('CONNECTED');

    writeCredentials(false);
    const result = await refreshEstate(app);
    const byName = Object.fromEntries(result.profiles.map((p) => [p.name, p]));
    expect(byName.good?.accessStatus).toBe('OK');
    expect(byName.flaky?.accessStatus).toBe('DISCONNECTED');
    // In Test Access's words: rejected keys are fixed with aws configure, not an SSO login.
    expect(byName.flaky?.error).toBe(
      'AWS rejected the access keys (InvalidClientTokenId); fix: aws configure --profile flaky',
    );
    expect(byName.stranger?.accessStatus).toBe('ERROR');

    const text = renderOverview(getOverview(app));
    expect(text).toContain(
      'flaky (AWS 123456789012)\nEC2 Instances: ERROR (not read: sign-in failed)',
    );
    expect(text).toContain('good (AWS 123456789012)\nEC2 Instances: OK (0 resources)');
    expect(listProfiles(app).map((p) => [p.name, p.accessStatus, p.lifecycle])).toEqual([
      ['flaky', 'DISCONNECTED', 'Enabled'],
      ['good', 'OK', 'Enabled'],
      ['stranger', 'ERROR', 'Enabled'],
    ]);
  });

  it('refuses unknown and not enabled profiles by name, with the command that fixes it', async () => {
    await expect(refreshEstate(app, { profiles: ['ghost'] })).rejects.toThrow(CliError);
    await expect(refreshEstate(app, { profiles: ['ghost'] })).rejects.toThrow(
      'no profile named "ghost"',
    );
    setProfilesEnabled(app, ['flaky'], false);
    await expect(refreshEstate(app, { profiles: ['flaky'] })).rejects.toThrow(
      'run `escher profiles enable flaky` first',
    );
  });
});
