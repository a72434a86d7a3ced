/**
 * Channel names only, free of zod, so the sandboxed preload bundle stays tiny.
 * `contract.ts` attaches a schema to each; a test keeps the two lists identical.
 */
export const INVOKE_CHANNELS = [
  'app:status',
  'providers:list',
  'grants:list',
  'grants:connect',
  'grants:cancel-flow',
  'grants:open-device-page',
  'grants:forget',
  'grants:reconnect',
  'grants:check',
  'grants:plan-change',
  'grants:plan-action',
  'grants:plan-disconnect',
  'grants:apply-plan',
  'grants:export',
  'history:list-removed',
  'providers:add',
  'providers:edit-server',
  'providers:remove-server',
  'providers:set-client',
  'providers:clear-client',
  'settings:set-sandbox',
  'app:show-in-folder',
  'app:install-command',
  'broker:pending',
  'broker:answer',
  'broker:tools',
  'broker:usage',
  'broker:revoke',
  'broker:confirm-each-call',
  'broker:setup',
  'review:list',
  'review:dismiss',
  'review:set-unused-days',
] as const;
export type InvokeChannel = (typeof INVOKE_CHANNELS)[number];

export const EVENT_CHANNELS = [
  'flow:progress',
  'grants:changed',
  'change:progress',
  'broker:approval-requested',
  'broker:approval-closed',
  'broker:changed',
  'broker:used',
] as const;
export type EventChannel = (typeof EVENT_CHANNELS)[number];
