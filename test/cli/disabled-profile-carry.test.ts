import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useMoto } from '../helpers/moto.ts';
import { testHome, type TestHome } from './helpers.ts';

// moto accepts any keys when IAM is not enforced; these are made up for the test.
const KEY_ID = 'AKIACARRYTESTKEY0001';
const SECRET = 'carryTestSecret/ddd';
const KEYS = `aws_access_key_id = ${KEY_ID}\naws_secret_access_key = ${SECRET}\n`;
const BUCKETS = ['carry-one', 'carry-two', 'carry-three'];

/** How many resources `escher resources --json` (with these options) lists. */
async function countListed(t: TestHome, ...options: string[]): Promise<number> {
  const result = await t.run(['resources', '--json', ...options]);
  return (JSON.parse(result.stdout) as unknown[]).length;
}

/** `enable good dead; scan; disable good; scan; enable good` must lose nothing of `good`. */
describe('disabling a profile is not AWS deleting its resources', () => {
  const moto = useMoto();
  let t: TestHome;

  beforeAll(async () => {
    const s3 = new S3Client({
      endpoint: moto.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: KEY_ID, secretAccessKey: SECRET },
      forcePathStyle: true,
    });
    for (const bucket of BUCKETS) await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    t = testHome();
    t.writeAws({
      config:
        `[profile good]\nregion = us-east-1\nendpoint_url = ${moto.endpoint}\n\n` +
        // Fails at once, before anything is sent: a profile that cannot sign in.
        "[profile dead]\nregion = us-east-1\ncredential_process = sh -c 'exit 1'\n",
      credentials: `[good]\n${KEYS}`,
    });
    await t.run(['profiles', 'discover']);
  });
  afterAll(() => {
    t.remove();
  });

  it('keeps the disabled profile’s resources out of the diff and back after re-enabling', async () => {
    await t.run(['profiles', 'enable', 'good', 'dead']);
    const first = await t.run(['scan']);
    expect(first.stdout).toContain('Scanned good.');
    const total = await countListed(t, '--profile', 'good');
    expect(total).toBeGreaterThanOrEqual(BUCKETS.length);

    await t.run(['profiles', 'disable', 'good']);
    const second = await t.run(['scan']);
    expect(second.stdout).toMatch(/changes since previous: \+0 −0 ~0/);
    // The overview is the enabled profiles' estate: good is neither listed nor counted.
    expect(second.stdout).not.toMatch(/^good\b/m);
    const overview = await t.run(['overview', '--json']);
    const view = JSON.parse(overview.stdout) as {
      resourceTotal: number;
      profiles: { name: string }[];
    };
    expect(view.profiles.map((profile) => profile.name)).toEqual(['dead']);
    expect(view.resourceTotal).toBe(0);
    expect(await countListed(t)).toBe(0);
    // Its diagnostics say they come from an earlier scan, not from the current version.
    const diagnostics = await t.run(['profiles', 'diagnostics', 'good']);
    expect(diagnostics.stdout).toMatch(/^EstateView version 2, /m);
    expect(diagnostics.stdout).toMatch(
      /^Not scanned by this version \(disabled, or not named\); from its last scan at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC:$/m,
    );

    await t.run(['profiles', 'enable', 'good']);
    expect(await countListed(t, '--profile', 'good')).toBe(total);
    expect(await countListed(t)).toBe(total);
    const overviewAgain = await t.run(['overview']);
    expect(overviewAgain.stdout).toMatch(/^good\b/m);
  });
});
