import type { Collector } from './collector.ts';
import { cloudTrailCollector } from './cloudtrail.ts';
import { cloudWatchCollector } from './cloudwatch.ts';
import { configCollector } from './config.ts';
import { costExplorerCollector } from './cost-explorer.ts';
import { ec2Collector } from './ec2.ts';
import { guardDutyCollector } from './guardduty.ts';
import { iamCollector } from './iam.ts';
import { lambdaCollector } from './lambda.ts';
import { logsCollector } from './logs.ts';
import { organizationsCollector } from './organizations.ts';
import { rdsCollector } from './rds.ts';
import { s3Collector } from './s3.ts';
import { securityHubCollector } from './securityhub.ts';

/** The 13 domains' collectors, fresh for each scan (some remember what they have seen). */
export function collectorsForScan(): readonly Collector[] {
  return [
    ec2Collector,
    s3Collector,
    iamCollector,
    rdsCollector,
    lambdaCollector,
    costExplorerCollector,
    cloudTrailCollector(),
    cloudWatchCollector,
    logsCollector,
    organizationsCollector,
    configCollector,
    securityHubCollector,
    guardDutyCollector(),
  ];
}
