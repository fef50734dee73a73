import { profileOption } from '../core/shell-words.ts';
import type { FailureKind } from '../core/status.ts';
import type { ServiceId } from '../core/services.ts';
import { NOT_AN_AWS_ANSWER } from './answer-check.ts';
import { REPEATED_PAGE_TOKEN } from './page-guard.ts';
import type { DeniedBy, FailedCallContext } from './classify-error.ts';
import { CERTIFICATE_CODES, PROXY_CONFIG_CODE } from './error-codes.ts';

/**
 * The fix text the diagnostics print for each kind of failure. What the failure is, is decided
 * in classify-error.ts; this only words it.
 */

/** `aws cloudtrail lookup-events …`, as the seed's troubleshooting section prints it. */
export function cloudTrailLookupCommand(call: FailedCallContext): string {
  const region = call.region !== call.homeRegion && call.region !== 'global';
  return (
    'aws cloudtrail lookup-events --lookup-attributes ' +
    `AttributeKey=EventName,AttributeValue=${call.operation} ${profileOption(call.profile)}` +
    (region ? ` --region ${call.region}` : '')
  );
}

const WHO_LIFTS: Record<DeniedBy | 'unknown', string> = {
  'service control policy':
    'An administrator of the organization’s management account must change the SCP ' +
    'attached to this account or its OU.',
  'resource control policy':
    'An administrator of the organization’s management account must change the RCP.',
  'identity-based policy':
    'Whoever manages this principal’s IAM policies must remove the Deny statement.',
  'resource-based policy': 'The owner of the resource must change its resource policy.',
  'permissions boundary':
    'The IAM administrator who set this principal’s permissions boundary must allow it.',
  'session policy':
    'Whoever creates the session (the session policy or SSO permission set) must allow it.',
  'VPC endpoint policy': 'The owner of the VPC endpoint must change its endpoint policy.',
  unknown: 'The administrator of the policy that denies it must lift the deny.',
};

const NOT_ENABLED_FIX: Partial<Record<ServiceId, string>> = {
  cost_explorer:
    'Cost Explorer is not enabled for this account (a payer setting); no IAM action fixes it. ' +
    'Enable it at: AWS Console → Billing → Cost Explorer → Enable Cost Explorer.',
  securityhub:
    'Security Hub is not enabled in REGION; no permission fixes it. Enable Security Hub there to see its findings.',
  organizations: 'This account is not in an AWS organization; there is nothing to fix.',
  guardduty: 'GuardDuty has no detector in REGION; enable GuardDuty there to see it.',
};

export function fixFor(
  kind: FailureKind,
  call: FailedCallContext,
  action: string,
  code: string,
  deniedBy: DeniedBy | undefined,
  attempts: number | undefined,
  namedByAws?: string,
): string {
  // Escher's policy leaves cloudtrail:LookupEvents out: the look-up is the user's to run.
  const lookup =
    'To see the denied call (with a principal allowed cloudtrail:LookupEvents, which ' +
    `Escher's policy does not grant): ${cloudTrailLookupCommand(call)}`;
  const where = call.region === 'global' ? '' : ` in ${call.region}`;
  switch (kind) {
    case 'missing-permission': {
      const otherName =
        namedByAws !== undefined && namedByAws.toLowerCase() !== action.toLowerCase()
          ? ` The answer names ${namedByAws}: if adding ${action} does not help, grant ${namedByAws} too (an emulator such as moto checks some calls under other names).`
          : '';
      return `Add ${action} to the IAM policy of the principal that profile ${call.profile} uses (escher policy prints the whole policy).${otherName} ${lookup}`;
    }
    case 'explicit-deny':
      return `${action} is blocked by an explicit deny${deniedBy ? ` in a ${deniedBy}` : ''}; adding it to the principal’s own policy will not help. ${WHO_LIFTS[deniedBy ?? 'unknown']} ${lookup}`;
    case 'service-not-enabled':
      return (
        NOT_ENABLED_FIX[call.service]?.replace('REGION', call.region) ??
        `${call.service} is not enabled for this account${where}; no permission fixes it.`
      );
    case 'region-not-enabled':
      return `Region ${call.region} is not enabled for this account, so it is skipped. Enable it under Account → AWS Regions if you use it.`;
    case 'throttled':
      return `AWS throttled ${call.operation}${where} even after ${attempts ?? 'several'} attempts; what it would have returned is missing, not empty. Run the scan again later.`;
    case 'not-implemented':
      return `The endpoint this profile points at does not implement ${call.operation}; AWS itself does. This data cannot be read from that endpoint.`;
    case 'auth-failed':
      return `The credentials of profile ${call.profile} were rejected (${code}). Run aws configure ${profileOption(call.profile)} (access keys) or aws sso login ${profileOption(call.profile)} (SSO), then try again.`;
    case 'network':
      if (CERTIFICATE_CODES.has(code)) return certificateFix(code, call.profile);
      if (code === PROXY_CONFIG_CODE) return PROXY_FIX;
      return `Could not reach the ${call.service} endpoint${where} (${code}). Check the network, a proxy, or the profile’s endpoint_url, then run the scan again.`;
    case 'service-error':
      if (code === REPEATED_PAGE_TOKEN) {
        return `${call.operation}${where} handed back a page token it had already given, so the list was stopped there: what came after is missing, not empty. Run the scan again; if it happens again, the endpoint answering is not behaving as AWS does.`;
      }
      if (code === NOT_AN_AWS_ANSWER) {
        return `The answer to ${call.operation}${where} did not come from AWS (no member AWS always sends): a proxy, a captive portal or another server answers at that address. Check the network, a proxy, or the profile's endpoint_url, then run the scan again.`;
      }
      return `AWS answered ${call.operation}${where} with ${code}; run the scan again. If it persists, check the AWS Health Dashboard.`;
  }
}

/** What to do about a TLS certificate this side does not trust. */
export function certificateFix(code: string, profile: string): string {
  return (
    `The endpoint's TLS certificate is not trusted (${code}): if a company proxy or a private ` +
    `endpoint signs it, point ca_bundle of profile ${profile} (or AWS_CA_BUNDLE) at the PEM ` +
    'file of the authority that signed it.'
  );
}

export const PROXY_FIX =
  'HTTPS_PROXY or HTTP_PROXY does not hold a valid proxy URL (such as http://proxy:3128): fix ' +
  'it, or unset it to connect directly.';
