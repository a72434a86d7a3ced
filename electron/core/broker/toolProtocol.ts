import { explainActions, explainScopes } from '../grants/explain';
import type { Clock } from '../ports';
import type { ApprovalDesk, Answer } from './approvals';
import type { CallPipeline } from './callPipeline';
import { connectionView, type ConnectionLookup } from './connections';
import { InFlight } from './inFlight';
import {
  BrokerError,
  requestMessageSchema,
  type ApprovalMode,
  type ListResult,
  type RequestMessage,
  type RequestParams,
  type RequestResult,
  type ResponseMessage,
} from './protocol';
import { handoutOffer, handoutsFor } from './handout';
import type { ToolsPause } from './pause';
import { requestedLimit } from './resourceLimit';
import { askingTool, executableOf, notePeer, peerOf, programOf } from './callers';
import { asBrokerError } from './refusal';
import { listedTool, listRemoteTools, namedServer, prepareRequest } from './remoteActions';
import type { BrokerSession, ToolSessions } from './sessions';
import type { SecretStore, ToolRecord, ToolStore } from './toolStore';
import { blockedText, handoutBlock } from '../../../shared/policy/decide';
import { assertApprovalAllowed } from '../policy/enforce';
import type { PolicyReader } from '../policy/policy';

const MODE_OF: Record<Exclude<Answer['decision'], 'deny'>, ApprovalMode> = {
  'allow-once': 'once',
  'allow-hour': 'hour',
  'allow-day': 'day',
  'allow-week': 'week',
  'allow-month': 'month',
  'allow-always': 'always',
};

/** The one-line answer a tool gets when its message is refused. */
export function refusalMessage(id: number | null, error: unknown): ResponseMessage {
  return { id, ok: false, error: asBrokerError(error).toJSON() };
}

/**
 * The broker's side of the tool protocol (electron/core/broker/protocol.ts): each line a tool sends
 * parsed, handled as `hello`, `list`, `request`, `call`, `token` or `cancel`, and answered with one message.
 */
export class ToolProtocol {
  private readonly inFlight = new InFlight();

  constructor(
    private readonly toolStore: ToolStore,
    private readonly connections: ConnectionLookup,
    private readonly desk: ApprovalDesk,
    private readonly sessions: ToolSessions,
    private readonly pipeline: CallPipeline,
    private readonly clock: Clock,
    /** "Pause tools": no question reaches the person while tools are paused. */
    private readonly pause: Pick<ToolsPause, 'check'>,
    /** The managed policy: no approval while a policy file is refused, none longer than its maximum, no handout it refuses. */
    private readonly policy: PolicyReader,
  ) {}

  /** A client connected; the returned function forgets it when it goes. */
  open(session: BrokerSession): () => void {
    return this.sessions.open(session);
  }

  /** One line from the tool, answered through `send` (a blank line gets no answer). */
  receive(session: BrokerSession, line: string, send: (message: ResponseMessage) => void): void {
    if (line.trim() === '') return;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch {
      return send(refusalMessage(null, new BrokerError('bad_request', 'Each line must be one JSON object.')));
    }
    const id = typeof (raw as { id?: unknown })?.id === 'number' ? (raw as { id: number }).id : null;
    const parsed = requestMessageSchema.safeParse(raw);
    if (!parsed.success) {
      const tooBig = parsed.error.issues.some((i) => i.code === 'too_big');
      return send(refusalMessage(id, new BrokerError(tooBig ? 'too_large' : 'bad_request', 'The request is not in the expected form.', {
        issues: parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(message)'}: ${i.message}`),
      })));
    }
    this.handle(session, parsed.data).then(
      (result) => send({ id: parsed.data.id, ok: true, result }),
      (error: unknown) => send(refusalMessage(parsed.data.id, error)),
    );
  }

