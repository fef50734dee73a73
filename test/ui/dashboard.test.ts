import { appendFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type Page,
  type Request,
} from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoUsers } from '../../src/demo/demo-users.ts';
import { buildSampleEstate } from '../../src/demo/sample-estate.ts';
import { createSandbox, type Sandbox } from '../../src/demo/sandbox.ts';
import { startDashboard, type Dashboard } from '../../src/ui/server.ts';
import { useMoto } from '../helpers/moto.ts';

/**
 * The seed's Step 4 and Step 5 done by clicking, in Debian's Chromium: the sample estate on an
 * IAM-enforcing moto, the demo's two profiles in a sandbox home, `escher ui` on that home.
 */

const SCREENSHOTS = join(process.cwd(), 'test-results', 'screenshots');
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const moto = useMoto({ enforceIam: true });

let sandbox: Sandbox | undefined;
let dashboard: Dashboard;
let browser: Browser | undefined;
let started: Dashboard | undefined;
let context: BrowserContext;
let page: Page;
const secrets: string[] = [];
const answers: string[] = [];

beforeAll(async () => {
  const admin = { endpoint: moto.endpoint, credentials: moto.admin };
  await buildSampleEstate(admin);
  const users = await createDemoUsers(admin);
  for (const user of [users.readonly, users.audit]) {
    secrets.push(user.credentials.accessKeyId, user.credentials.secretAccessKey);
  }
  sandbox = await createSandbox(moto.endpoint, [
    { name: 'escher-prod', credentials: users.readonly.credentials },
    { name: 'escher-audit', credentials: users.audit.credentials },
  ]);
  // A section the CLI and the SDKs skip: the page must show the warning, with file and line.
  await appendFile(sandbox.env.AWS_CONFIG_FILE ?? '', '\n[dev]\nregion = eu-west-1\n');
  started = await startDashboard({
    env: sandbox.env,
    homeDir: sandbox.homeDir,
    escherHome: sandbox.escherHome,
  });
  dashboard = started;

  await mkdir(SCREENSHOTS, { recursive: true });
  // launch() gives Chromium a new, empty profile directory of its own and removes it after.
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  page = await context.newPage();
  // Every answer the page reads, kept to check that none holds a key.
  page.on('response', (response) => {
    void response.text().then(
      (text) => answers.push(text),
      () => undefined,
    );
  });
  await page.goto(dashboard.url);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await started?.close();
  await sandbox?.remove();
});

async function openScreen(title: string, id: string): Promise<void> {
  await page.getByRole('link', { name: title, exact: true }).click();
  await page.locator(`.screen[data-screen="${id}"][data-ready="true"]`).waitFor();
}

const shoot = (screen: string) =>
  page.screenshot({ path: join(SCREENSHOTS, `${screen}.png`), fullPage: true });

const STEP4_SEED = [
  'Profile: escher-prod',
  'Provider: AWS',
  'Account: 123456789012',
  'Status: ✓ Connected',
  'Permissions: Sufficient for estate scan',
];
const LAMBDA_SEED = 'Lambda: OK (31 functions)';

const row = (name: string) => page.locator(`tr[data-profile="${name}"]`);

