import type { EventChannel, InvokeChannel } from './channels';
import type { Result } from './errors';
import type { EventPayload, RequestOf, ResponseOf } from './contract';
import { listAskedEarly } from './early';

/** What a host must provide: Electron's ipcRenderer in the preload, or the headless shim. */
export interface IpcTransport {
  invoke(channel: InvokeChannel, payload: unknown): Promise<unknown>;
  /** Subscribe to a pushed event; returns the unsubscribe function. */
  on(channel: EventChannel, listener: (payload: unknown) => void): () => void;
}

type Invoker<C extends InvokeChannel> =
  RequestOf<C> extends undefined
    ? () => Promise<Result<ResponseOf<C>>>
    : undefined extends RequestOf<C>
      ? (request?: RequestOf<C>) => Promise<Result<ResponseOf<C>>>
      : (request: RequestOf<C>) => Promise<Result<ResponseOf<C>>>;

type Subscriber<E extends EventChannel> = (listener: (payload: EventPayload<E>) => void) => () => void;

/** The one object the renderer sees as `window.scopekeeper`. Named functions only. */
export interface ScopekeeperApi {
  app: {
    status: Invoker<'app:status'>;
    setSandbox: Invoker<'settings:set-sandbox'>;
    showInFolder: Invoker<'app:show-in-folder'>;
    installCommand: Invoker<'app:install-command'>;
    notifications: Invoker<'settings:notifications'>;
    setNotifications: Invoker<'settings:set-notifications'>;
    newActions: Invoker<'settings:new-actions'>;
    setNewActions: Invoker<'settings:set-new-actions'>;
  };
  providers: {
    list: Invoker<'providers:list'>;
    add: Invoker<'providers:add'>;
    addMcp: Invoker<'providers:add-mcp'>;
    cancelAddMcp: Invoker<'providers:cancel-add-mcp'>;
    editServer: Invoker<'providers:edit-server'>;
    removeServer: Invoker<'providers:remove-server'>;
    setClient: Invoker<'providers:set-client'>;
    clearClient: Invoker<'providers:clear-client'>;
  };
  grants: {
    list: Invoker<'grants:list'>;
    detail: Invoker<'grants:detail'>;
    connect: Invoker<'grants:connect'>;
    cancelFlow: Invoker<'grants:cancel-flow'>;
    openDevicePage: Invoker<'grants:open-device-page'>;
    forget: Invoker<'grants:forget'>;
    reconnect: Invoker<'grants:reconnect'>;
    setScopeMode: Invoker<'grants:set-scope-mode'>;
    saveFixedList: Invoker<'grants:save-fixed-list'>;
    reviewActions: Invoker<'grants:review-actions'>;
    check: Invoker<'grants:check'>;
    planChange: Invoker<'grants:plan-change'>;
    planAction: Invoker<'grants:plan-action'>;
    planDisconnect: Invoker<'grants:plan-disconnect'>;
    applyPlan: Invoker<'grants:apply-plan'>;
    planRemoveAll: Invoker<'grants:plan-remove-all'>;
    applyRemoveAll: Invoker<'grants:apply-remove-all'>;
    export: Invoker<'grants:export'>;
  };
  history: { listRemoved: Invoker<'history:list-removed'> };
  background: {
    get: Invoker<'background:get'>;
    set: Invoker<'background:set'>;
    pauseTools: Invoker<'background:pause-tools'>;
  };
  broker: {
    pending: Invoker<'broker:pending'>;
    answer: Invoker<'broker:answer'>;
    tools: Invoker<'broker:tools'>;
    usage: Invoker<'broker:usage'>;
    revoke: Invoker<'broker:revoke'>;
    confirmEachCall: Invoker<'broker:confirm-each-call'>;
    setup: Invoker<'broker:setup'>;
  };
  review: {
    list: Invoker<'review:list'>;
    dismiss: Invoker<'review:dismiss'>;
    setUnusedDays: Invoker<'review:set-unused-days'>;
  };
  policy: { get: Invoker<'policy:get'> };
  remote: { tools: Invoker<'remote:tools'> };
  events: {
    onFlowProgress: Subscriber<'flow:progress'>;
    onGrantsChanged: Subscriber<'grants:changed'>;
    onChangeProgress: Subscriber<'change:progress'>;
    onRemoveAllProgress: Subscriber<'grants:remove-all-progress'>;
    onBrokerApprovalRequested: Subscriber<'broker:approval-requested'>;
    onBrokerApprovalClosed: Subscriber<'broker:approval-closed'>;
    onBrokerChanged: Subscriber<'broker:changed'>;
    onBrokerUsed: Subscriber<'broker:used'>;
    onRemoteToolsChanged: Subscriber<'remote:tools-changed'>;
    onBrokerStepUpEnded: Subscriber<'broker:step-up-ended'>;
    onBackgroundChanged: Subscriber<'background:changed'>;
    onAppOpen: Subscriber<'app:open'>;
    onPolicyChanged: Subscriber<'policy:changed'>;
  };
}

