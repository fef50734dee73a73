import { describe, expect, it } from 'vitest';
import { progressLine, terminalProgress } from '../../src/render/progress.ts';

describe('refresh progress', () => {
  it('names profile, domain, region and counts', () => {
    expect(
      progressLine({
        kind: 'scan',
        profile: 'escher-prod',
        event: { domain: 'ec2', region: 'eu-west-1', state: 'finished', count: 12 },
      }),
    ).toBe('escher-prod · EC2 Instances · eu-west-1 · done, 12 read');
  });

  it('rewrites one live line on a terminal and keeps profile starts and ends', () => {
    let written = '';
    const stream = {
      columns: 100,
      write: (chunk: string) => {
        written += chunk;
        return true;
      },
    } as unknown as NodeJS.WriteStream;
    const progress = terminalProgress(stream);
    progress({ kind: 'profile-start', profile: 'p' });
    progress({
      kind: 'scan',
      profile: 'p',
      event: { domain: 's3', region: 'global', state: 'finished', count: 3 },
    });
    progress({ kind: 'profile-done', profile: 'p', accessStatus: 'OK' });
    progress.finish();
    expect(written).toBe(
      'p: scanning\n' +
        'p · S3 Buckets · global · done, 3 read · 3 in all' +
        '\r\x1b[2K' +
        'p: OK\n',
    );
  });
});
