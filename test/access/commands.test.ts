import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/access/commands.ts';
import { placeholder, resourceInput } from '../../src/access/probes.ts';
import { READ_OPERATIONS } from '../../src/aws/operations.ts';

describe('Test Access covers the table of read operations', () => {
  it('has an SDK command for every read, and no command outside the table', () => {
    const table = READ_OPERATIONS.map((entry) => `${entry.service}:${entry.operation}`).sort();
    expect(Object.keys(COMMANDS).sort()).toEqual(table);
  });

  it('knows how to call every read that needs a resource', () => {
    const scope = { account: '123456789012', region: 'eu-west-1' };
    for (const entry of READ_OPERATIONS.filter((candidate) => candidate.input !== 'none')) {
      const resource = placeholder(entry.input as 'bucket', scope) ?? { id: 'example-bucket' };
      expect(Object.keys(resourceInput(entry, resource)).length, entry.action).toBeGreaterThan(0);
    }
  });

  it('never makes up a bucket name: bucket names are global and may be someone else’s', () => {
    expect(placeholder('bucket', { account: '123456789012', region: 'eu-west-1' })).toBeUndefined();
    expect(placeholder('trail', { account: '123456789012', region: 'eu-west-1' })).toEqual({
      id: 'arn:aws:cloudtrail:eu-west-1:123456789012:trail/escher-access-check',
    });
  });
});