  private async handle(session: BrokerSession, message: RequestMessage): Promise<unknown> {
    if (message.method === 'hello') {
      session.helloed = true;
      return this.hello(session, message.params.tool, message.params.secret, message.params.secretStore);
    }
    if (!session.helloed) throw new BrokerError('bad_request', 'Say `hello` with the tool’s name first.');
    switch (message.method) {
      case 'list':
        return this.list(session);
      case 'request':
        return this.inFlight.track(session, message.id, (controller) => this.request(session, message.params, controller.signal));
      case 'call': {
        const tool = this.toolOf(session);
        const program = programOf(session);
        // Known after the session's first call: then nothing is awaited before the call is admitted.
        return this.inFlight.track(session, message.id, (controller) =>
          typeof program === 'string' ? this.pipeline.call(tool, message.params, controller, program) : program.then((known) => this.pipeline.call(tool, message.params, controller, known)),
        );
      }
      case 'tool-call': {
        const tool = this.toolOf(session);
        const program = await programOf(session);
        return this.inFlight.track(session, message.id, (controller) => this.pipeline.toolCall(tool, message.params, controller, program));
      }
      case 'cancel':
        return { cancelled: this.inFlight.cancel(session, message.params.id) };
      case 'token':
        return this.pipeline.token(this.toolOf(session), message.params.connectionId, message.params.action, await programOf(session));
    }
  }

  /** `hello`: a tool presenting a secret becomes that tool, whatever name it gives. */
  private hello(session: BrokerSession, name: string, secret: string | undefined, secretStore: SecretStore | undefined): { tool: string; known: boolean } {
    session.claimedName = name;
    session.secretStore = secretStore;
    const tool = secret === undefined ? undefined : this.toolStore.bySecret(secret);
    if (tool) {
      session.toolId = tool.id;
      notePeer(this.toolStore, tool.id, session, () => this.clock.now());
      if (secretStore) this.toolStore.saidSecretStore(tool.id, secretStore);
    } else delete session.toolId;
    return { tool: tool?.name ?? name, known: tool !== undefined };
  }

  /** What this tool may use; nothing at all for a tool without a secret. */
  private async list(session: BrokerSession): Promise<ListResult> {
    const tool = this.toolOf(session);
    if (!tool) return { connections: [], tokenHandout: false };
    const now = this.clock.now();
    const valid = tool.approvals.filter((a) => a.expiresAt === undefined || Date.parse(a.expiresAt) > now.getTime());
    const connectionIds = [...new Set(valid.map((a) => a.connectionId))];
    // The tools of the MCP servers among them, as the servers list them now (one that cannot answer lists none).
    await listRemoteTools(this.connections.remote, connectionIds);
    const connections = connectionIds.flatMap((connectionId) => {
      const record = this.connections.record(connectionId);
      const info = this.connections.providerOf(record);
      if (!record || !info) return [];
      const status = explainActions(info, record.grantedScopes);
      const server = this.connections.remote?.serverFor(record.id);
      return [
        {
          id: record.id,
          providerId: record.providerId,
          providerName: info.name,
          account: record.account,
          state: record.state,
          actions: valid
            .filter((a) => a.connectionId === connectionId)
            .flatMap((a) => {
              const action = this.connections.actionOf(record, info, a.actionId);
              if (!action) return [];
              const remoteTool = server && this.connections.remote?.cached(record.id)?.find((t) => t.name === action.id);
              return [
                {
                  id: action.id,
                  title: action.title,
                  mode: a.mode,
                  ...(a.expiresAt ? { expiresAt: a.expiresAt } : {}),
                  available: record.state === 'connected' && (remoteTool !== undefined || (status.find((s) => s.id === action.id)?.available ?? false)),
                  tokenHandout: a.handout !== undefined,
                  ...(a.resource ? { resource: a.resource } : {}),
                  operations: (action.operations ?? []).map(({ method, url, body }) => ({ method, url, ...(body ? { body } : {}) })),
                  ...(action.effect ? { effect: action.effect } : {}),
                  ...(remoteTool ? { tool: listedTool(remoteTool) } : {}),
                },
              ];
            }),
          ...(server ? { mcpServer: { name: server.name } } : {}),
        },
      ];
    });
    return { connections, tokenHandout: valid.some((a) => a.handout !== undefined) };
  }

