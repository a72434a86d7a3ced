import { createHash } from 'node:crypto';
import type * as oidc from 'openid-client';
import type { ProviderInfo } from '../../../../shared/catalog';
import type { OAuthClient } from '../../ports';
import type { ClientSetup } from '../client';
import type { ConfigurationCache } from '../configurations';
import type { ProviderProtocol } from './types';

/** The module's client authentication, chosen once the server's metadata is known (RFC 8414 §2). */
function lazyClientAuth(protocol: ProviderProtocol, client: OAuthClient): oidc.ClientAuth {
  return (as, clientMetadata, body, headers) => protocol.clientAuth(client, as)(as, clientMetadata, body, headers);
}

/** The module's setup for one client: its client authentication and fetch adapter. */
export function clientSetup(protocol: ProviderProtocol, client: OAuthClient): ClientSetup {
  return { auth: lazyClientAuth(protocol, client), adaptFetch: (base) => protocol.fetch(base, client) };
}

/** Tells configurations of different modules and clients apart without keeping a secret in a key. */
function variant(protocol: ProviderProtocol, client: OAuthClient): string {
  const secret = client.clientSecret === undefined ? '' : createHash('sha256').update(client.clientSecret).digest('base64url');
  return `${protocol.id}\n${client.source}\n${secret}`;
}

/**
 * The openid-client configuration for one provider and client, cached per issuer and client:
 * discovery where the module says the provider publishes metadata (OpenID first, then RFC 8414),
 * the catalog's endpoints where it does not; the module's client authentication and fetch adapter
 * in both cases. Only a server on this machine may be reached over plain http (client.ts).
 * @see RFC 8414, OpenID Connect Discovery 1.0
 */
export function providerConfiguration(
  protocol: ProviderProtocol,
  info: ProviderInfo,
  client: OAuthClient,
  configurations: ConfigurationCache,
): Promise<oidc.Configuration> {
  const setup = clientSetup(protocol, client);
  const discoveryUrl = protocol.discoveryUrl(info);
  if (discoveryUrl) return configurations.discovered(discoveryUrl, client.clientId, setup, variant(protocol, client));
  const { endpoints } = info;
  return configurations.static(
    {
      issuer: info.issuer ?? new URL(endpoints.authorization).origin,
      authorization: endpoints.authorization,
      token: endpoints.token,
      ...(endpoints.revocation ? { revocation: endpoints.revocation } : {}),
      ...(endpoints.userinfo ? { userinfo: endpoints.userinfo } : {}),
      ...(endpoints.device ? { device: endpoints.device } : {}),
    },
    client.clientId,
    setup,
    variant(protocol, client),
  );
}

/**
 * Reads a server's metadata again for this client and keeps the answer: a server the person
 * (re)enters now, whose problems should show at once rather than at the first sign-in.
 */
export function rediscoverProvider(
  protocol: ProviderProtocol,
  issuer: string,
  client: OAuthClient,
  configurations: ConfigurationCache,
): Promise<oidc.Configuration> {
  return configurations.rediscover(issuer, client.clientId, clientSetup(protocol, client), variant(protocol, client));
}
