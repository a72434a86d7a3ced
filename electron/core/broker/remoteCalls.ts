import { scopesAsked } from '../remoteMcp/errors';
import type { RemoteTools } from '../remoteMcp/remoteTools';
import type { Admission } from './admission';
import type { ApprovalDesk } from './approvals';
import { confirmCall, confirmsEachCall } from './confirmations';
import type { ConnectionLookup } from './connections';
import { BrokerError, type ToolCallParams, type ToolCallResult } from './protocol';
import { remoteRefusal, toolAction } from './remoteActions';
import type { ScopeUpgrades } from './scopeUpgrades';
import type { ToolRecord } from './toolStore';
import type { PolicyReader } from '../policy/policy';

export type AdmittedToolCall = ReturnType<RemoteCalls['admitted']>;

/**
 * A tool's call of a remote MCP server's tool (`tool-call`), proxied through Scopekeeper's own
 * session with Scopekeeper's token: admitted as it arrives like any call (admission.ts: the
 * approval in force, an Allow once used up there), then the person's confirmation for a
 * destructive tool under a standing approval, then the server; a 403 insufficient_scope becomes
 * the usual step-up (scopeUpgrades.ts, with the scopes the server asked for) and the call is made
 * once more.
 */
export class RemoteCalls {
  constructor(
    private readonly connections: ConnectionLookup,
    private readonly upgrades: ScopeUpgrades,
    private readonly desk: Pick<ApprovalDesk, 'ask'>,
    private readonly policy: PolicyReader,
  ) {}

  /** Checks connection and approval, and admits the call; nothing here awaits. */
  admitted(tool: ToolRecord, params: ToolCallParams, admission: Admission) {
    // A removed connection took its approvals along: say that it is gone, not that nothing was approved.
    if (!this.connections.record(params.connectionId)) this.connections.liveRecord(params.connectionId);
    const server = this.connections.remote?.serverFor(params.connectionId);
    if (!server) throw new BrokerError('bad_request', 'This connection is not on an MCP server: call its actions with `call`.');
    const approval = admission.check(tool, params.connectionId, params.tool);
    const record = this.connections.liveRecord(params.connectionId);
    const info = this.connections.providerInfo(record);
    admission.admit(tool, approval);
    return { approval, record, info, server, url: new URL(server.url), name: params.tool, args: params.arguments ?? {} };
  }

  /** An admitted call: the tool as the server lists it now, the confirmation it needs, then the server (step-up and once more on 403). */
  async forward(tool: ToolRecord, call: AdmittedToolCall, signal: AbortSignal, program?: string): Promise<ToolCallResult> {
    const remote = this.remoteTools();
    const listed = (await this.attempt(() => remote.tools(call.record.id))).find((t) => t.name === call.name);
    if (!listed) throw new BrokerError('bad_request', `${call.server.name} no longer offers the tool “${call.name}”.`);
    const action = toolAction(listed);
    if (confirmsEachCall(call.approval, action, this.policy.current(), call.info.id)) {
      await confirmCall(this.desk, { tool, record: call.record, info: call.info, action, method: 'MCP', url: call.url }, signal);
    }
    try {
      return (await remote.call(call.record.id, call.name, call.args, signal, call.record.grantedScopes)) as ToolCallResult;
    } catch (error) {
      const scopes = scopesAsked(error);
      if (scopes.length === 0) throw remoteRefusal(error);
      // The usual plan, with the scopes the server asked for; the person confirms it in the window.
      const record = await this.upgrades.ensure(tool, this.connections.liveRecord(call.record.id), call.info, { ...action, scopes }, signal, program);
      return (await this.attempt(() => remote.call(record.id, call.name, call.args, signal, record.grantedScopes))) as ToolCallResult;
    }
  }

  private async attempt<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw remoteRefusal(error);
    }
  }

  private remoteTools(): RemoteTools {
    const remote = this.connections.remote;
    if (!remote) throw new BrokerError('bad_request', 'No MCP server is set up here.');
    return remote;
  }
}
