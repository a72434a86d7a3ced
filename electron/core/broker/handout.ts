import type { ActionInfo, ProviderInfo } from '../../../shared/catalog';
import type { BrokerHandoutOffer, BrokerHandedOutView } from '../../../shared/ipc/contract';
import { ScopekeeperError } from '../../../shared/ipc/errors';
import { explainScopes } from '../grants/explain';
import type { FreshToken } from '../grants/tokens';
import type { Clock } from '../ports';
import type { ConnectionRecord } from '../vault/schema';
import { connectionView, type ConnectionLookup } from './connections';
import { BrokerError, type ApprovalMode } from './protocol';
import { asBrokerError } from './refusal';
import type { AccessTokens } from './tokens';
import type { Handout, ToolRecord, ToolStore } from './toolStore';
import { assertHandoutAllowed } from '../policy/enforce';
import type { PolicyReader } from '../policy/policy';

/**
 * The token handout: a tool the person allowed, in its own step of the approval dialog, receives
 * access tokens for one approval (connection + action), never for another. Where the provider
 * mints narrower tokens (the catalog's `narrowTokens`), a token carries only the action's scopes;
 * elsewhere it is the connection's own token, and the dialog said so, listing all it can do.
 *
 * A handed-out token is not revoked at the provider when its approval ends, because no provider in
 * the catalog can end one token alone (`whyNotAlone`): revoking it would end the connection too, or
 * there is nothing to call. So the approval's end stops new tokens, `broker:revoke` answers which
 * given tokens keep working and why, and the Tools view says until when and offers to disconnect
 * where that ends them.
 */

/**
 * Why the provider of a handed-out token cannot end it alone, from what its catalog entry (as this
 * client can use it) says; the same answer says how the token can end before it expires.
 * - 'no-endpoint' (`revokeAll: 'console-only'`: Microsoft, Atlassian, GitHub without a client
 *   secret, added servers without RFC 7009): no app can end a token there, disconnecting neither.
 * - 'own-token' (no `narrowTokens`: Slack, GitHub, Atlassian): the token is the connection's own.
 * - 'whole-grant' (narrowed, with revocation): revoking one token ends the grant's other tokens too.
 *   The Sandbox's oidc-provider 9 revokes every token of an access token's grant (lib/actions/
 *   revocation.js; `revokeGrantPolicy` only keeps the Grant record; handout.test.ts shows it);
 *   Google: "If the token is an access token and it has a corresponding refresh token, the refresh
 *   token will also be revoked" (https://developers.google.com/identity/protocols/oauth2/native-app,
 *   "Revoking a token");
 *   an added server may do either (RFC 7009 §2.1), so Scopekeeper cannot promise it would not.
 */
export function whyNotAlone(info: ProviderInfo, narrowed: boolean): BrokerHandedOutView['notAlone'] {
  if (info.revokeAll === 'console-only') return 'no-endpoint';
  return narrowed ? 'whole-grant' : 'own-token';
}

/** What the dialog's handout step says a token could do, for the connection asked or each candidate. */
export function handoutOffer(info: ProviderInfo, connections: readonly ConnectionRecord[]): BrokerHandoutOffer {
  const narrowed = info.narrowTokens === true;
  return {
    narrowed,
    notAlone: whyNotAlone(info, narrowed),
    everything: narrowed ? [] : connections.map((c) => ({ connectionId: c.id, can: explainScopes(info, c.grantedScopes, c.grantedScopes).map((e) => e.title) })),
  };
}

/**
 * What each approved action's handout carries, once the person allowed it: the action's own
 * scopes, or the chosen connection's grant as the dialog listed it. None with "Allow once" (a
 * token outlives one call), and none for an action that needs no scope.
 */
export function handoutsFor(narrowed: boolean, actions: readonly ActionInfo[], shownGrant: readonly string[], mode: ApprovalMode): Record<string, Handout> {
  if (mode === 'once' || shownGrant.length === 0) return {};
  return Object.fromEntries(
    actions.filter((a) => a.scopes.length > 0).map((a) => [a.id, { scopes: [...(narrowed ? a.scopes : shownGrant)], narrowed }]),
  );
}

/**
 * Hands out tokens and remembers which were given (the tool store keeps that list, never the
 * tokens), so the Tools view and a revoke name them after a restart too.
 */
