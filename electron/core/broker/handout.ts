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

/**
 * The token handout: a tool the person allowed, in its own step of the approval dialog, receives
 * access tokens for one approval (connection + action), never for another. Where the provider
 * mints narrower tokens (the catalog's `narrowTokens`), a token carries only the action's scopes;
 * elsewhere it is the connection's own token, and the dialog said so, listing all it can do.
 *
 * A handed-out token is not revoked at the provider when its approval ends: every provider in the
 * catalog either ends the whole grant with it (the Sandbox's oidc-provider and Google revoke every
 * token of the grant; Slack's and GitHub's handed-out token is the connection's own) or has no
 * endpoint (Microsoft, Atlassian). So the approval's end stops new tokens, the dialog says that a
 * given token works until it expires, and the Tools view shows until when.
 */

/** What the dialog's handout step says a token could do, for the connection asked or each candidate. */
export function handoutOffer(info: ProviderInfo, connections: readonly ConnectionRecord[]): BrokerHandoutOffer {
  const narrowed = info.narrowTokens === true;
  return {
    narrowed,
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

interface Given {
  toolId: string;
  connectionId: string;
  actionId: string;
  at: string;
  /** Seconds since the epoch; absent when the provider gave the token no expiry. */
  expiresAt?: number;
}

export class TokenHandouts {
  /** The latest token given per tool, connection and action (never the token itself), in memory. */
  private readonly given = new Map<string, Given>();

  constructor(
    private readonly toolStore: ToolStore,
    private readonly connections: ConnectionLookup,
    private readonly accessTokens: AccessTokens,
    private readonly clock: Clock,
  ) {}

  /** A token for the approval of `actionId` on `connectionId`, if it came with the handout. */
  async issue(tool: ToolRecord, connectionId: string, actionId: string): Promise<FreshToken> {
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
    const token = await this.mint(record, approval.handout);
    this.given.set(`${tool.id} ${connectionId} ${actionId}`, {
      toolId: tool.id,
      connectionId,
      actionId,
      at: now.toISOString(),
      ...(token.expiresAt !== undefined ? { expiresAt: token.expiresAt } : {}),
    });
    return token;
  }

  /** Tokens given to `toolId` that may still work: not expired, their connection still connected. */
  handedOut(toolId: string): BrokerHandedOutView[] {
    const nowSeconds = this.clock.now().getTime() / 1000;
    return [...this.given.values()].flatMap((g) => {
      if (g.expiresAt !== undefined && g.expiresAt <= nowSeconds) {
        this.given.delete(`${g.toolId} ${g.connectionId} ${g.actionId}`);
        return [];
      }
      const record = this.connections.record(g.connectionId);
      const info = this.connections.providerOf(record);
      if (g.toolId !== toolId || !record || !info || record.state !== 'connected') return [];
      return [
        {
          connection: connectionView(record, info),
          actionId: g.actionId,
          actionTitle: info.actions.find((a) => a.id === g.actionId)?.title ?? g.actionId,
          at: g.at,
          ...(g.expiresAt !== undefined ? { expiresAt: new Date(g.expiresAt * 1000).toISOString() } : {}),
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
