/**
 * Provider personas: the sandbox authorization server speaking one real provider's vocabulary, so
 * the app can reach it through that provider's catalog entry with only the endpoints overridden.
 * Each knows the provider's catalog scopes plus one the catalog does not, and imitates how the
 * provider answers (see /work/shared/PROVIDERS.md):
 * - google: `include_granted_scopes=true` keeps what was granted before (incremental authorization);
 * - microsoft: the token response's `scope` never lists `offline_access`;
 * - github: the token response's `scope` is comma-separated; used without `openid` (no ID token).
 */
import { getProvider } from '../../shared/catalog';
import { OIDC_SCOPES } from './configuration';
import { startAuthServer, type AuthServerOptions, type RunningAuthServer } from './server';

export type PersonaId = 'google' | 'microsoft' | 'github';

export const PERSONA_IDS: readonly PersonaId[] = ['google', 'microsoft', 'github'];

/** One scope each persona grants that the app's catalog does not describe. */
export const PERSONA_UNKNOWN_SCOPE: Record<PersonaId, string> = {
  google: 'https://www.googleapis.com/auth/photoslibrary.readonly',
  microsoft: 'Reports.Read.All',
  github: 'admin:enterprise',
};

/** Shown on the login and consent pages. */
export const PERSONA_NAMES: Record<PersonaId, string> = {
  google: 'Google (test persona)',
  microsoft: 'Microsoft (test persona)',
  github: 'GitHub (test persona)',
};

const BEHAVIOURS: Record<PersonaId, AuthServerOptions> = {
  google: { incremental: true },
  microsoft: { echoOfflineAccess: false, offlineAccessWithoutPrompt: true },
  github: { tokenScopeSeparator: ',' },
};

export interface PersonaOptions {
  /** Default 0 (a free port). */
  port?: number;
  /** Publish an RFC 7009 revocation endpoint; default true. */
  revocation?: boolean;
}

/** The catalog's scope strings for the provider, minus those oidc-provider handles itself, plus the unknown one. */
export function personaScopes(id: PersonaId): string[] {
  const provider = getProvider(id);
  if (!provider) throw new Error(`The catalog has no provider "${id}".`);
  const catalogScopes = provider.scopes.map((s) => s.scope).filter((scope) => !OIDC_SCOPES.includes(scope));
  return [...catalogScopes, PERSONA_UNKNOWN_SCOPE[id]];
}

export async function startPersona(id: PersonaId, options: PersonaOptions = {}): Promise<RunningAuthServer> {
  return startAuthServer({
    ...BEHAVIOURS[id],
    port: options.port,
    revocation: options.revocation,
    name: PERSONA_NAMES[id],
    scopes: personaScopes(id),
  });
}
