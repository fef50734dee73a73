import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreatePolicyCommand, GetPolicyVersionCommand, IAMClient } from '@aws-sdk/client-iam';
import { startMoto, type MotoServer } from '../../src/emulator/moto-server.ts';

const run = promisify(execFile);
const bin = new URL('../../bin/escher.js', import.meta.url).pathname;

async function escher(
  ...args: string[]
): Promise<{ stdout: string; stderr: string; code: number }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args]);
    return { stdout, stderr, code: 0 };
  } catch (error) {
    const failed = error as { stdout: string; stderr: string; code: number };
    return { stdout: failed.stdout, stderr: failed.stderr, code: failed.code };
  }
}

describe('escher policy', () => {
  let moto: MotoServer;
  beforeAll(async () => {
    moto = await startMoto();
  });
  afterAll(async () => {
    await moto.stop();
  });

  it('prints JSON that the emulator accepts as a managed policy, unchanged', async () => {
    const { stdout, code } = await escher('policy');
    expect(code).toBe(0);
    const document = JSON.parse(stdout) as { Statement: { Action: string[] }[] };
    expect(document.Statement[0]?.Action).toContain('guardduty:GetDetector');

    const iam = new IAMClient({
      endpoint: moto.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
    });
    const created = await iam.send(
      new CreatePolicyCommand({ PolicyName: 'EscherReadOnly', PolicyDocument: stdout }),
    );
    expect(created.Policy?.Arn).toBe('arn:aws:iam::123456789012:policy/EscherReadOnly');
    const version = await iam.send(
      new GetPolicyVersionCommand({ PolicyArn: created.Policy?.Arn, VersionId: 'v1' }),
    );
    const stored = JSON.parse(decodeURIComponent(version.PolicyVersion?.Document ?? '')) as unknown;
    expect(stored).toEqual(document);
  });

  it('is the same with --json, which is the default', async () => {
    expect((await escher('policy', '--json')).stdout).toBe((await escher('policy')).stdout);
  });

  it('narrows to the union of several --vertical flags', async () => {
    const finops = JSON.parse((await escher('policy', '--vertical', 'finops')).stdout) as {
      Statement: { Action: string[] }[];
    };
    const both = JSON.parse(
      (await escher('policy', '--vertical', 'finops', '--vertical', 'iam')).stdout,
    ) as { Statement: { Action: string[] }[] };
    const finopsActions = finops.Statement[0]?.Action ?? [];
    const bothActions = both.Statement[0]?.Action ?? [];
    expect(finopsActions).toContain('ce:GetCostAndUsage');
    expect(finopsActions).not.toContain('iam:GetCredentialReport');
    expect(bothActions).toEqual(
      expect.arrayContaining([...finopsActions, 'iam:GetCredentialReport']),
    );
  });

  it('refuses an unknown vertical with the list of known ones and exit code 2', async () => {
    const { stdout, stderr, code } = await escher('policy', '--vertical', 'finance');
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain("argument 'finance' is invalid");
    expect(stderr).toContain('inventory, finops, iam, security, operations');
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses --json with --explain instead of printing one of them silently', async () => {
    const { stdout, stderr, code } = await escher('policy', '--json', '--explain');
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain("option '--explain' cannot be used with option '--json'");
  });

  it('explains the action the seed lacks', async () => {
    const { stdout } = await escher('policy', '--explain');
    expect(stdout).toMatch(/guardduty:GetDetector\s+tell an enabled detector from a suspended one/);
    expect(stdout).toContain("beyond the AWS Connection guide's policy: ListDetectors returns");
  });
});
