import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/index.ts';
import {
  countResources,
  countResourcesBy,
  coverageOf,
  currentVersion,
  failuresOf,
  listChanges,
  listVersions,
  openStore,
  PendingVersion,
  queryResources,
  RefreshBusyError,
} from '../../src/store/index.ts';
import { join } from 'node:path';
import { coverage, deniedCall, instance, manualClock, tempDir } from './helpers.ts';

describe('EstateView versions', () => {
  let dir: ReturnType<typeof tempDir>;
  let store: Store;
  const clock = manualClock();

  beforeEach(() => {
    dir = tempDir();
    store = openStore(join(dir.path, 'home'), { now: clock.now });
  });
  afterEach(() => {
    store.close();
    dir.remove();
  });

  function scan(profile: string, ids: string[], carried: string[] = []): PendingVersion {
    const pending = PendingVersion.open(store, { scanned: [profile], carried });
    for (const id of ids) pending.resource(profile, instance(id));
    pending.coverage(profile, coverage('ec2', `${ids.length} resources`));
    pending.profileDone(profile, { accountId: '123456789012' });
    return pending;
  }

  it('numbers the next version after the current one, however many attempts were dropped', () => {
    expect(scan('prod', ['i-1']).commit().id).toBe(1);
    for (let attempt = 0; attempt < 3; attempt += 1) scan('prod', ['i-1', 'i-2']).abandon();
    const next = scan('prod', ['i-1', 'i-2']).commit();
    expect(next.id).toBe(2);
    expect(next.changes).toEqual({ added: 1, removed: 0, modified: 0 });
    expect(listVersions(store).map((version) => [version.id, version.state])).toEqual([
      [1, 'complete'],
      [2, 'complete'],
    ]);
  });

  it('keeps the resources of the newest ten versions only; older ones keep their header', () => {
    for (let n = 1; n <= 12; n += 1) scan('prod', ['i-1', `i-${n + 1}`]).commit();
    const stored = listVersions(store).map((version) => countResources(store, version.id, {}));
    expect(stored).toEqual([0, 0, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2]);
    expect(listVersions(store)[0]).toMatchObject({ id: 1, state: 'complete' });
    expect(scan('prod', ['i-1']).commit().changes).toEqual({ added: 0, removed: 1, modified: 0 });
  });

  it('keeps a pending version invisible until its commit', () => {
    const first = scan('prod', ['i-1', 'i-2']);
    expect(currentVersion(store)).toBeUndefined();
    first.commit();
    const second = scan('prod', ['i-1']);
    second.flush();

    expect(currentVersion(store)?.id).toBe(first.id);
    expect(countResources(store, first.id, {})).toBe(2);
    second.commit();
    expect(currentVersion(store)?.id).toBe(second.id);
  });

  it('refuses a second refresh while a live process writes a version', () => {
    scan('prod', ['i-1']);
    expect(() => PendingVersion.open(store, { scanned: ['prod'], carried: [] })).toThrow(
      RefreshBusyError,
    );
  });

  it('abandons a pending version whose process is gone, on the next open', () => {
    scan('prod', ['i-1']).commit();
    const orphan = openStore(join(dir.path, 'home'), { now: clock.now, pid: 999_999_999 });
    const left = PendingVersion.open(orphan, { scanned: ['prod'], carried: [] });
    left.resource('prod', instance('i-9'));
    left.flush();
    orphan.close();

    const reopened = openStore(join(dir.path, 'home'), { now: clock.now });
    const states = listVersions(reopened).map((version) => [version.id, version.state]);
    expect(states).toEqual([
      [1, 'complete'],
      [left.id, 'abandoned'],
    ]);
    expect(countResources(reopened, left.id, {})).toBe(0);
    reopened.close();
  });

  it('counts added, removed and modified resources against the previous version', () => {
    scan('prod', ['i-1', 'i-2', 'i-3']).commit();
    clock.advance(60_000);
    const next = PendingVersion.open(store, { scanned: ['prod'], carried: [] });
    next.resource('prod', instance('i-1'));
    next.resource('prod', instance('i-2', { attributes: { state: 'stopped' } }));
    next.resource('prod', instance('i-4', { tags: { team: 'web' } }));
    next.profileDone('prod', { accountId: '123456789012' });
    const version = next.commit();

    expect(version.changes).toEqual({ added: 1, removed: 1, modified: 1 });
    expect(listChanges(store.db, version.id).map((c) => `${c.change} ${c.id}`)).toEqual([
      'added i-4',
      'modified i-2',
      'removed i-3',
    ]);
  });

  it('sees no change when attributes come back in another key order', () => {
    scan('prod', ['i-1']).commit();
    const next = PendingVersion.open(store, { scanned: ['prod'], carried: [] });
    next.resource(
      'prod',
      instance('i-1', { attributes: { instanceType: 't3.micro', state: 'running' } }),
    );
    expect(next.commit().changes).toEqual({ added: 0, removed: 0, modified: 0 });
  });

  it('sees no change when only "last used" dates moved between two scans', () => {
    const user = (lastUsed: string) => ({
      ...instance('arn:aws:iam::123456789012:user/alice'),
      type: 'iam:user',
      domain: 'iam' as const,
      region: 'global',
      name: 'alice',
      attributes: {
        passwordLastUsed: lastUsed,
        accessKeys: [{ active: true, lastRotated: '2025-01-01T00:00:00.000Z', lastUsed }],
      },
    });
    const first = PendingVersion.open(store, { scanned: ['prod'], carried: [] });
    first.resource('prod', user('2025-06-01T12:00:00.000Z'));
    first.commit();
    const second = PendingVersion.open(store, { scanned: ['prod'], carried: [] });
    second.resource('prod', user('2025-06-01T12:05:00.000Z'));
    const version = second.commit();

    expect(version.changes).toEqual({ added: 0, removed: 0, modified: 0 });
    const stored = queryResources(store, version.id, {}, { offset: 0, limit: 10 });
    expect(stored[0]?.attributes).toMatchObject({ passwordLastUsed: '2025-06-01T12:05:00.000Z' });
  });

  it('merges two profiles of one account into one row that names both observers', () => {
    const pending = PendingVersion.open(store, { scanned: ['prod', 'audit'], carried: [] });
    pending.resource('prod', instance('i-1', { attributes: { state: 'running' } }));
    pending.resource('audit', instance('i-1', { attributes: { monitoring: 'enabled' } }));
    pending.resource('audit', instance('i-2'));
    const version = pending.commit();

    const rows = queryResources(store, version.id, {}, { offset: 0, limit: 10 });
    expect(rows.map((row) => [row.id, row.observedBy])).toEqual([
      ['i-1', ['audit', 'prod']],
      ['i-2', ['audit']],
    ]);
    expect(rows[0]?.attributes).toEqual({ monitoring: 'enabled', state: 'running' });
    expect(countResources(store, version.id, { profile: 'prod' })).toBe(1);
    expect(countResourcesBy(store, version.id, 'type')).toEqual([
      { key: 'ec2:instance', count: 2 },
    ]);
  });

  it.each([
    ['the reader first', ['admin', 'audit']],
    ['the reader last', ['audit', 'admin']],
  ])('keeps what one profile read over another’s unknown, %s', (_, order) => {
    const seen = {
      admin: { encryption: { algorithm: 'AES256' }, policy: 'none', reachable: true },
      audit: { encryption: null, policy: null, reachable: true },
    } as const;
    const scanInOrder = () => {
      const pending = PendingVersion.open(store, { scanned: ['admin', 'audit'], carried: [] });
      for (const profile of order as ('admin' | 'audit')[]) {
        pending.resource(profile, instance('bucket-1', { attributes: seen[profile] }));
      }
      return pending.commit();
    };
    scanInOrder();
    const version = scanInOrder();

    const rows = queryResources(store, version.id, {}, { offset: 0, limit: 10 });
    expect(rows[0]?.attributes).toEqual(seen.admin);
    expect(version.changes).toEqual({ added: 0, removed: 0, modified: 0 });
  });

  it('carries over what enabled profiles not scanned now saw, so nothing reads as removed', () => {
    const first = PendingVersion.open(store, { scanned: ['prod', 'audit'], carried: [] });
    first.resource('prod', instance('i-1'));
    first.resource('audit', instance('i-1'));
    first.resource('audit', instance('i-2'));
    first.coverage('audit', coverage('ec2', '2 resources'));
    first.failure('audit', deniedCall());
    first.commit();

    // prod's EC2 read is partial: it cannot say that i-2, which only audit saw, is gone.
    const second = PendingVersion.open(store, { scanned: ['prod'], carried: ['audit'] });
    for (const id of ['i-1', 'i-3']) second.resource('prod', instance(id));
    second.coverage('prod', { ...coverage('ec2', '2 resources'), status: 'PARTIAL' });
    second.profileDone('prod', { accountId: '123456789012' });
    const version = second.commit();

    const rows = queryResources(store, version.id, {}, { offset: 0, limit: 10 });
    expect(rows.map((row) => [row.id, row.observedBy])).toEqual([
      ['i-1', ['audit', 'prod']],
      ['i-2', ['audit']],
      ['i-3', ['prod']],
    ]);
    expect(version.changes).toEqual({ added: 1, removed: 0, modified: 0 });
    expect(coverageOf(store, version.id, 'audit').map((c) => c.detail)).toEqual(['2 resources']);
    expect(failuresOf(store, version.id, 'audit').map((f) => f.action)).toEqual(['iam:ListRoles']);
  });

  it('reports no change for a setting that became unknown, and one for a known change', () => {
    const once = (attributes: Record<string, unknown>) => {
      const pending = PendingVersion.open(store, { scanned: ['prod'], carried: [] });
      pending.resource('prod', instance('i-1', { attributes }));
      pending.profileDone('prod', { accountId: '123456789012' });
      return pending.commit().changes;
    };
    once({ state: 'running', instanceType: 't3.micro' });
    // The type could not be read this time: unknown is not a change anyone saw.
    expect(once({ state: 'running', instanceType: null })).toEqual({
      added: 0,
      removed: 0,
      modified: 0,
    });
    expect(once({ state: 'stopped', instanceType: null })).toEqual({
      added: 0,
      removed: 0,
      modified: 1,
    });
  });

  it('keeps what a list that failed could not list again, in the region it failed in only', () => {
    const first = PendingVersion.open(store, { scanned: ['prod'], carried: [] });
    for (const id of ['i-1', 'i-2']) first.resource('prod', instance(id));
    for (const id of ['i-8', 'i-9']) first.resource('prod', instance(id, { region: 'eu-west-1' }));
    first.profileDone('prod', { accountId: '123456789012' });
    first.commit();

    // us-east-1's list is denied now; eu-west-1 is read and i-8 is gone from it.
    const second = PendingVersion.open(store, { scanned: ['prod'], carried: [] });
    second.resource('prod', instance('i-9', { region: 'eu-west-1' }));
    const denied = { domain: 'ec2' as const, operation: 'DescribeInstances' };
    second.failure(
      'prod',
      deniedCall({ ...denied, region: 'us-east-1', action: 'ec2:DescribeInstances' }),
    );
    second.coverage('prod', { ...coverage('ec2', '1 resource'), status: 'PARTIAL' });
    second.profileDone('prod', { accountId: '123456789012' });
    const version = second.commit();

    const rows = queryResources(store, version.id, {}, { offset: 0, limit: 10 });
    expect(rows.map((row) => [row.id, row.region, row.observedBy])).toEqual([
      ['i-9', 'eu-west-1', ['prod']],
      ['i-1', 'us-east-1', ['prod']],
      ['i-2', 'us-east-1', ['prod']],
    ]);
    expect(version.changes).toEqual({ added: 0, removed: 1, modified: 0 });
  });

  it('keeps every regional domain elsewhere when the regions list itself was denied', () => {
    const first = PendingVersion.open(store, { scanned: ['prod'], carried: [] });
    first.resource('prod', instance('i-9', { region: 'eu-west-1' }));
    first.profileDone('prod', { accountId: '123456789012' });
    first.commit();

    // Without the list only the profile's own region is read, and it has nothing.
    const second = PendingVersion.open(store, { scanned: ['prod'], carried: [] });
    second.failure(
      'prod',
      deniedCall({
        domain: 'ec2',
        region: 'us-east-1',
        operation: 'DescribeRegions',
        action: 'ec2:DescribeRegions',
      }),
    );
    second.profileDone('prod', { accountId: '123456789012' });
    const version = second.commit();
    const rows = queryResources(store, version.id, {}, { offset: 0, limit: 10 });
    expect(rows.map((row) => [row.id, row.region])).toEqual([['i-9', 'eu-west-1']]);
    expect(version.changes).toEqual({ added: 0, removed: 0, modified: 0 });
  });

  it('keeps nothing for a service that answered it is switched off: that is an answer', () => {
    const first = PendingVersion.open(store, { scanned: ['prod'], carried: [] });
    first.resource('prod', instance('i-1'));
    first.profileDone('prod', { accountId: '123456789012' });
    first.commit();

    const second = PendingVersion.open(store, { scanned: ['prod'], carried: [] });
    second.failure(
      'prod',
      deniedCall({
        domain: 'ec2',
        region: 'us-east-1',
        operation: 'DescribeInstances',
        action: 'ec2:DescribeInstances',
        kind: 'region-not-enabled',
      }),
    );
    second.profileDone('prod', { accountId: '123456789012' });
    const version = second.commit();
    expect(countResources(store, version.id, {})).toBe(0);
    expect(version.changes).toEqual({ added: 0, removed: 1, modified: 0 });
  });

  it('drops what only a carried profile saw once a profile of that account reads it all', () => {
    const first = PendingVersion.open(store, { scanned: ['prod', 'audit'], carried: [] });
    first.resource('prod', instance('i-1'));
    first.resource('audit', instance('i-1'));
    first.resource('audit', instance('i-2'));
    first.commit();

    // audit sits this one out; prod reads EC2 of the same account in full and no longer sees
    // i-2: AWS deleted it, and the diff says so now, not when audit is scanned again.
    const version = scan('prod', ['i-1', 'i-3'], ['audit']).commit();
    const rows = queryResources(store, version.id, {}, { offset: 0, limit: 10 });
    expect(rows.map((row) => [row.id, row.observedBy])).toEqual([
      ['i-1', ['audit', 'prod']],
      ['i-3', ['prod']],
    ]);
    expect(version.changes).toEqual({ added: 1, removed: 1, modified: 0 });
  });

  it('keeps the resources of a profile whose sign-in failed, with no coverage from before', () => {
    scan('prod', ['i-1', 'i-2']).commit();
    const next = PendingVersion.open(store, { scanned: ['prod'], carried: [] });
    next.profileDone('prod', { error: 'SSO session expired; fix: aws sso login --profile prod' });
    const version = next.commit();

    expect(version.changes).toEqual({ added: 0, removed: 0, modified: 0 });
    expect(coverageOf(store, version.id, 'prod')).toEqual([]);
  });

  it('drops a cancelled version and leaves the previous one current', () => {
    const first = scan('prod', ['i-1']);
    first.commit();
    const cancelled = scan('prod', ['i-2']);
    cancelled.abandon();
    expect(currentVersion(store)?.id).toBe(first.id);
    expect(() => PendingVersion.open(store, { scanned: ['prod'], carried: [] })).not.toThrow();
  });

  it('keeps access key ids out of stored resources and failures', () => {
    const pending = PendingVersion.open(store, { scanned: ['prod'], carried: [] });
    pending.resource('prod', {
      ...instance('AKIAIOSFODNN7EXAMPLE'),
      type: 'iam:access-key',
      attributes: { keyId: 'AKIAIOSFODNN7EXAMPLE' },
    });
    pending.failure('prod', deniedCall({ message: 'key AKIAIOSFODNN7EXAMPLE is invalid' }));
    const version = pending.commit();

    const [row] = queryResources(store, version.id, {}, { offset: 0, limit: 1 });
    expect(JSON.stringify(row)).not.toContain('AKIAIOSFODNN7EXAMPLE');
    expect(row?.id).toMatch(/^\[access key id withheld #[0-9a-f]{8}\]$/);
    expect(failuresOf(store, version.id, 'prod')[0]?.message).toMatch(/^key \[access key id/);
  });
});

describe('a pending version under a pid that came back', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => (dir = tempDir()));
  afterEach(() => {
    dir.remove();
  });

  // In a container every run is pid 2: the pid of a scan killed there is alive again at once.
  const open = (ownerToken: string) =>
    openStore(join(dir.path, 'home'), { pid: 2, ownerToken, isAlive: () => true });

  it('is abandoned when another process wrote it, and refused while its own writer runs', () => {
    const killed = open('first-run');
    PendingVersion.open(killed, { scanned: ['prod'], carried: [] });
    killed.close();

    const sameProcess = open('first-run');
    expect(() => PendingVersion.open(sameProcess, { scanned: ['prod'], carried: [] })).toThrow(
      /another refresh \(process 2\) is writing EstateView version 1/,
    );
    sameProcess.close();

    const nextRun = open('second-run');
    expect(listVersions(nextRun).map((version) => version.state)).toEqual(['abandoned']);
    const version = PendingVersion.open(nextRun, { scanned: ['prod'], carried: [] }).commit();
    expect(version).toMatchObject({ id: 1, state: 'complete' });
    nextRun.close();
  });
});
