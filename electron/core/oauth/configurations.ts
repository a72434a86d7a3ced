import type { Configuration } from 'openid-client';
import { discover, staticConfiguration, type ClientSetup, type RequestSettings, type StaticEndpoints } from './client';
import { loadOpenIdClient } from './openidClient';

/**
 * openid-client configurations, made once per issuer and client while the app runs: discovery is
 * one request per server per session, not one per connect, refresh, change and revoke. A failed
 * discovery is not kept, so the next attempt asks again.
 */
export class ConfigurationCache {
  private readonly byKey = new Map<string, Promise<Configuration>>();

  constructor(private readonly settings: RequestSettings) {}

  /**
   * The server's published metadata (OpenID discovery, else RFC 8414). `variant` names the client
   * and its setup (a provider module's client authentication and fetch adapter); one public client
   * by default.
   */
  discovered(issuer: string, clientId: string, setup: ClientSetup = {}, variant = ''): Promise<Configuration> {
    const key = `discovered\n${issuer}\n${clientId}\n${variant}`;
    const cached = this.byKey.get(key);
    if (cached) return cached;
    return this.keep(key, discover(issuer, clientId, this.settings.fetch, this.settings, setup));
  }

  /** Reads the metadata again and keeps the new answer: a server the person (re)enters now. */
  rediscover(issuer: string, clientId: string, setup: ClientSetup = {}, variant = ''): Promise<Configuration> {
    // Every client's copy goes: the server itself may have changed.
    for (const key of [...this.byKey.keys()]) if (key.startsWith(`discovered\n${issuer}\n`)) this.byKey.delete(key);
    return this.discovered(issuer, clientId, setup, variant);
  }

  /** Endpoints from the catalog, for providers that publish no metadata. */
  static(endpoints: StaticEndpoints, clientId: string, setup: ClientSetup = {}, variant = ''): Promise<Configuration> {
    const key = `static\n${JSON.stringify(endpoints)}\n${clientId}\n${variant}`;
    const cached = this.byKey.get(key);
    if (cached) return cached;
    return this.keep(key, loadOpenIdClient().then(() => staticConfiguration(endpoints, clientId, this.settings.fetch, this.settings, setup)));
  }

  private keep(key: string, pending: Promise<Configuration>): Promise<Configuration> {
    this.byKey.set(key, pending);
    pending.catch(() => {
      if (this.byKey.get(key) === pending) this.byKey.delete(key);
    });
    return pending;
  }
}
