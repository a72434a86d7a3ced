import { z } from 'zod';
import { appStatusSchema, backgroundSettingsSchema, commandInstallSchema, exportFileSchema, sandboxSettingSchema } from './appSchemas';
import {
  BROKER_DECISIONS,
  brokerApprovalClosedSchema,
  brokerApprovalRequestSchema,
  brokerHandedOutViewSchema,
  brokerToolViewSchema,
  connectionUsageSchema,
  toolSetupSchema,
} from './brokerSchemas';
import type { EventChannel, InvokeChannel } from './channels';
import { connectionViewSchema, grantsChangedSchema, providerViewSchema, removedConnectionViewSchema } from './connectionSchemas';
import { signedInViewSchema } from './signInSchemas';
import { id, scope } from './fields';
import { changeOutcomeSchema, changePlanSchema, changeProgressSchema, flowProgressSchema, stepUpEndedSchema } from './flowSchemas';
import { appOpenSchema, notificationSettingsSchema } from './notifySchemas';
import { removeAllOutcomeSchema, removeAllPlanSchema, removeAllProgressSchema } from './removeAllSchemas';
import { reviewViewSchema, suggestionId, unusedDays } from './reviewSchemas';
import { mcpServerRequestSchema, serverEditSchema, serverRequestSchema } from './serverSchemas';
import { connectionListSchema, damagedConnection, firstIssue } from './summarySchemas';
import { TIME_BOXES } from '../timeBox';
import { policyInForceSchema } from '../policy/inForce';
import { remoteToolsSchema } from './remoteMcpSchemas';

/**
 * The IPC contract: every channel's request and response, every event's payload. The schemas
 * live per domain beside this file; everything is importable from here.
 */
export * from './appSchemas';
export * from './brokerSchemas';
export * from './connectionSchemas';
export * from './signInSchemas';
export * from './flowSchemas';
export * from './notifySchemas';
export * from './removeAllSchemas';
export * from './reviewSchemas';
export * from './serverSchemas';
export * from './summarySchemas';
export * from './remoteMcpSchemas';
export { connectionIdSchema, scopeSchema } from './fields';
export { policyInForceSchema, type PolicyInForce } from '../policy/inForce';

const noPayload = z.undefined();

/** One connection in full; a saved connection that breaks the limits arrives as the damaged placeholder, as in the list. */
const connectionDetailSchema = connectionViewSchema.catch(({ input, error }) => damagedConnection(input, firstIssue(error)));

