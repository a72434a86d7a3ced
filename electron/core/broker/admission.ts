import type { Clock } from '../ports';
import { APPROVAL_TIME_BOXES, TIME_BOX_LABELS } from '../../../shared/timeBox';
import { BrokerError } from './protocol';
import type { ToolSessions } from './sessions';
import type { Approval, ToolRecord, ToolStore } from './toolStore';

/**
 * Whether a call may go ahead under what the person approved, decided once, when the call
 * arrives: the approval must be in force at that instant (a call admitted before a 7-day
 * approval ends finishes; one arriving at its end is refused), and an "Allow once" approval is
 * used up right there, in the same turn of the event loop and in the tool store's file, before
 * anything the call awaits. However many calls arrive together, one is admitted under it; a
 * restart cannot bring it back.
 *
 * A once-approval is spent on admission even when its call then fails before reaching the
 * provider (a refused token refresh, a step-up the person declines): the person allowed one
 * call, and that call was made.
 */
export class Admission {
  /** Approvals used up by a call in this run (tool, connection, action): why the next call is refused. */
  private readonly usedOnce = new Set<string>();

  constructor(
    private readonly toolStore: ToolStore,
    private readonly sessions: ToolSessions,
    private readonly clock: Clock,
  ) {}

  /** The approval in force for this call, or a `not_approved` refusal saying why there is none. */
  check(tool: ToolRecord, connectionId: string, actionId: string): Approval {
    // The record as stored now, never a copy taken before an await.
    const current = this.toolStore.byId(tool.id) ?? { ...tool, approvals: [] };
    const approval = this.toolStore.approval(current, connectionId, actionId, this.clock.now());
    if (approval) return approval;
    const ended = current.approvals.find((a) => a.connectionId === connectionId && a.actionId === actionId);
    if (ended?.expiresAt) {
      const allowed = ended.mode === 'once' || ended.mode === 'always' ? '' : ` (you allowed it for ${TIME_BOX_LABELS[APPROVAL_TIME_BOXES[ended.mode]]})`;
      throw new BrokerError('not_approved', `“${tool.name}”’s approval for “${actionId}” on this connection ended at ${ended.expiresAt}${allowed}. Ask again with \`request\`.`);
    }
    if (this.usedOnce.has(key(tool.id, connectionId, actionId))) {
      throw new BrokerError('not_approved', `The one-time approval for “${actionId}” on this connection was already used by another call of “${tool.name}”. Ask again with \`request\`.`);
    }
    throw new BrokerError('not_approved', `“${tool.name}” has no approval for “${actionId}” on this connection. Ask with \`request\`.`);
  }

  /** The call goes ahead: an 'once' approval is used up now (and the tool and the window hear of it). */
  admit(tool: ToolRecord, approval: Approval): void {
    if (approval.mode !== 'once') return;
    this.toolStore.useOnce(tool.id, approval.connectionId, approval.actionId);
    this.usedOnce.add(key(tool.id, approval.connectionId, approval.actionId));
    this.sessions.changed(tool.id);
  }
}

function key(toolId: string, connectionId: string, actionId: string): string {
  return `${toolId} ${connectionId} ${actionId}`;
}
