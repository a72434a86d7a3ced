import type { BrokerApprovalClosed, BrokerApprovalRequest, BrokerDecision, BrokerHandedOutView, BrokerToolView, ConnectionUsage, ToolSetup } from '../../../shared/ipc/contract';
import { getBridge } from '../bridge';
import { call } from './call';
import { PLACES } from './places';
import type { GetState, LoadStatus, SetState, SliceCreator } from './types';

/** With the decision: the account chosen, the token handout, and whether any resource instead of the one the tool named. */
export interface AnswerOptions {
  connectionId?: string;
  tokenHandout?: boolean;
  anyResource?: boolean;
}

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
  /** After a Revoke: the tokens already given for what was revoked that keep working; null when none. */
  stillWorking: StillWorking | null;
  /** How to connect a tool to this app (the command, an MCP host's entry), from the main process. */
  toolSetup: ToolSetup | null;
  /** Some tool was approved (listed, or revoked) since the window opened: an empty list then means "none now", not "none yet". */
  toolsApprovedBefore: boolean;

  loadApprovals(): Promise<void>;
  addApproval(request: BrokerApprovalRequest): void;
  removeApproval(requestId: string): void;
  /**
   * The main process closed a question. The one in front of the person, ended without their
   * answer (the tool stopped waiting, or it expired), is said so where they were looking.
   */
  approvalClosed(closed: BrokerApprovalClosed): void;
  /** Answers the oldest question. `connectionId` is the account chosen when the tool named none. */
  answerApproval(requestId: string, decision: BrokerDecision, options?: AnswerOptions): Promise<void>;
  loadTools(): Promise<void>;
  loadToolSetup(): Promise<void>;
  /** Takes back one action on one connection, or (both omitted) the whole tool. */
  revokeTool(toolId: string, connectionId?: string, actionId?: string): Promise<void>;
  dismissStillWorking(): void;
  /** Whether each call of an approved action that sends, deletes or shares is confirmed first. */
  setConfirmEachCall(toolId: string, connectionId: string, actionId: string, confirm: boolean): Promise<void>;
  loadUsage(connectionId: string): Promise<void>;
  /** Tools called through these connections: refresh what the window shows of them. */
  toolsUsed(connectionIds: readonly string[]): void;
}

/** Tokens given to the tool `toolName` that its revoked approvals did not end (see handout.ts in core). */
export interface StillWorking {
  toolId: string;
  toolName: string;
  tokens: BrokerHandedOutView[];
  /** What was revoked, as the result says it ("Revoked “Read your files” for “notes-agent”: …"). */
  revoked: string;
}

export const createBrokerSlice: SliceCreator<BrokerSlice> = (set, get) => ({
  approvals: [],
  answering: false,
  tools: [],
  toolsLoadStatus: 'idle',
  usage: {},
  stillWorking: null,
  toolSetup: null,
  toolsApprovedBefore: false,

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

  approvalClosed({ requestId, outcome }) {
    const shown = get().approvals[0];
    get().removeApproval(requestId);
    if (outcome !== 'answered' && shown?.requestId === requestId) get().showNotice(endedText(shown.tool.name, outcome), null, 'warning');
  },

  answerApproval(requestId, decision, options = {}) {
    return answerApproval(set, get, requestId, decision, options);
  },

  async loadTools() {
    set({ toolsLoadStatus: 'loading' });
    const result = await call(() => getBridge().broker.tools());
    if (result.ok) set((state) => ({ tools: result.value, toolsLoadStatus: 'ready', toolsApprovedBefore: state.toolsApprovedBefore || result.value.length > 0 }));
    else {
      set({ toolsLoadStatus: 'error' });
      get().reportError(result.error);
    }
  },

  async loadToolSetup() {
    const result = await call(() => getBridge().broker.setup());
    // Without it the view still says how, only without the ready-made configuration.
    if (result.ok) set({ toolSetup: result.value });
  },

  revokeTool(toolId, connectionId, actionId) {
    return revokeTool(set, get, toolId, connectionId, actionId);
  },

  dismissStillWorking() {
    set({ stillWorking: null });
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

/** Takes back what the person chose, and says so where they acted (PLACES.tools / toolApprovals). */
async function revokeTool(set: SetState, get: GetState, toolId: string, connectionId?: string, actionId?: string): Promise<void> {
  const result = await call(() =>
    getBridge().broker.revoke({ toolId, ...(connectionId ? { connectionId } : {}), ...(actionId ? { actionId } : {}) }),
  );
  const tool = get().tools.find((t) => t.id === toolId);
  const toolName = tool?.name ?? '';
  const whole = connectionId === undefined && actionId === undefined;
  const revoked = revokedText(toolName, whole ? undefined : tool?.approvals.find((a) => a.connectionId === connectionId && a.actionId === actionId)?.actionTitle);
  const tokens = result.ok ? result.value.stillWorking : [];
  if (result.ok) set({ stillWorking: tokens.length > 0 ? { toolId, toolName, tokens, revoked } : null, toolsApprovedBefore: true });
  await get().loadTools();
  // Said once the list is back, when the button pressed is gone: the message then finds focus lost
  // and takes it (Feedback), instead of showing while the button still has focus, then losing it.
  // Whole: the tool's detail goes with it, so the result shows at the top of the Tools pane.
  const place = whole ? PLACES.tools : PLACES.toolApprovals(toolId);
  if (!result.ok) get().reportError(result.error, undefined, undefined, place);
  // Tokens that keep working make the result a warning of its own (StillWorking), which says this too.
  else if (tokens.length > 0) get().dismissNotice();
  else get().showNotice(revoked, place, 'success');
}

/** What the person reads beside what they revoked. */
function revokedText(toolName: string, actionTitle: string | undefined): string {
  return actionTitle === undefined
    ? `Revoked “${toolName}”: it can no longer act for you.`
    : `Revoked “${actionTitle}” for “${toolName}”: it can no longer do that for you.`;
}

/** The person's answer, sent; the question leaves the window whatever the outcome. */
async function answerApproval(
  set: SetState,
  get: GetState,
  requestId: string,
  decision: BrokerDecision,
  options: AnswerOptions,
): Promise<void> {
  set({ answering: true });
  const result = await call(() =>
    getBridge().broker.answer({
      requestId,
      decision,
      ...(options.connectionId ? { connectionId: options.connectionId } : {}),
      ...(options.tokenHandout !== undefined ? { tokenHandout: options.tokenHandout } : {}),
      ...(options.anyResource !== undefined ? { anyResource: options.anyResource } : {}),
    }),
  );
  set({ answering: false });
  // Answered, or already gone (timed out, withdrawn): either way the question is over.
  const unheard = get().approvals.some((a) => a.requestId === requestId);
  get().removeApproval(requestId);
  if (result.ok) return;
  if (result.error.code !== 'PLAN_STALE') get().reportError(result.error);
  // Gone before the answer arrived, and the window not yet told (else it said why already).
  else if (unheard) get().showNotice('That question had already ended (the tool stopped waiting, or it expired), so nothing was allowed.', null, 'warning');
}

/** What the person reads when the question in front of them ended without their answer. */
function endedText(tool: string, outcome: Exclude<BrokerApprovalClosed['outcome'], 'answered'>): string {
  return outcome === 'withdrawn'
    ? `“${tool}” stopped waiting for your answer, so its question was closed and nothing was allowed.`
    : `The question expired before you answered, so “${tool}” was not allowed anything; it can ask again.`;
}
