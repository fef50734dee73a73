import { describe, expect, it } from 'vitest';
import { actionsToAdd, untriedActions } from '../../src/aws/untried-actions.ts';

const call = (domain: string, operation: string, action: string, kind = 'missing-permission') => ({
  domain,
  operation,
  action,
  kind,
});

describe('actions the diagnostics ask to add', () => {
  it('names each denied action once, sorted, and leaves out failures of other kinds', () => {
    const failures = [
      call('iam', 'ListUsers', 'iam:ListUsers'),
      call('cloudwatch', 'DescribeAlarms', 'cloudwatch:DescribeAlarms'),
      call('cloudwatch', 'DescribeAlarms', 'cloudwatch:DescribeAlarms'),
      call('guardduty', 'ListDetectors', 'guardduty:ListDetectors', 'explicit-deny'),
    ];
    expect(actionsToAdd(failures)).toEqual(['cloudwatch:DescribeAlarms', 'iam:ListUsers']);
  });

  it('adds the reads that follow a denied list, which the scan could not try', () => {
    const failures = [
      call('s3', 'ListBuckets', 's3:ListAllMyBuckets'),
      call('cloudtrail', 'DescribeTrails', 'cloudtrail:DescribeTrails'),
      call('guardduty', 'ListDetectors', 'guardduty:ListDetectors'),
    ];
    expect(untriedActions(failures)).toEqual([
      'cloudtrail:GetTrailStatus',
      'guardduty:GetDetector',
      's3:GetBucketAcl',
      's3:GetBucketLocation',
      's3:GetBucketPolicy',
      's3:GetBucketPublicAccessBlock',
      's3:GetEncryptionConfiguration',
    ]);
  });

  it('adds nothing when the list was read, or was refused for another reason', () => {
    expect(
      untriedActions([call('cloudtrail', 'GetTrailStatus', 'cloudtrail:GetTrailStatus')]),
    ).toEqual([]);
    expect(
      untriedActions([
        call('guardduty', 'ListDetectors', 'guardduty:ListDetectors', 'explicit-deny'),
      ]),
    ).toEqual([]);
  });
});
