import type { BrokerApprovalRequest, BrokerDecision, BrokerToolView, ConnectionUsage } from '../../../shared/ipc/contract';
import { getBridge } from '../bridge';
import { call } from './call';
import type { LoadStatus, SliceCreator } from './types';

/**
 * Tools and agents that act through Scopekeeper: the questions they ask the person (oldest first),
 * and the tools the person approved, for the Tools view. The main process pushes questions as
 * events and is the source of truth for the rest.
 */
export interface BrokerSlice {
  approvals: BrokerApprovalRequest[];
  /** True while an answer is on its way, so the dialog's buttons are not pressed twice. */
  answering: boolean;
  tools: BrokerToolView[];
  toolsLoadStatus: LoadStatus;
  /** What tools did with a connection ("Used by", its calls), for the connections shown so far. */
  usage: Record<string, ConnectionUsage>;

  loadApprovals(): Promise<void>;
  addApproval(request: BrokerApprovalRequest): void;
  removeApproval(requestId: string): void;
  /** Answers the oldest question. `connectionId` is the account chosen when the tool named none. */
  answerApproval(requestId: string, decision: BrokerDecision, options?: { connectionId?: string; tokenHandout?: boolean }): Promise<void>;
  loadTools(): Promise<void>;
  /** Takes back one action on one connection, or (both omitted) the whole tool. */
  revokeTool(toolId: string, connectionId?: string, actionId?: string): Promise<void>;
  /** Whether each call of an approved action that sends, deletes or shares is confirmed first. */
  setConfirmEachCall(toolId: string, connectionId: string, actionId: string, confirm: boolean): Promise<void>;
  loadUsage(connectionId: string): Promise<void>;
  /** Tools called through these connections: refresh what the window shows of them. */
  toolsUsed(connectionIds: readonly string[]): void;
}

export const createBrokerSlice: SliceCreator<BrokerSlice> = (set, get) => ({
  approvals: [],
  answering: false,
  tools: [],
  toolsLoadStatus: 'idle',
  usage: {},

  async loadApprovals() {
    const result = await call(() => getBridge().broker.pending());
    if (result.ok) set({ approvals: result.value });
  },

  addApproval(request) {
    set((state) => ({ approvals: [...state.approvals.filter((a) => a.requestId !== request.requestId), request] }));
  },

  removeApproval(requestId) {
    set((state) => ({ approvals: state.approvals.filter((a) => a.requestId !== requestId) }));
  },

  async answerApproval(requestId, decision, options = {}) {
    set({ answering: true });
    const result = await call(() =>
      getBridge().broker.answer({
        requestId,
        decision,
        ...(options.connectionId ? { connectionId: options.connectionId } : {}),
        ...(options.tokenHandout !== undefined ? { tokenHandout: options.tokenHandout } : {}),
      }),
    );
    set({ answering: false });
    // Answered, or already gone (timed out, withdrawn): either way the question is over.
    get().removeApproval(requestId);
    if (!result.ok && result.error.code !== 'PLAN_STALE') get().reportError(result.error);
  },

  async loadTools() {
    set({ toolsLoadStatus: 'loading' });
    const result = await call(() => getBridge().broker.tools());
    if (result.ok) set({ tools: result.value, toolsLoadStatus: 'ready' });
    else {
      set({ toolsLoadStatus: 'error' });
      get().reportError(result.error);
    }
  },

  async revokeTool(toolId, connectionId, actionId) {
    const result = await call(() =>
      getBridge().broker.revoke({ toolId, ...(connectionId ? { connectionId } : {}), ...(actionId ? { actionId } : {}) }),
    );
    if (!result.ok) get().reportError(result.error);
    await get().loadTools();
  },

  async setConfirmEachCall(toolId, connectionId, actionId, confirm) {
    const result = await call(() => getBridge().broker.confirmEachCall({ toolId, connectionId, actionId, confirm }));
    if (!result.ok) get().reportError(result.error);
    await get().loadTools();
  },

  async loadUsage(connectionId) {
    const result = await call(() => getBridge().broker.usage({ connectionId }));
    // A connection removed meanwhile has nothing to show; other errors are not worth a notice here.
    if (result.ok) set((state) => ({ usage: { ...state.usage, [connectionId]: result.value } }));
  },

  toolsUsed(connectionIds) {
    const { usage, toolsLoadStatus } = get();
    for (const connectionId of connectionIds) if (connectionId in usage) void get().loadUsage(connectionId);
    if (toolsLoadStatus !== 'idle') void get().loadTools();
  },
});