/** Every invoke channel: its request and response schema. */
export const invokeContract = {
  'app:status': { request: noPayload, response: appStatusSchema },
  'providers:list': { request: noPayload, response: z.array(providerViewSchema) },
  /**
   * Every connection's summary and its providers' scope meanings: what the list, counts and search
   * need; with `withFirstDetail`, also the first listed connection in full (what the window shows
   * first), so the window's first content needs one answer.
   */
  'grants:list': {
    request: z.strictObject({ withFirstDetail: z.literal(true) }).optional(),
    response: connectionListSchema.extend({ firstDetail: connectionDetailSchema.optional() }),
  },
  /**
   * One connection in full (explained scopes, actions, history), asked when it is shown; a saved
   * connection that breaks the limits arrives as the damaged placeholder, as in the list.
   */
  'grants:detail': { request: z.strictObject({ connectionId: id }), response: connectionDetailSchema },
  'grants:connect': {
    request: z.strictObject({
      providerId: id,
      scopes: z.array(scope).max(200).optional(),
      /** Show the provider's account chooser (prompt=select_account where supported). */
      anotherAccount: z.boolean().optional(),
      /** 'browser' (default): loopback redirect; 'device': type a code on the provider's page (RFC 8628). */
      method: z.enum(['browser', 'device']).optional(),
      /** For how long: a time box, or 'session' (no refresh token, ended when the app quits); left out: until taken back. */
      lasts: z.enum([...TIME_BOXES, 'session']).optional(),
    }),
    response: signedInViewSchema,
  },
  /** Opens the page where the code of the running device sign-in is entered; no URL crosses IPC. */
  'grants:open-device-page': { request: noPayload, response: z.object({ opened: z.boolean() }) },
  'grants:cancel-flow': {
    request: noPayload,
    response: z.object({ cancelled: z.boolean() }),
  },
  'grants:forget': { request: z.strictObject({ connectionId: id }), response: z.null() },
  'grants:reconnect': { request: z.strictObject({ connectionId: id }), response: signedInViewSchema },
  /** Follow my actions, or a fixed list (Follow → Fixed takes the granted scopes as the list). */
  'grants:set-scope-mode': { request: z.strictObject({ connectionId: id, mode: z.enum(['follow', 'fixed']) }), response: connectionViewSchema },
  /** Saves the edited fixed list (grants nothing: the usual plan adds what the grant lacks). */
  /** The person reviewed actions an update brought (Mark as reviewed, or turning one on or off): they are no longer New. */
  'grants:review-actions': { request: z.strictObject({ connectionId: id, actionIds: z.array(id).min(1).max(200) }), response: connectionViewSchema },
  /** Settings → "New actions enabled by default" (Follow mode only; off unless the person turns it on). */
  'settings:new-actions': { request: noPayload, response: z.object({ on: z.boolean() }) },
  'settings:set-new-actions': { request: z.strictObject({ on: z.boolean() }), response: z.object({ on: z.boolean() }) },
  'grants:save-fixed-list': { request: z.strictObject({ connectionId: id, scopes: z.array(scope).max(200) }), response: connectionViewSchema },
  /** Asks the provider whether the grant is still alive (a refresh); a refused one shows as revoked there. */
  'grants:check': { request: z.strictObject({ connectionId: id }), response: connectionViewSchema },
  'grants:plan-change': {
    request: z.strictObject({ connectionId: id, add: z.array(scope).max(200).default([]), remove: z.array(scope).max(200).default([]) }),
    response: changePlanSchema,
  },
  'grants:plan-action': {
    request: z.strictObject({ connectionId: id, actionId: id, enable: z.boolean() }),
    response: changePlanSchema,
  },
  'grants:plan-disconnect': { request: z.strictObject({ connectionId: id }), response: changePlanSchema },
  'grants:apply-plan': {
    /** `lasts`: what the plan adds is taken back after this long (only for a plan that adds); left out: until taken back. */
    request: z.strictObject({ planId: id, lasts: z.enum(TIME_BOXES).optional() }),
    response: changeOutcomeSchema,
  },
  /** Every connection (or one provider's) with what removing it does there; nothing is removed yet. */
  'grants:plan-remove-all': { request: z.strictObject({ providerId: id.optional() }), response: removeAllPlanSchema },
  /** Removes a confirmed Remove all plan's connections one by one; one run at a time. */
  'grants:apply-remove-all': { request: z.strictObject({ planId: id }), response: removeAllOutcomeSchema },
  /**
   * 'csv': one row per granted permission; 'history-csv': one row per history entry, removed
   * connections included; 'calls-csv': one row per call a tool made through the broker.
   */
  'grants:export': { request: z.strictObject({ format: z.enum(['csv', 'json', 'history-csv', 'calls-csv']) }), response: exportFileSchema },
  'history:list-removed': { request: noPayload, response: z.array(removedConnectionViewSchema) },
  /** Opens the file manager at a file Scopekeeper names itself: no path ever comes from the renderer. */
  'app:show-in-folder': { request: z.strictObject({ item: z.enum(['recovered-vault', 'data-folder']) }), response: z.null() },
  'app:install-command': { request: noPayload, response: commandInstallSchema },
  'settings:set-sandbox': {
    request: z.strictObject({ issuer: z.url({ protocol: /^https?$/ }).max(200).nullable() }),
    response: sandboxSettingSchema,
  },
  'background:get': { request: noPayload, response: backgroundSettingsSchema },
  /** Settings → General: a field left out keeps its value. */
  'background:set': {
    request: z.strictObject({ startAtLogin: z.boolean().optional(), keepRunning: z.boolean().optional() }),
    response: backgroundSettingsSchema,
  },
  /** Pause tools (true) or resume them (false); the tray menu does the same. */
  'background:pause-tools': { request: z.strictObject({ paused: z.boolean() }), response: backgroundSettingsSchema },
  /** Which notifications the person wants (Settings › Notifications). */
  'settings:notifications': { request: noPayload, response: notificationSettingsSchema },
  'settings:set-notifications': { request: notificationSettingsSchema, response: notificationSettingsSchema },
  'providers:set-client': {
    request: z.strictObject({
      providerId: id,
      clientId: z.string().trim().min(1).max(500),
      /** A string sets it, null removes it, left out keeps the saved one (same client ID only). */
      clientSecret: z.string().min(1).max(2000).nullable().optional(),
      /** Only for providers that match the redirect URI exactly: a fixed loopback port. */
      redirectPort: z.number().int().min(1024).max(65535).optional(),
    }),
    response: providerViewSchema,
  },
  'broker:pending': { request: noPayload, response: z.array(brokerApprovalRequestSchema) },
  'broker:answer': {
    request: z.strictObject({
      requestId: id,
      decision: z.enum(BROKER_DECISIONS),
      /** The account chosen, when the tool asked for "an account of" a provider. */
      connectionId: id.optional(),
      /** Allow the token handout the tool asked for (ignored when it did not ask). */
      tokenHandout: z.boolean().optional(),
      /** The tool named a resource: allow any instead of only that one (left out: only that one). */
      anyResource: z.boolean().optional(),
    }),
    response: z.null(),
  },
  'broker:tools': { request: noPayload, response: z.array(brokerToolViewSchema) },
  /** "Used by" per permission and the latest calls through the broker, for one connection. */
  'broker:usage': { request: z.strictObject({ connectionId: id }), response: connectionUsageSchema },
  'broker:revoke': {
    request: z.strictObject({ toolId: id, connectionId: id.optional(), actionId: id.optional() }),
    /** The tokens given for what was revoked that still work (the provider cannot end one alone). */
    response: z.object({ stillWorking: z.array(brokerHandedOutViewSchema) }),
  },
  /** Whether the person confirms each call of an approved action that sends, deletes or shares. */
  'broker:confirm-each-call': {
    request: z.strictObject({ toolId: id, connectionId: id, actionId: id, confirm: z.boolean() }),
    response: z.null(),
  },
  /** What the Tools view shows a person connecting a tool: the command and an MCP host's configuration. */
  'broker:setup': { request: noPayload, response: toolSetupSchema },
  /** What Scopekeeper proposes to take back, computed now (shared/review/advisor.ts). */
  'review:list': { request: noPayload, response: reviewViewSchema },
  /** Keeps one suggestion away for 90 days; only a suggestion listed now can be dismissed. */
  'review:dismiss': { request: z.strictObject({ suggestionId }), response: reviewViewSchema },
  /** How many days without use make a permission or connection a suggestion. */
  'review:set-unused-days': { request: z.strictObject({ unusedDays }), response: reviewViewSchema },
  'providers:clear-client': { request: z.strictObject({ providerId: id }), response: providerViewSchema },
  'providers:add': { request: serverRequestSchema, response: providerViewSchema },
  /** Adds a remote MCP server by URL (discovery, client registration); a server with no sign-in comes back already connected. */
  'providers:add-mcp': { request: mcpServerRequestSchema, response: providerViewSchema },
  /** Gives up on the add in progress: true when there was one. */
  'providers:cancel-add-mcp': { request: noPayload, response: z.boolean() },
  'providers:edit-server': { request: serverEditSchema, response: providerViewSchema },
  /** `withConnections` (an MCP server only): its connections are removed first, revoked where its sign-in service can. */
  'providers:remove-server': { request: z.strictObject({ providerId: id, withConnections: z.literal(true).optional() }), response: z.null() },
  /** The managed policy in force, each rule with the file it came from (Settings › Policy, the picker, the dialogs). */
  'policy:get': { request: noPayload, response: policyInForceSchema },
  /** The tools of a connection's remote MCP server, listed through Scopekeeper's own session. */
  'remote:tools': { request: z.strictObject({ connectionId: id }), response: remoteToolsSchema },
} satisfies Record<InvokeChannel, { request: z.ZodType; response: z.ZodType }>;

