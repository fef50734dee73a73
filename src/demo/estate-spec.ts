import { BOOTSTRAP_ADMIN } from './emulator-target.ts';

/** The two users whose keys the demo's profiles sign in as. */
export const DEMO_USERS = { readonly: 'escher-readonly', audit: 'escher-audit' } as const;

/** Users that exist in the estate but are created outside the sample builder. */
export const RESERVED_USERS = [BOOTSTRAP_ADMIN, DEMO_USERS.readonly, DEMO_USERS.audit] as const;

/** Regions moto serves, in the order the estate spreads over them. */
export const ESTATE_REGIONS = [
  'us-east-1',
  'eu-west-1',
  'ap-southeast-2',
  'us-west-2',
  'eu-central-1',
  'ap-northeast-1',
  'us-east-2',
  'eu-west-2',
  'ca-central-1',
  'sa-east-1',
  'ap-south-1',
  'eu-north-1',
  'us-west-1',
  'ap-northeast-2',
  'eu-west-3',
  'ap-southeast-1',
] as const;

/** What the scanner must see once the estate and the demo users exist. */
export interface EstateCounts {
  readonly ec2Instances: number;
  readonly s3Buckets: number;
  readonly iamUsers: number;
  readonly iamRoles: number;
  readonly rdsInstances: number;
  readonly lambdaFunctions: number;
  readonly trails: number;
  readonly alarms: number;
  readonly logGroups: number;
  readonly configRules: number;
  readonly securityHubFindings: number;
  readonly guardDutyDetectors: number;
  /** The organization's accounts, the management account included. */
  readonly organizationAccounts: number;
}

export interface EstateSpec {
  readonly scale: number;
  /** Regions that hold regional resources; the first is the home region. */
  readonly regions: readonly string[];
  readonly counts: EstateCounts;
}

/** The seed's Step 5 estate: scale 1 over three regions. */
export const SEED_COUNTS: EstateCounts = {
  ec2Instances: 48,
  s3Buckets: 22,
  iamUsers: 142,
  iamRoles: 38,
  rdsInstances: 6,
  lambdaFunctions: 31,
  trails: 3,
  alarms: 5,
  logGroups: 12,
  configRules: 4,
  securityHubFindings: 5,
  guardDutyDetectors: 1,
  organizationAccounts: 4,
};

export interface SpecOptions {
  /** Multiplies every count except trails, detectors and accounts; 1 is the seed's estate. */
  readonly scale?: number;
  /** How many of `ESTATE_REGIONS` hold regional resources; 3 for the seed's estate. */
  readonly regionCount?: number;
}

export function estateSpec(options: SpecOptions = {}): EstateSpec {
  const scale = options.scale ?? 1;
  if (!Number.isInteger(scale) || scale < 1) throw new Error(`scale must be a whole number ≥ 1`);
  const regionCount = options.regionCount ?? 3;
  if (!Number.isInteger(regionCount) || regionCount < 3 || regionCount > ESTATE_REGIONS.length) {
    throw new Error(`regionCount must be between 3 and ${ESTATE_REGIONS.length}`);
  }
  const s = SEED_COUNTS;
  return {
    scale,
    regions: ESTATE_REGIONS.slice(0, regionCount),
    counts: {
      ...s,
      ec2Instances: s.ec2Instances * scale,
      s3Buckets: s.s3Buckets * scale,
      iamUsers: s.iamUsers * scale,
      iamRoles: s.iamRoles * scale,
      rdsInstances: s.rdsInstances * scale,
      lambdaFunctions: s.lambdaFunctions * scale,
      alarms: s.alarms * scale,
      logGroups: s.logGroups * scale,
      configRules: s.configRules * scale,
      securityHubFindings: s.securityHubFindings * scale,
    },
  };
}

/**
 * Splits `total` over `slots` deterministically, earlier slots taking the remainder, e.g.
 * 48 over 3 → [16, 16, 16], 31 over 3 → [11, 10, 10].
 */
export function spread(total: number, slots: number): number[] {
  const base = Math.floor(total / slots);
  const extra = total % slots;
  return Array.from({ length: slots }, (_, index) => base + (index < extra ? 1 : 0));
}

/** Two-digit (or wider) index for deterministic names: 1 → `01`. */
export function pad(index: number, width = 2): string {
  return String(index).padStart(width, '0');
}
