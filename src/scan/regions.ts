import { DescribeRegionsCommand } from '@aws-sdk/client-ec2';
import { DOMAINS } from '../core/domains.ts';
import type { ScanRun } from './scan-run.ts';
import type { SkippedRegion } from './scan-types.ts';

const ENABLED_STATES = new Set(['opt-in-not-required', 'opted-in']);

function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  if (region.startsWith('us-iso')) return 'aws-iso';
  return 'aws';
}

/**
 * The regions to scan, from the account itself (C15): `ec2:DescribeRegions` in the profile's
 * region, keeping only regions the account has enabled. A user's list narrows it; a region
 * there that the account has not enabled is skipped, never an error.
 */
export async function listEnabledRegions(run: ScanRun): Promise<SkippedRegion[]> {
  const home = run.ctx.region;
  const requested = run.options.regions;
  const spec = {
    domain: 'ec2',
    service: 'ec2',
    operation: 'DescribeRegions',
    region: home,
    subject: 'regions other than the profile’s',
  } as const;
  // Not `run.call`: this bootstrap read belongs to no domain, so it must not count as one read.
  const answer = await run
    .client('ec2', home)
    .send(new DescribeRegionsCommand({ AllRegions: true }), run.sendOptions)
    .catch(async (error: unknown) => {
      await run.fail(spec, error);
      return undefined;
    });

  const skipped: SkippedRegion[] = [];
  if (!answer) {
    // Without the list, read what we were told to, or the profile's own region; every
    // regional domain says that the other regions were not read.
    run.scanned.push(...(requested ?? [home]));
    // Which regions are enabled is unknown now: enabledRegions stays empty, so a bucket in
    // another region is still read from there, not called "region not enabled".
    const gap = run.tally('ec2').gaps.at(-1);
    if (gap && requested === undefined) {
      for (const domain of DOMAINS) {
        if (domain.scope === 'regional' && domain.id !== 'ec2') run.tally(domain.id).gaps.push(gap);
      }
    }
    return skipped;
  }

  // An emulator lists every partition's regions; AWS lists only the profile's partition.
  const all = (answer.Regions ?? []).filter(
    (region) => partitionOf(region.RegionName ?? '') === partitionOf(home),
  );
  for (const region of all) {
    const name = region.RegionName;
    if (!name) continue;
    // An account that has not opted in: DescribeRegions omits the region by default, or
    // shows it as `not-opted-in` when asked for all of them.
    if (ENABLED_STATES.has(region.OptInStatus ?? 'opt-in-not-required')) {
      run.enabledRegions.add(name);
    }
  }
  const wanted = requested ?? all.map((region) => region.RegionName ?? '').filter(Boolean);
  for (const region of wanted) {
    if (run.enabledRegions.has(region)) run.scanned.push(region);
    else skipped.push({ region, reason: 'region not enabled' });
  }
  return skipped;
}

/**
 * Tries each region with one cheap read before its collectors run (C16). A region an SCP (or
 * another policy) denies outright is skipped with that reason and its domains say so; a region
 * that rejects the credentials as unknown is one the account has not enabled (C15).
 */
export async function probeRegions(run: ScanRun): Promise<SkippedRegion[]> {
  const home = run.ctx.region;
  const results = await Promise.all(
    run.scanned.map(async (region): Promise<SkippedRegion | undefined> => {
      if (region === home) return undefined;
      const spec = {
        domain: 'ec2',
        service: 'ec2',
        operation: 'DescribeRegions',
        region,
        subject: region,
      } as const;
      try {
        await run
          .client('ec2', region)
          .send(new DescribeRegionsCommand({ RegionNames: [region] }), run.sendOptions);
        return undefined;
      } catch (error) {
        const failure = run.classify(spec, error);
        if (failure.kind === 'region-not-enabled') return { region, reason: 'region not enabled' };
        if (failure.kind !== 'explicit-deny') return undefined;
        await run.fail(spec, error, { gap: false });
        const by =
          failure.deniedBy === 'service control policy' ? 'SCP' : (failure.deniedBy ?? 'a policy');
        return { region, reason: `denied by ${by}` };
      }
    }),
  );

  const skipped = results.filter((result) => result !== undefined);
  for (const { region, reason } of skipped) {
    run.scanned.splice(run.scanned.indexOf(region), 1);
    if (reason === 'region not enabled') continue;
    // A denied region is not read: every regional domain says so, and the profile is PARTIAL.
    for (const domain of DOMAINS) {
      if (domain.scope !== 'regional') continue;
      run.tally(domain.id).gaps.push({ subject: region, what: reason });
    }
  }
  return skipped;
}
