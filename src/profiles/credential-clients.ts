import { SSOClient } from '@aws-sdk/client-sso';
import { SSOOIDCClient } from '@aws-sdk/client-sso-oidc';
import { STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import type { NodeHttpHandler } from '@smithy/node-http-handler';
import { requestHandler, type NetworkSettings } from '../aws/network.ts';
import { isCredentialOperation } from '../aws/operations.ts';

/**
 * Clients used only to trade one credential for another. Each carries a guard that refuses
 * any command outside CREDENTIAL_OPERATIONS, so credential resolution can never read or
 * change anything in the account.
 */

interface ClientTarget {
  readonly region: string;
  readonly endpoint?: string;
  readonly network?: NetworkSettings;
}

export class CredentialOperationRefused extends Error {
  constructor(service: string, operation: string) {
    super(`refused to send ${service}:${operation}: not a credential operation`);
    this.name = 'CredentialOperationRefused';
  }
}

interface GuardableClient {
  middlewareStack: {
    add(
      middleware: (
        next: (args: unknown) => Promise<unknown>,
        context: { commandName?: string },
      ) => (args: unknown) => Promise<unknown>,
      options: { step: 'initialize'; name: string },
    ): void;
  };
}

function guard<T>(client: T, service: string): T {
  (client as unknown as GuardableClient).middlewareStack.add(
    (next, context) => async (args) => {
      const operation = (context.commandName ?? '').replace(/Command$/, '');
      if (!isCredentialOperation(service, operation)) {
        throw new CredentialOperationRefused(service, operation);
      }
      return next(args);
    },
    { step: 'initialize', name: 'escherCredentialOperationGuard' },
  );
  return client;
}

// Every credential client gets the scan's time limits (an endpoint that never answers must
// fail resolution, not hang it), proxy and trusted certificates.
const endpointOption = (
  target: ClientTarget,
): { endpoint?: string; requestHandler: NodeHttpHandler } => ({
  requestHandler: requestHandler({}, target.network),
  ...(target.endpoint === undefined ? {} : { endpoint: target.endpoint }),
});

export function credentialStsClient(
  target: ClientTarget,
  credentials?: AwsCredentialIdentityProvider,
): STSClient {
  return guard(
    new STSClient({
      region: target.region,
      ...endpointOption(target),
      ...(credentials ? { credentials } : {}),
      maxAttempts: 3,
    }),
    'sts',
  );
}

export function credentialSsoClient(target: ClientTarget): SSOClient {
  return guard(new SSOClient({ region: target.region, ...endpointOption(target) }), 'sso');
}

export function credentialOidcClient(target: ClientTarget): SSOOIDCClient {
  return guard(new SSOOIDCClient({ region: target.region, ...endpointOption(target) }), 'sso-oidc');
}
