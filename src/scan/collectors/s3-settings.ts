import type {
  GetBucketAclCommandOutput,
  GetBucketEncryptionCommandOutput,
  PublicAccessBlockConfiguration,
} from '@aws-sdk/client-s3';

/**
 * GetBucketLocation's answer as a region (C18): an empty constraint is us-east-1, and `EU` is
 * the old name of eu-west-1.
 */
export function regionOfLocation(constraint: string | null | undefined): string {
  if (constraint === undefined || constraint === null || constraint === '') return 'us-east-1';
  if (constraint === 'EU') return 'eu-west-1';
  return constraint;
}

export interface PublicAccessBlock {
  /** False when the bucket has no configuration: then every flag is off (C20). */
  readonly configured: boolean;
  readonly blockPublicAcls: boolean;
  readonly ignorePublicAcls: boolean;
  readonly blockPublicPolicy: boolean;
  readonly restrictPublicBuckets: boolean;
}

export const NO_PUBLIC_ACCESS_BLOCK: PublicAccessBlock = {
  configured: false,
  blockPublicAcls: false,
  ignorePublicAcls: false,
  blockPublicPolicy: false,
  restrictPublicBuckets: false,
};

/** A bucket's or the account's answer: both APIs return the same four flags. */
export function publicAccessBlockOf(answer: {
  PublicAccessBlockConfiguration?: PublicAccessBlockConfiguration | undefined;
}): PublicAccessBlock {
  const config = answer.PublicAccessBlockConfiguration ?? {};
  return {
    configured: true,
    blockPublicAcls: config.BlockPublicAcls === true,
    ignorePublicAcls: config.IgnorePublicAcls === true,
    blockPublicPolicy: config.BlockPublicPolicy === true,
    restrictPublicBuckets: config.RestrictPublicBuckets === true,
  };
}

export interface DefaultEncryption {
  /** `none`, `AES256`, `aws:kms`, `aws:kms:dsse`. */
  readonly algorithm: string;
  readonly kmsKeyId: string | null;
  readonly bucketKeyEnabled: boolean;
}

export const NO_ENCRYPTION: DefaultEncryption = {
  algorithm: 'none',
  kmsKeyId: null,
  bucketKeyEnabled: false,
};

/** C21: a rule may hold only `BucketKeyEnabled`, which is no default encryption. */
export function encryptionOf(answer: GetBucketEncryptionCommandOutput): DefaultEncryption {
  const rules = answer.ServerSideEncryptionConfiguration?.Rules ?? [];
  const applied = rules.find((rule) => rule.ApplyServerSideEncryptionByDefault?.SSEAlgorithm);
  const byDefault = applied?.ApplyServerSideEncryptionByDefault;
  return {
    algorithm: byDefault?.SSEAlgorithm ?? 'none',
    kmsKeyId: byDefault?.KMSMasterKeyID ?? null,
    bucketKeyEnabled: rules.some((rule) => rule.BucketKeyEnabled === true),
  };
}

const EVERYONE_GROUPS = [
  'http://acs.amazonaws.com/groups/global/AllUsers',
  'http://acs.amazonaws.com/groups/global/AuthenticatedUsers',
];

/** Permissions the ACL grants to everyone (or to every AWS account), e.g. `READ`. */
export function publicAclGrants(answer: GetBucketAclCommandOutput): string[] {
  return (answer.Grants ?? [])
    .filter((grant) => EVERYONE_GROUPS.includes(grant.Grantee?.URI ?? ''))
    .map((grant) => grant.Permission ?? 'UNKNOWN');
}

function isEveryone(principal: unknown): boolean {
  if (principal === '*') return true;
  if (typeof principal !== 'object' || principal === null) return false;
  const aws = (principal as { AWS?: unknown }).AWS;
  return aws === '*' || (Array.isArray(aws) && aws.includes('*'));
}

/**
 * Whether a bucket policy grants anything to everyone without a condition. Conditions (source
 * VPC, organization id, ...) usually narrow a `*` principal, so they are not counted as public.
 */
export function policyIsPublic(document: string): boolean {
  let parsed: unknown;
  try {
    parsed = JSON.parse(document);
  } catch {
    return false;
  }
  const raw = (parsed as { Statement?: unknown } | null)?.Statement;
  const statements: unknown[] = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  return statements.some((statement) => {
    const s = statement as { Effect?: unknown; Principal?: unknown; Condition?: unknown };
    return s.Effect === 'Allow' && isEveryone(s.Principal) && s.Condition === undefined;
  });
}
