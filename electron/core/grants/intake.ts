import type { ProviderInfo } from '../../../shared/catalog';
import { scopeSchema } from '../../../shared/ipc/contract';
import { ScopekeeperError } from '../../../shared/ipc/errors';
import { canonicalScope, parseScopes } from '../../../shared/scopes/format';
import type { TokenSet } from '../oauth/client';

/** Longest account label kept from an ID token (the label is shown, never used as a key). */
export const MAX_ACCOUNT_LENGTH = 500;

/**
 * What a provider sent, checked when it arrives and before anything is saved, with the limits the
 * IPC contract applies to what is shown: a record that passed here always lists. A refusal is the
 * provider's error; the caller ends the grant it made (the tokens are nobody's).
 * @see OpenID Connect Core 1.0 §3.1.3.3 (an ID token is returned when `openid` was asked for)
 */
export function checkIntake(info: ProviderInfo, requested: readonly string[], tokens: TokenSet): void {
  if (requested.includes('openid') && tokens.idToken === undefined) {
    throw new ScopekeeperError('PROVIDER_ERROR', `${info.name} signed you in without an ID token, though Scopekeeper asked to sign in with OpenID Connect. Nothing was saved.`, {
      error: 'missing_id_token',
    });
  }
  const unusable = parseScopes(info, tokens.scope).filter((scope) => !scopeSchema.safeParse(scope).success);
  if (unusable.length > 0) {
    const longest = Math.max(...unusable.map((s) => s.length));
    throw new ScopekeeperError('PROVIDER_ERROR', `${info.name} granted a permission whose name is ${longest} characters long; Scopekeeper accepts at most 500. Nothing was saved.`, {
      error: 'invalid_scope_value',
      count: unusable.length,
    });
  }
  if (tokens.account !== undefined && tokens.account.length > MAX_ACCOUNT_LENGTH) {
    throw new ScopekeeperError('PROVIDER_ERROR', `${info.name} named the account with ${tokens.account.length} characters; Scopekeeper accepts at most ${MAX_ACCOUNT_LENGTH}. Nothing was saved.`, {
      error: 'invalid_account_value',
    });
  }
}

/**
 * Granted scopes that were not asked for (as canonical spellings): RFC 6749 §3.3 lets a server
 * grant differently, and a broader grant is recorded as granted, and said so.
 */
export function broaderThanAsked(info: ProviderInfo, asked: readonly string[], granted: readonly string[]): string[] {
  const requested = new Set(asked.map((s) => canonicalScope(info, s)));
  return granted.filter((s) => !requested.has(s));
}
