/**
 * Test helpers for the provider modules' tests (electron/core/oauth/providers/*.test.ts): a fetch
 * that answers each URL as the provider documents, recording what was sent, and an openid-client
 * configuration built the way the core builds it.
 */
import * as oidc from 'openid-client';
import type { ProviderInfo } from '../../shared/catalog';
import type { OAuthClient } from '../core/ports';
import type { ProviderProtocol } from '../core/oauth/providers/types';
import { loadOpenIdClient } from '../core/oauth/openidClient';

// The core loads openid-client when it first makes a configuration (ConfigurationCache); these
// tests build their configurations directly, so they load it as the cache would have.
await loadOpenIdClient();

export interface SentRequest {
  url: string;
  method: string;
  headers: Headers;
  body: string;
}

export type Answer = (request: SentRequest) => Response | Promise<Response>;

/** A fetch answering `METHOD url` (or `url`) from the table; anything else is a test failure. */
export function documentedFetch(answers: Record<string, Answer>): { fetch: typeof fetch; sent: SentRequest[] } {
  const sent: SentRequest[] = [];
  const impl = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const entry: SentRequest = { url: request.url, method: request.method, headers: request.headers, body: request.body ? await request.text() : '' };
    sent.push(entry);
    const answer = answers[`${request.method} ${request.url}`] ?? answers[request.url];
    if (!answer) throw new TypeError(`fetch failed: no documented answer for ${request.method} ${request.url}`);
    return answer(entry);
  };
  return { fetch: impl as typeof fetch, sent };
}

export const json = (body: unknown, status = 200, headers: Record<string, string> = {}): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8', ...headers } });

/** A static-endpoint configuration (Slack, GitHub, Atlassian) with the module's client auth and fetch. */
export function staticConfig(protocol: ProviderProtocol, info: ProviderInfo, client: OAuthClient, fetchImpl: typeof fetch): oidc.Configuration {
  const metadata: oidc.ServerMetadata = {
    issuer: new URL(info.endpoints.authorization).origin,
    authorization_endpoint: info.endpoints.authorization,
    token_endpoint: info.endpoints.token,
    ...(info.endpoints.revocation ? { revocation_endpoint: info.endpoints.revocation } : {}),
  };
  const config = new oidc.Configuration(metadata, client.clientId, undefined, protocol.clientAuth(client, metadata));
  config[oidc.customFetch] = protocol.fetch(fetchImpl, client);
  return config;
}

/** The callback URL the loopback receiver would see for this code and state. */
export function callback(code: string, state: string): URL {
  return new URL(`http://127.0.0.1:49152/callback?code=${encodeURIComponent(code)}&state=${encodeURIComponent(state)}`);
}

export const form = (text: string): URLSearchParams => new URLSearchParams(text);
