import { actionsToAdd, untriedActions } from '../../src/aws/untried-actions.ts';
import { describe, expect, it } from 'vitest';
import type { DiagnosticsView } from '../../src/app/views.ts';
import { renderDiagnostics } from '../../src/render/diagnostics.ts';
import type { StoredFailure } from '../../src/store/index.ts';

const denied = (region: string, operation: string, action: string): StoredFailure => ({
  domain: action.startsWith('iam:') ? 'iam' : 'cloudwatch',
  region,
  operation,
  action,
  errorCode: 'AccessDenied',
  httpStatus: 403,
  kind: 'missing-permission',
  fix:
    `Add ${action} to the policy. To see the denied call: aws cloudtrail lookup-events ` +
    `--lookup-attributes AttributeKey=EventName,AttributeValue=${operation} --profile audit` +
    (region === 'global' ? '' : ` --region ${region}`),
  message: `User is not authorized to perform: ${action}`,
});

const view = (failures: StoredFailure[]): DiagnosticsView => ({
  profile: 'audit',
  accountId: '123456789012',
  lifecycle: 'Enabled',
  accessStatus: 'PARTIAL',
  version: { id: 3, takenAt: '2026-12-04T08:00:00.000Z' },
  scanned: true,
  carried: false,
  failures,
  actionsToAdd: actionsToAdd(failures),
  untriedActions: untriedActions(failures),
});

describe(renderDiagnostics.name, () => {
  it('says once which actions to add, and one entry for a read denied in every region', () => {
    const text = renderDiagnostics(
      view([
        denied('global', 'ListUsers', 'iam:ListUsers'),
        ...['us-east-1', 'eu-west-1', 'ap-south-1', 'sa-east-1'].map((region) =>
          denied(region, 'DescribeAlarms', 'cloudwatch:DescribeAlarms'),
        ),
      ]),
    );
    expect(text).toContain(
      "Actions to add to the profile's IAM policy (2): cloudwatch:DescribeAlarms, iam:ListUsers\n" +
        '5 failed calls:\n',
    );
    const entries = [...text.matchAll(/^\d+\. (.+)$/gm)].map((match) => match[1]);
    expect(entries).toEqual([
      'IAM · global · ListUsers',
      'CloudWatch · 4 regions (ap-south-1, eu-west-1 and 2 more) · DescribeAlarms (4 calls)',
    ]);
    expect(text).toContain('AttributeValue=DescribeAlarms --profile audit --region <region>');
  });

  it('counts the profile’s own region, whose look-up needs no --region, in the same entry', () => {
    const home = denied('us-east-1', 'DescribeAlarms', 'cloudwatch:DescribeAlarms');
    const homeFix = { ...home, fix: home.fix.replace(' --region us-east-1', '') };
    const text = renderDiagnostics(
      view([
        homeFix,
        ...['eu-west-1', 'ap-south-1'].map((region) =>
          denied(region, 'DescribeAlarms', 'cloudwatch:DescribeAlarms'),
        ),
      ]),
    );
    const entries = [...text.matchAll(/^\d+\. (.+)$/gm)].map((match) => match[1]);
    expect(entries).toEqual([
      'CloudWatch · 3 regions (ap-south-1, eu-west-1, us-east-1) · DescribeAlarms (3 calls)',
    ]);
    expect(text).toContain('AttributeValue=DescribeAlarms --profile audit --region <region>');
  });
});