  /** `request`: asks the person for actions on a connection (or on an account of a provider). */
  private async request(session: BrokerSession, asked: RequestParams, signal: AbortSignal): Promise<RequestResult> {
    this.pause.check();
    const policy = this.policy.current();
    assertApprovalAllowed(policy, undefined);
    const handoutRefused = asked.tokenHandout === true ? handoutBlock(policy) : undefined;
    // A server named as the person names it is its connection(s); its tools are listed first (they are its actions); no token handout for one.
    const target = await namedServer(this.connections.remote, asked);
    await prepareRequest(this.connections.remote, target);
    const { info, connection, candidates } = this.connections.target(target);
    const actions = target.actions.map((actionId) => this.connections.callableAction(info, actionId, connection?.id));
    // New actions off on the named connection are refused here; on an account the person picks, at the call (and the handout).
    if (connection) for (const action of actions) this.connections.reviewed(connection, info, action);
    await this.connections.requestable(info, connection, this.toolOf(session)?.name ?? session.claimedName, actions);
    const limit = asked.resource && requestedLimit(info, actions, asked.resource);
    const tool = this.toolOf(session);
    const shown = connection ?? candidates[0];
    const peer = await peerOf(session);
    const draft = {
      kind: 'access' as const,
      tool: askingTool(this.toolStore, tool, session.claimedName, peer),
      ...(asked.reason ? { reason: asked.reason } : {}),
      providerName: info.name,
      ...(connection ? { connection: connectionView(connection, info) } : {}),
      candidates: connection ? [] : candidates.map((c) => connectionView(c, info)),
      actions: actions.map((a) => ({
        id: a.id,
        title: a.title,
        needs: explainScopes(info, a.scopes, shown?.grantedScopes ?? []).map((e) => ({
          scope: e.scope,
          title: e.title,
          granted: explainActions(info, shown?.grantedScopes ?? []).find((s) => s.id === a.id)?.missingScopes.includes(e.scope) === false,
        })),
        ...(a.effect ? { effect: a.effect } : {}),
      })),
      // A handout the policy refuses is not offered: the dialog says why instead.
      tokenHandout: asked.tokenHandout === true && handoutRefused === undefined,
      ...(asked.tokenHandout && !handoutRefused ? { handout: handoutOffer(info, connection ? [connection] : candidates) } : {}),
      ...(handoutRefused ? { handoutBlocked: blockedText(handoutRefused) } : {}),
      ...(limit ? { resource: limit } : {}),
      ...(policy.maxApproval ? { longest: policy.maxApproval.mode } : {}),
    };
    const answer = await this.desk.ask(draft, signal);
    if (answer.decision === 'deny') throw new BrokerError('denied', `The person did not allow “${draft.tool.name}” to do this.`);
    const connectionId = connection?.id ?? answer.connectionId!;
    const now = this.clock.now();
    let secret: string | undefined;
    let toolId = tool?.id;
    if (!toolId) {
      const created = this.toolStore.create(session.claimedName, now, executableOf(peer), session.secretStore);
      toolId = created.tool.id;
      secret = created.secret;
      session.toolId = toolId;
    }
    const mode = MODE_OF[answer.decision];
    // The policy as it is now (it may have changed while the person read the question), and never only the window's word.
    assertApprovalAllowed(this.policy.current(), mode);
    // The grant as the dialog listed it, for a handout that cannot be narrowed.
    const shownGrant = (connection ?? candidates.find((c) => c.id === connectionId))?.grantedScopes ?? [];
    // Limited unless the person chose "Any …" (the dialog's default); never with tokens (approvals.ts refused that answer).
    const resource = asked.resource && answer.anyResource !== true ? asked.resource : undefined;
    const handouts = draft.handout && answer.tokenHandout === true && !resource ? handoutsFor(draft.handout.narrowed, actions, shownGrant, mode) : {};
    const updated = this.toolStore.approve(toolId, connectionId, target.actions, mode, handouts, now, resource);
    this.sessions.changed(toolId);
    const expiresAt = updated.approvals.find((a) => a.connectionId === connectionId)?.expiresAt;
    return { connectionId, actions: target.actions, mode, ...(expiresAt ? { expiresAt } : {}), ...(resource ? { resource } : {}), ...(secret ? { secret } : {}) };
  }

  private toolOf(session: BrokerSession): ToolRecord | undefined {
    return session.toolId === undefined ? undefined : this.toolStore.byId(session.toolId);
  }
}
