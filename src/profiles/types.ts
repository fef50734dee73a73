/** Where one setting or section was read: the file, the section header as written, the line. */
export interface SourceLocation {
  readonly file: string;
  readonly section: string;
  /** 1-based line number in the file. */
  readonly line: number;
}

/** How a profile gets its credentials (product.md, "Profile"). */
export type CredentialKind =
  'static-keys' | 'assume-role' | 'sso' | 'credential-process' | 'web-identity' | 'none';

/**
 * One setting of a profile as Escher may keep it. Secret settings (keys, secrets, session
 * tokens) carry no value at all: only the fact that they are set and where.
 */
export interface ProfileSetting {
  readonly name: string;
  /** Absent for secrets. */
  readonly value?: string;
  readonly secret: boolean;
  readonly source: SourceLocation;
}

/** A profile as discovered from the shared config and credentials files. Holds no secret. */
export interface DiscoveredProfile {
  readonly name: string;
  /** Where the profile's section (or the first of its sections) starts. */
  readonly source: SourceLocation;
  readonly region?: string;
  readonly regionSource?: SourceLocation;
  readonly credentialKind: CredentialKind;
  /** Known from the files alone: a role ARN's account, or `sso_account_id`. */
  readonly accountId?: string;
  /** Global `endpoint_url` of the profile. */
  readonly endpointUrl?: string;
  /** Per-service endpoints from the profile's `services` section, keyed by service id. */
  readonly serviceEndpoints: Readonly<Record<string, string>>;
  readonly roleArn?: string;
  readonly sourceProfile?: string;
  readonly credentialSource?: string;
  readonly ssoSession?: string;
  readonly settings: readonly ProfileSetting[];
}

export type WarningSeverity = 'error' | 'warning' | 'info';

/** Something the CLI or SDKs would read differently, or that will fail when used. */
export interface ProfileWarning {
  readonly severity: WarningSeverity;
  /** A stable identifier, e.g. `credentials-profile-prefix`. */
  readonly code: string;
  readonly message: string;
  readonly file: string;
  readonly line: number;
  readonly profile?: string;
}

/** One of the two shared files, as looked for. A missing file is normal, not an error. */
export interface ProfileFileInfo {
  readonly kind: 'config' | 'credentials';
  readonly path: string;
  readonly exists: boolean;
}

/**
 * A section that looks like a profile but that the AWS SDKs do not read as one, e.g.
 * `[profile dev]` in the credentials file (field case C01). Listed so the user can fix it.
 */
export interface IgnoredSection {
  readonly source: SourceLocation;
  readonly reason: string;
  /** The profile the user probably meant. */
  readonly suspectProfile?: string;
}

/**
 * Credentials and profile choice taken from the environment (field case C14). They apply only
 * when no profile is chosen explicitly; then keys outrank `AWS_PROFILE`.
 */
export interface EnvironmentSource {
  readonly hasKeys: boolean;
  readonly profile?: string;
  readonly region?: string;
  /** Which source the SDK's default chain would use when no profile is named. */
  readonly defaultChainWinner: 'environment-keys' | 'profile';
}

export interface ProfileCatalog {
  readonly profiles: readonly DiscoveredProfile[];
  readonly warnings: readonly ProfileWarning[];
  readonly files: readonly ProfileFileInfo[];
  readonly ignoredSections: readonly IgnoredSection[];
  readonly environment: EnvironmentSource;
}
