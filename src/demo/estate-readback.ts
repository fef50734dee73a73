import { CloudTrailClient, DescribeTrailsCommand } from '@aws-sdk/client-cloudtrail';
import { CloudWatchClient, paginateDescribeAlarms } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient, paginateDescribeLogGroups } from '@aws-sdk/client-cloudwatch-logs';
import { ConfigServiceClient, DescribeConfigRulesCommand } from '@aws-sdk/client-config-service';
import { DescribeRegionsCommand, EC2Client, paginateDescribeInstances } from '@aws-sdk/client-ec2';
import { GuardDutyClient, paginateListDetectors } from '@aws-sdk/client-guardduty';
import { IAMClient, paginateListRoles, paginateListUsers } from '@aws-sdk/client-iam';
import { LambdaClient, paginateListFunctions } from '@aws-sdk/client-lambda';
import { OrganizationsClient, paginateListAccounts } from '@aws-sdk/client-organizations';
import { paginateDescribeDBInstances, RDSClient } from '@aws-sdk/client-rds';
import { ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import { paginateGetFindings, SecurityHubClient } from '@aws-sdk/client-securityhub';
import type { EmulatorTarget } from './emulator-target.ts';
import type { EstateCounts } from './estate-spec.ts';
import { mapLimit } from './limit.ts';
import { ClientPool } from './sdk.ts';

const OTHER_PARTITIONS = /^(cn|us-gov|us-iso[a-z]?)-/;

/**
 * Counts the estate as a scanner would see it, through the SDK, over every region the
 * emulator reports: how tests and the demo prove that the builder made what it promised.
 */
export async function readBackCounts(target: EmulatorTarget): Promise<EstateCounts> {
  const pool = new ClientPool(target);
  try {
    const regionList = await pool.get(EC2Client).send(new DescribeRegionsCommand({}));
    // moto lists the China and GovCloud regions too, where keys of the `aws` partition are
    // unknown (AuthFailure); AWS itself lists only the caller's partition.
    const regions = (regionList.Regions ?? [])
      .map((region) => region.RegionName!)
      .filter((name) => !OTHER_PARTITIONS.test(name))
      .sort();
    const perRegion = await mapLimit(regions, 6, (region) => countRegion(pool, region));
    const sum = (pick: (counts: RegionCounts) => number): number =>
      perRegion.reduce((total, counts) => total + pick(counts), 0);
    // A multi-region trail shows in every region (shadow trails): count each ARN once.
    const trailArns = new Set(perRegion.flatMap((counts) => counts.trailArns));

    const iam = pool.get(IAMClient);
    let iamUsers = 0;
    for await (const page of paginateListUsers({ client: iam }, {})) {
      iamUsers += page.Users?.length ?? 0;
    }
    let iamRoles = 0;
    for await (const page of paginateListRoles({ client: iam }, {})) {
      iamRoles += page.Roles?.length ?? 0;
    }
    let organizationAccounts = 0;
    const org = pool.get(OrganizationsClient);
    for await (const page of paginateListAccounts({ client: org }, {})) {
      organizationAccounts += page.Accounts?.length ?? 0;
    }
    const buckets = await pool.get(S3Client).send(new ListBucketsCommand({}));

    return {
      ec2Instances: sum((c) => c.ec2Instances),
      s3Buckets: buckets.Buckets?.length ?? 0,
      iamUsers,
      iamRoles,
      rdsInstances: sum((c) => c.rdsInstances),
      lambdaFunctions: sum((c) => c.lambdaFunctions),
      trails: trailArns.size,
      alarms: sum((c) => c.alarms),
      logGroups: sum((c) => c.logGroups),
      configRules: sum((c) => c.configRules),
      securityHubFindings: sum((c) => c.securityHubFindings),
      guardDutyDetectors: sum((c) => c.guardDutyDetectors),
      organizationAccounts,
    };
  } finally {
    pool.destroy();
  }
}

interface RegionCounts {
  ec2Instances: number;
  rdsInstances: number;
  lambdaFunctions: number;
  trailArns: string[];
  alarms: number;
  logGroups: number;
  configRules: number;
  securityHubFindings: number;
  guardDutyDetectors: number;
}

async function countRegion(pool: ClientPool, region: string): Promise<RegionCounts> {
  const counts: RegionCounts = {
    ec2Instances: 0,
    rdsInstances: 0,
    lambdaFunctions: 0,
    trailArns: [],
    alarms: 0,
    logGroups: 0,
    configRules: 0,
    securityHubFindings: 0,
    guardDutyDetectors: 0,
  };
  const ec2 = { client: pool.get(EC2Client, region) };
  for await (const page of paginateDescribeInstances(ec2, {})) {
    for (const reservation of page.Reservations ?? []) {
      const live = (reservation.Instances ?? []).filter((i) => i.State?.Name !== 'terminated');
      counts.ec2Instances += live.length;
    }
  }
  for await (const page of paginateDescribeDBInstances(
    { client: pool.get(RDSClient, region) },
    {},
  )) {
    counts.rdsInstances += page.DBInstances?.length ?? 0;
  }
  for await (const page of paginateListFunctions({ client: pool.get(LambdaClient, region) }, {})) {
    counts.lambdaFunctions += page.Functions?.length ?? 0;
  }
  const trails = await pool.get(CloudTrailClient, region).send(new DescribeTrailsCommand({}));
  counts.trailArns = (trails.trailList ?? []).map((trail) => trail.TrailARN ?? '');
  const cloudwatch = { client: pool.get(CloudWatchClient, region) };
  for await (const page of paginateDescribeAlarms(cloudwatch, {
    AlarmTypes: ['MetricAlarm', 'CompositeAlarm'],
  })) {
    counts.alarms += (page.MetricAlarms?.length ?? 0) + (page.CompositeAlarms?.length ?? 0);
  }
  const logs = { client: pool.get(CloudWatchLogsClient, region) };
  for await (const page of paginateDescribeLogGroups(logs, {})) {
    counts.logGroups += page.logGroups?.length ?? 0;
  }
  counts.configRules = await countConfigRules(pool.get(ConfigServiceClient, region));
  const guardDuty = { client: pool.get(GuardDutyClient, region) };
  for await (const page of paginateListDetectors(guardDuty, {})) {
    counts.guardDutyDetectors += page.DetectorIds?.length ?? 0;
  }
  counts.securityHubFindings = await countFindings(pool.get(SecurityHubClient, region));
  return counts;
}

async function countConfigRules(config: ConfigServiceClient): Promise<number> {
  let total = 0;
  let token: string | undefined;
  do {
    const page = await config.send(new DescribeConfigRulesCommand({ NextToken: token }));
    total += page.ConfigRules?.length ?? 0;
    token = page.NextToken;
  } while (token);
  return total;
}

/** Findings in a region; a region where Security Hub is off has none. */
async function countFindings(hub: SecurityHubClient): Promise<number> {
  let total = 0;
  try {
    for await (const page of paginateGetFindings({ client: hub }, {})) {
      total += page.Findings?.length ?? 0;
    }
  } catch (error) {
    if ((error as { name?: string }).name === 'InvalidAccessException') return 0;
    throw error;
  }
  return total;
}