export type InvokeContract = typeof invokeContract;
export type RequestOf<C extends InvokeChannel> = z.input<InvokeContract[C]['request']>;
export type ResponseOf<C extends InvokeChannel> = z.output<InvokeContract[C]['response']>;

/** Every pushed event: its payload schema. */
export const eventContract = {
  'flow:progress': flowProgressSchema,
  'grants:changed': grantsChangedSchema,
  'change:progress': changeProgressSchema,
  'grants:remove-all-progress': removeAllProgressSchema,
  'broker:approval-requested': brokerApprovalRequestSchema,
  'broker:approval-closed': brokerApprovalClosedSchema,
  'broker:changed': z.object({}),
  /** Tools called through these connections (sent at most once per turn of the main process's event loop). */
  'broker:used': z.object({ connectionIds: z.array(id) }),
  /** A tool's step-up the person approved has ended (the window says how, where its sign-in panel was). */
  'broker:step-up-ended': stepUpEndedSchema,
  /** The background settings or the pause changed (from the window or the tray menu). */
  'background:changed': backgroundSettingsSchema,
  /** The person clicked a notification: the window shows what it was about. */
  'app:open': appOpenSchema,
  /** A policy file changed (or appeared, or went): the policy now in force. */
  'policy:changed': policyInForceSchema,
  /** A connection's MCP server changed its tools (tools/list_changed), or one of them was refused for a scope. */
  'remote:tools-changed': z.object({ connectionId: id }),
} satisfies Record<EventChannel, z.ZodType>;

export type EventPayload<E extends EventChannel> = z.output<(typeof eventContract)[E]>;
