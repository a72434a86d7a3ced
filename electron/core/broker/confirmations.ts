import type { ActionInfo, ProviderInfo } from '../../../shared/catalog';
import type { ConnectionRecord } from '../vault/schema';
import type { ApprovalDesk } from './approvals';
import { connectionView } from './connections';
import { BrokerError } from './protocol';
import type { Approval, ToolRecord } from './toolStore';
import { confirmRule } from '../../../shared/policy/decide';
import type { PolicyInForce } from '../../../shared/policy/inForce';

/**
 * Whether the person confirms this call first: the action sends, deletes or shares (the
 * catalog's `effect`), the approval is a standing one (7 days or always: "Allow once" was already
 * a question about one call), and the person has not turned confirming off for it.
 */
export function confirmsEachCall(approval: Approval, action: ActionInfo, policy: PolicyInForce, providerId: string): boolean {
  // The managed policy's always-confirm actions: every call, whatever the approval or the person's setting says.
  if (confirmRule(policy, providerId, action.id) !== undefined) return true;
  return action.effect !== undefined && approval.mode !== 'once' && approval.confirmEachCall !== false;
}

export interface ConfirmedCall {
  tool: ToolRecord;
  record: ConnectionRecord;
  info: ProviderInfo;
  action: ActionInfo;
  method: string;
  url: URL;
}

/** Asks the person about this one call (who, which account, which action, method, host and path) and waits. */
export async function confirmCall(desk: Pick<ApprovalDesk, 'ask'>, call: ConfirmedCall, signal: AbortSignal): Promise<void> {
  const { tool, record, info, action } = call;
  const answer = await desk.ask(
    {
      kind: 'confirm',
      tool: { name: tool.name, known: true },
      providerName: info.name,
      connection: connectionView(record, info),
      candidates: [],
      actions: [{ id: action.id, title: action.title, needs: [], ...(action.effect ? { effect: action.effect } : {}) }],
      call: { method: call.method, host: call.url.host, path: call.url.pathname },
      tokenHandout: false,
    },
    signal,
  );
  if (answer.decision === 'deny') throw new BrokerError('denied', `The person did not allow this call of “${action.title}”.`);
}