export class TokenHandouts {
  constructor(
    private readonly toolStore: ToolStore,
    private readonly connections: ConnectionLookup,
    private readonly accessTokens: AccessTokens,
    private readonly clock: Clock,
    /** The managed policy: when it refuses handouts, none is given, whatever an approval says. */
    private readonly policy: PolicyReader,
  ) {}

  /** A token for the approval of `actionId` on `connectionId`, if it came with the handout. */
  async issue(tool: ToolRecord, connectionId: string, actionId: string): Promise<FreshToken> {
    assertHandoutAllowed(this.policy.current());
    const now = this.clock.now();
    const approval = this.toolStore.approval(tool, connectionId, actionId, now);
    if (!approval) throw new BrokerError('not_approved', 'This tool has no approval for that action on that connection.');
    if (!approval.handout) {
      throw new BrokerError('not_approved', `The person has not allowed “${tool.name}” to receive access tokens for this action; use \`call\`, or ask again with \`request\` and \`tokenHandout\`.`);
    }
    if (approval.resource) {
      throw new BrokerError('not_approved', 'This approval is limited to one resource, and a token cannot be: it would reach them all. Use `call`.');
    }
    const record = this.connections.liveRecord(connectionId);
    // An action an update brought stays off until reviewed: no token for it either.
    const info = this.connections.providerOf(record);
    const action = info?.actions.find((a) => a.id === actionId);
    if (info && action) this.connections.reviewed(record, info, action);
    // The token would carry these: none the policy blocks now, and none of a provider it blocks.
    if (info) this.connections.usable(record, info, approval.handout.scopes);
    const token = await this.mint(record, approval.handout);
    // Taken back while the provider minted it: the token never leaves, so no revoke answer missed it.
    const current = this.toolStore.byId(tool.id);
    if (!current || !this.toolStore.approval(current, connectionId, actionId, this.clock.now())?.handout) {
      throw new BrokerError('not_approved', 'The person took this approval back while the token was being made.');
    }
    await this.toolStore.gave(tool.id, {
      connectionId,
      actionId,
      at: now.toISOString(),
      ...(token.expiresAt !== undefined ? { expiresAt: new Date(token.expiresAt * 1000).toISOString() } : {}),
      narrowed: approval.handout.narrowed,
    });
    return token;
  }

  /**
   * Tokens given to `toolId` that may still work: not expired, their connection still connected;
   * only those for `connectionId` and `actionId` when given.
   */
  handedOut(toolId: string, connectionId?: string, actionId?: string): BrokerHandedOutView[] {
    const now = this.clock.now().getTime();
    return (this.toolStore.byId(toolId)?.handedOut ?? []).flatMap((g) => {
      if (g.expiresAt !== undefined && Date.parse(g.expiresAt) <= now) return [];
      if ((connectionId ?? g.connectionId) !== g.connectionId || (actionId ?? g.actionId) !== g.actionId) return [];
      const record = this.connections.record(g.connectionId);
      const info = this.connections.providerOf(record);
      if (!record || !info || record.state !== 'connected') return [];
      return [
        {
          connection: connectionView(record, info),
          actionId: g.actionId,
          actionTitle: info.actions.find((a) => a.id === g.actionId)?.title ?? g.actionId,
          at: g.at,
          ...(g.expiresAt !== undefined ? { expiresAt: g.expiresAt } : {}),
          notAlone: whyNotAlone(info, g.narrowed),
        },
      ];
    });
  }

  private async mint(record: ConnectionRecord, handout: Handout): Promise<FreshToken> {
    try {
      if (handout.narrowed) return await this.accessTokens.narrowAccessToken(record.id, handout.scopes);
      // The person was shown the grant as it was; a connection that can do more since is asked about again.
      if (record.grantedScopes.some((scope) => !handout.scopes.includes(scope))) {
        throw new BrokerError('not_approved', 'This connection can do more now than when the person allowed the token handout. Ask again with `request`.');
      }
      return await this.accessTokens.freshAccessToken(record.id, 30);
    } catch (error) {
      // The provider would not mint a token limited to the action (a scope the grant lacks, or a broader token).
      const code = error instanceof ScopekeeperError ? error.details?.error : undefined;
      if (code === 'invalid_scope' || code === 'broader_token') throw new BrokerError('insufficient_scope', (error as Error).message);
      throw asBrokerError(error);
    }
  }
}
