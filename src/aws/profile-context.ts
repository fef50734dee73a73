import type { AwsCredentialIdentityProvider } from '@smithy/types';
import type { ServiceId } from '../core/services.ts';
import type { NetworkSettings } from './network.ts';

/**
 * Everything needed to call AWS as one profile, resolved the way the AWS SDK resolves it.
 * Holds a credential provider, never credentials: they are fetched at the moment of use.
 */
export interface ProfileContext {
  readonly profile: string;
  /** The region for bootstrap calls: the profile's, else `us-east-1`. */
  readonly region: string;
  readonly credentials: AwsCredentialIdentityProvider;
  /** The endpoint URL for a service: per-service setting, then global, else undefined (AWS). */
  endpointFor(service: ServiceId): string | undefined;
  /** The proxy and the trusted certificates requests go through; the defaults when absent. */
  readonly network?: NetworkSettings;
}
