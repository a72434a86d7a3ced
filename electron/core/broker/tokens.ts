import type { FreshToken } from '../grants/tokens';

/**
 * What the broker needs to call a provider: an access token valid for a little while longer.
 * The grants' TokenService (electron/core/grants/tokens.ts) provides it: single-flight refresh per
 * connection, the rotated refresh token saved first, a refused refresh marking the connection
 * revoked. The broker depends on this small interface only.
 */
export type { FreshToken };

export interface AccessTokens {
  freshAccessToken(connectionId: string, minValidSeconds?: number): Promise<FreshToken>;
  /** A separate token carrying only `scopes`, for a handout (the connection's own token unchanged). */
  narrowAccessToken(connectionId: string, scopes: readonly string[]): Promise<FreshToken>;
}