export interface ApiOptions {
  /**
   * Ask for the connection list at once, while the window's own code still loads, and give that
   * answer to the window's first `grants.list()` (see early.ts). The preload sets it.
   */
  listEarly?: boolean;
}

export function createScopekeeperApi(transport: IpcTransport, options: ApiOptions = {}): ScopekeeperApi {
  // The main process answers every invoke with a Result; it never rejects on purpose.
  const call = (channel: InvokeChannel) => (request?: unknown): Promise<never> => transport.invoke(channel, request) as Promise<never>;
  const earlyList = options.listEarly === true ? listAskedEarly(transport) : undefined;

  return {
    app: {
      status: call('app:status'),
      setSandbox: call('settings:set-sandbox'),
      showInFolder: call('app:show-in-folder'),
      installCommand: call('app:install-command'),
      notifications: call('settings:notifications'),
      setNotifications: call('settings:set-notifications'),
      newActions: call('settings:new-actions'),
      setNewActions: call('settings:set-new-actions'),
    },
    providers: {
      list: call('providers:list'),
      add: call('providers:add'),
      addMcp: call('providers:add-mcp'),
      cancelAddMcp: call('providers:cancel-add-mcp'),
      editServer: call('providers:edit-server'),
      removeServer: call('providers:remove-server'),
      setClient: call('providers:set-client'),
      clearClient: call('providers:clear-client'),
    },
    grants: {
      list: earlyList === undefined ? call('grants:list') : (request?: RequestOf<'grants:list'>) => earlyList(request) as Promise<never>,
      detail: call('grants:detail'),
      connect: call('grants:connect'),
      cancelFlow: call('grants:cancel-flow'),
      openDevicePage: call('grants:open-device-page'),
      forget: call('grants:forget'),
      reconnect: call('grants:reconnect'),
      setScopeMode: call('grants:set-scope-mode'),
      saveFixedList: call('grants:save-fixed-list'),
      reviewActions: call('grants:review-actions'),
      check: call('grants:check'),
      planChange: call('grants:plan-change'),
      planAction: call('grants:plan-action'),
      planDisconnect: call('grants:plan-disconnect'),
      applyPlan: call('grants:apply-plan'),
      planRemoveAll: call('grants:plan-remove-all'),
      applyRemoveAll: call('grants:apply-remove-all'),
      export: call('grants:export'),
    },
    history: { listRemoved: call('history:list-removed') },
    background: { get: call('background:get'), set: call('background:set'), pauseTools: call('background:pause-tools') },
    broker: {
      pending: call('broker:pending'),
      answer: call('broker:answer'),
      tools: call('broker:tools'),
      usage: call('broker:usage'),
      revoke: call('broker:revoke'),
      confirmEachCall: call('broker:confirm-each-call'),
      setup: call('broker:setup'),
    },
    review: { list: call('review:list'), dismiss: call('review:dismiss'), setUnusedDays: call('review:set-unused-days') },
    policy: { get: call('policy:get') },
    remote: { tools: call('remote:tools') },
    events: eventsOf(transport),
  };
}

/** The pushed events, each a subscription that returns its unsubscribe. */
function eventsOf(transport: IpcTransport): ScopekeeperApi['events'] {
  const subscribe =
    (channel: EventChannel) =>
    (listener: (payload: never) => void): (() => void) =>
      transport.on(channel, listener as (payload: unknown) => void);
  return {
    onFlowProgress: subscribe('flow:progress'),
    onGrantsChanged: subscribe('grants:changed'),
    onChangeProgress: subscribe('change:progress'),
    onRemoveAllProgress: subscribe('grants:remove-all-progress'),
    onBrokerApprovalRequested: subscribe('broker:approval-requested'),
    onBrokerApprovalClosed: subscribe('broker:approval-closed'),
    onBrokerChanged: subscribe('broker:changed'),
    onBrokerUsed: subscribe('broker:used'),
    onRemoteToolsChanged: subscribe('remote:tools-changed'),
    onBrokerStepUpEnded: subscribe('broker:step-up-ended'),
    onBackgroundChanged: subscribe('background:changed'),
    onAppOpen: subscribe('app:open'),
    onPolicyChanged: subscribe('policy:changed'),
  };
}