describe('Estate in Chromium, on the sample estate', () => {
  it('drops the token from the address bar after the first load', () => {
    expect(page.url()).toBe(`http://127.0.0.1:${dashboard.port}/`);
  });

  it('discovers both profiles as Discovered', async () => {
    await page.locator('.screen[data-screen="profiles"][data-ready="true"]').waitFor();
    const posts: string[] = [];
    const countPosts = (request: Request): void => {
      if (request.method() === 'POST') posts.push(new URL(request.url()).pathname);
    };
    page.on('request', countPosts);
    // A double click sends one request: the button waits, disabled, for the first.
    await page.getByRole('button', { name: 'Discover Profiles' }).dblclick();
    await expect.poll(() => row('escher-prod').count()).toBe(1);
    page.off('request', countPosts);
    expect(posts).toEqual(['/api/profiles/discover']);
    await expect
      .poll(() => row('escher-audit').locator('td').nth(1).textContent())
      .toBe('Discovered');
    expect(await page.getByTestId('profiles-message').textContent()).toBe(
      'Discovered profiles: 2 added, 0 unchanged, 0 missing; 1 warning.',
    );
    expect(await page.getByTestId('profile-warnings').locator('li').allTextContents()).toEqual([
      expect.stringMatching(
        /^\/.+\/config:\d+: warning: config section \[dev\] lacks the profile prefix, .+did you mean \[profile dev\]\?\)$/,
      ),
    ]);
  });

  it('still shows the files’ warnings after a reload, read from the files', async () => {
    await page.reload();
    await page.locator('.screen[data-screen="profiles"][data-ready="true"]').waitFor();
    expect(await page.getByTestId('profile-warnings').locator('li').allTextContents()).toEqual([
      expect.stringMatching(/^\/.+\/config:\d+: warning: config section \[dev\] lacks the profile/),
    ]);
  });

  it('names the config and credentials files it reads profiles from', async () => {
    const env = sandbox?.env ?? {};
    const files = page.getByTestId('profile-files');
    await expect.poll(() => files.textContent()).toContain(env.AWS_CONFIG_FILE ?? '?');
    expect(await files.textContent()).toBe(
      `Profiles come from your AWS CLI files: ${env.AWS_CONFIG_FILE} and ` +
        `${env.AWS_SHARED_CREDENTIALS_FILE}. `,
    );
    expect(env.AWS_CONFIG_FILE).toMatch(/^\/.+config$/);
  });

  it('enables both with the switch and annotates one', async () => {
    for (const name of ['escher-prod', 'escher-audit']) {
      await row(name).locator('.switch').click();
      await expect.poll(() => row(name).locator('td').nth(1).textContent()).toBe('Enabled');
    }
    await row('escher-prod').getByRole('button', { name: 'Annotate' }).click();
    await page.getByLabel('Note for escher-prod').fill('prod read-only');
    await row('escher-prod').getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(() => row('escher-prod').locator('td.note').textContent())
      .toBe('prod read-only');
  });

  it('Test Access shows the Step 4 block', async () => {
    await row('escher-prod').getByRole('button', { name: 'Test Access' }).click();
    const block = page.locator('pre.block[data-profile="escher-prod"]');
    await block.waitFor({ timeout: 60_000 });
    await shoot('profiles');
    const shown = (await block.textContent()) ?? '';
    expect(shown).toBe(STEP4_SEED.join('\n'));
    const message = page.getByTestId('profiles-message');
    expect(await message.textContent()).toBe('Tested escher-prod: connected.');
    expect(await message.getAttribute('class')).not.toContain('error');
    await expect.poll(() => row('escher-prod').locator('td').nth(2).textContent()).toBe('OK');
    await expect
      .poll(() => row('escher-prod').locator('td').nth(3).textContent())
      .toBe('123456789012');

    await row('escher-audit').getByRole('button', { name: 'Test Access' }).click();
    const audit = page.locator('pre.block[data-profile="escher-audit"]');
    await audit.waitFor({ timeout: 60_000 });
    const text = (await audit.textContent()) ?? '';
    expect(text).toContain('Status: ✓ Connected');
    expect(text).toMatch(/^Permissions: Missing \d+ actions/m);
    expect(text).toContain('  - iam:ListRoles');
    expect(text).toContain('  - ce:GetCostAndUsage');
    await shoot('profiles-audit');
  });

  it('Refresh Estate shows live progress and the overview when done; no second scan', async () => {
    await openScreen('Refresh Estate', 'refresh');
    const button = page.getByRole('button', { name: 'Refresh Estate' });
    await button.click();
    // While the scan runs the button is off, and the server refuses a second start.
    await expect
      .poll(() => page.getByTestId('refresh-status').textContent())
      .toMatch(/^Scanning…|^Scan finished/);
    const again = await page.evaluate(async () => {
      const token = document.querySelector<HTMLMetaElement>('meta[name="escher-token"]')!.content;
      const response = await fetch('/api/refresh', {
        method: 'POST',
        headers: { 'x-escher-token': token, 'content-type': 'application/json' },
        body: '{}',
      });
      return { status: response.status, body: (await response.json()) as unknown };
    });
    expect(again).toEqual({
      status: 409,
      body: { error: 'a Refresh Estate is already running' },
    });
    await page
      .getByTestId('refresh-status')
      .filter({ hasText: /^Scan finished/ })
      .waitFor({ timeout: 180_000 });
    await page.locator('.after-refresh .profile-block[data-profile="escher-prod"]').waitFor();
    await shoot('refresh');
    expect(await page.getByTestId('refresh-progress').locator('li').count()).toBeGreaterThan(0);
    const status = await page.getByTestId('refresh-status').textContent();
    expect(status).toMatch(/^Scan finished at .+\. EstateView version 1: /);
    expect(status).toContain(`escher-prod OK`);
    expect(status).toContain('escher-audit PARTIAL');
  });

  it('Overview shows the Step 5 numbers, the version and the charts', async () => {
    await openScreen('Overview', 'overview');
    await shoot('overview');
    const prod = page.locator('.profile-block[data-profile="escher-prod"]');
    const lines = await prod.locator('.domain-lines li').allTextContents();
    expect(lines.slice(0, 7)).toEqual([
      'EC2 Instances: OK (48 resources)',
      'S3 Buckets: OK (22 resources)',
      'IAM: OK (142 users, 38 roles)',
      'RDS: OK (6 instances)',
      LAMBDA_SEED,
      'Cost Explorer: OK (billing data available)',
      'CloudTrail: OK (3 trails found)',
    ]);
    expect(lines).toHaveLength(13);
    expect(await prod.locator('h2').textContent()).toBe(`escher-prod (AWS 123456789012) OK`);
    expect(await prod.locator('li[data-domain="ec2"] .status').getAttribute('class')).toBe(
      'status status-ok',
    );

    const audit = page.locator('.profile-block[data-profile="escher-audit"]');
    expect(await audit.locator('h2').textContent()).toBe('escher-audit (AWS 123456789012) PARTIAL');
    expect(await audit.locator('li[data-domain="iam"]').textContent()).toMatch(
      /^IAM: ERROR|^IAM: PARTIAL/,
    );
    expect(await audit.locator('li[data-domain="ec2"]').textContent()).toBe(
      'EC2 Instances: OK (48 resources)',
    );

    expect(await page.getByTestId('estate-version').textContent()).toMatch(
      /^EstateView version 1 · .+ · first version · 321 resources$/,
    );
    const byDomain = page.locator('figure[data-chart="Resources by domain"]');
    expect(await byDomain.locator('canvas').count()).toBeGreaterThan(0);
    // Each bar counts what its overview line counts: the account's S3 settings are no bucket.
    expect(await byDomain.locator('.chart-values li').allTextContents()).toEqual(
      expect.arrayContaining(['EC2 Instances: 48', 'S3 Buckets: 22', 'IAM: 180', 'Lambda: 31']),
    );
    const byRegion = page.locator('figure[data-chart="Resources by region"]');
    expect(await byRegion.locator('.chart-values li').allTextContents()).toEqual(
      expect.arrayContaining([expect.stringMatching(/^us-east-1: \d+$/)]),
    );
  });

  it('Profile Diagnostics names the missing actions of the PARTIAL profile', async () => {
    await openScreen('Profile Diagnostics', 'diagnostics');
    await shoot('diagnostics');
    expect(await page.getByLabel('Profile').inputValue()).toBe('escher-audit');
    expect(await page.getByTestId('actions-to-add').textContent()).toBe(
      "Actions to add to the profile's IAM policy (5): ce:GetCostAndUsage, " +
        'iam:GenerateCredentialReport, iam:GetCredentialReport, iam:ListRoles, iam:ListUsers',
    );
    const table = page.getByTestId('diagnostics-table');
    const actions = await table.locator('tbody td.mono').allTextContents();
    expect(actions).toEqual(expect.arrayContaining(['iam:ListUsers', 'iam:ListRoles']));
    expect(actions).toContain('ce:GetCostAndUsage');
    const iamRow = table.locator('tbody.failure').filter({ hasText: 'iam:ListRoles' }).first();
    const cells = await iamRow.locator('td').allTextContents();
    expect(cells.slice(0, 6)).toEqual([
      'IAM',
      'global',
      'ListRoles',
      'iam:ListRoles',
      'AccessDenied',
      'missing permission',
    ]);
    expect(cells[6]).toMatch(/^Fix: Add iam:ListRoles to the IAM policy/);
  });

  it('Profile Diagnostics for a name that is no profile says so and keeps the picker', async () => {
    for (const [hash, said] of [
      ['#/diagnostics/nope', 'There is no profile named nope.'],
      ['#/diagnostics/%E0%A4%A', 'There is no profile named %E0%A4%A.'],
    ] as const) {
      await page.evaluate((to) => (location.hash = to), hash);
      const screen = page.locator('.screen[data-screen="diagnostics"][data-ready="true"]');
      // The screen before may still be up for a moment: wait for this one's words.
      await expect.poll(() => screen.locator('.message.error').textContent()).toBe(said);
      expect(await page.getByLabel('Profile').inputValue()).toBe('escher-audit');
    }
  });

  it('Resources searches, filters and pages the merged estate with its observers', async () => {
    await openScreen('Resources', 'resources');
    expect(await page.getByTestId('resource-range').textContent()).toMatch(/^1–50 of \d+$/);
    await page.getByLabel('Search resources').fill('ec2:instance');
    await expect.poll(() => page.getByTestId('resource-range').textContent()).toBe('1–48 of 48');
    const first = page.getByTestId('resources-table').locator('tbody tr').first();
    const cells = await first.locator('td').allTextContents();
    expect(cells[1]).toBe('ec2:instance');
    // Both profiles read EC2, so the merged instance records both observers.
    expect(cells[5]).toBe('escher-audit, escher-prod');

    await page.getByLabel('Search resources').fill('');
    await page.getByLabel('Type').selectOption('iam:user');
    await expect.poll(() => page.getByTestId('resource-range').textContent()).toBe('1–50 of 142');
    await page.getByRole('button', { name: 'Next' }).click();
    await expect.poll(() => page.getByTestId('resource-range').textContent()).toBe('51–100 of 142');
    const observers = await page
      .getByTestId('resources-table')
      .locator('tbody tr td:nth-child(6)')
      .allTextContents();
    expect(new Set(observers)).toEqual(new Set(['escher-prod']));
    await shoot('resources');
  });

  it('no answer the page read holds a key id or secret', () => {
    expect(answers.length).toBeGreaterThan(10);
    for (const text of answers) {
      for (const secret of secrets) expect(text).not.toContain(secret);
    }
  });
});
