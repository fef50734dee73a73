import { DescribeTrailsCommand, GetTrailStatusCommand } from '@aws-sdk/client-cloudtrail';
import { DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { DescribeConfigRulesCommand } from '@aws-sdk/client-config-service';
import { GetCostAndUsageCommand } from '@aws-sdk/client-cost-explorer';
import { DescribeInstancesCommand, DescribeRegionsCommand } from '@aws-sdk/client-ec2';
import { GetDetectorCommand, ListDetectorsCommand } from '@aws-sdk/client-guardduty';
import {
  GenerateCredentialReportCommand,
  GetCredentialReportCommand,
  ListRolesCommand,
  ListUsersCommand,
} from '@aws-sdk/client-iam';
import { ListFunctionsCommand } from '@aws-sdk/client-lambda';
import { DescribeOrganizationCommand, ListAccountsCommand } from '@aws-sdk/client-organizations';
import { DescribeDBInstancesCommand } from '@aws-sdk/client-rds';
import {
  GetBucketAclCommand,
  GetBucketEncryptionCommand,
  GetBucketLocationCommand,
  GetBucketPolicyCommand,
  GetPublicAccessBlockCommand,
  ListBucketsCommand,
} from '@aws-sdk/client-s3';
import { GetPublicAccessBlockCommand as GetAccountPublicAccessBlockCommand } from '@aws-sdk/client-s3-control';
import { GetFindingsCommand } from '@aws-sdk/client-securityhub';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';

/** A command class of any client; the input is built by probes.ts. */
export type AnyCommand = new (input: never) => object;

/**
 * The SDK command of each read in the table, keyed `service:Operation`. Named imports keep the
 * read-only source check able to see them; a test fails when the table gains a read that is
 * not here.
 */
export const COMMANDS: Readonly<Record<string, AnyCommand>> = {
  'sts:GetCallerIdentity': GetCallerIdentityCommand,
  'ec2:DescribeRegions': DescribeRegionsCommand,
  'ec2:DescribeInstances': DescribeInstancesCommand,
  's3:ListBuckets': ListBucketsCommand,
  's3:GetBucketLocation': GetBucketLocationCommand,
  's3:GetBucketPolicy': GetBucketPolicyCommand,
  's3:GetBucketAcl': GetBucketAclCommand,
  's3:GetPublicAccessBlock': GetPublicAccessBlockCommand,
  's3:GetBucketEncryption': GetBucketEncryptionCommand,
  's3_control:GetPublicAccessBlock': GetAccountPublicAccessBlockCommand,
  'iam:ListUsers': ListUsersCommand,
  'iam:ListRoles': ListRolesCommand,
  'iam:GenerateCredentialReport': GenerateCredentialReportCommand,
  'iam:GetCredentialReport': GetCredentialReportCommand,
  'rds:DescribeDBInstances': DescribeDBInstancesCommand,
  'lambda:ListFunctions': ListFunctionsCommand,
  'cost_explorer:GetCostAndUsage': GetCostAndUsageCommand,
  'cloudtrail:DescribeTrails': DescribeTrailsCommand,
  'cloudtrail:GetTrailStatus': GetTrailStatusCommand,
  'cloudwatch:DescribeAlarms': DescribeAlarmsCommand,
  'cloudwatch_logs:DescribeLogGroups': DescribeLogGroupsCommand,
  'organizations:DescribeOrganization': DescribeOrganizationCommand,
  'organizations:ListAccounts': ListAccountsCommand,
  'config_service:DescribeConfigRules': DescribeConfigRulesCommand,
  'securityhub:GetFindings': GetFindingsCommand,
  'guardduty:ListDetectors': ListDetectorsCommand,
  'guardduty:GetDetector': GetDetectorCommand,
};
