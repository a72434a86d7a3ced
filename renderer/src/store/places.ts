/**
 * Where a result or an error is shown: beside the control that caused it, so the person reads the
 * outcome where they acted instead of in a banner far from it. A store action names the place;
 * the component rendered there shows the message (features/notices/Feedback.tsx).
 */
export const PLACES = {
  /** Beside a provider's Connect button. */
  provider: (providerId: string): string => `provider:${providerId}`,
  /** At the top of a connection's detail: connect, reconnect, Add permissions, Ask again. */
  connection: (connectionId: string): string => `connection:${connectionId}`,
  /** At the top of a connection's Permissions section: taking one back. */
  permissions: (connectionId: string): string => `permissions:${connectionId}`,
  /** At the top of a connection's "What it can do": turning an action on or off. */
  actions: (connectionId: string): string => `actions:${connectionId}`,
  /** Under "Connected accounts" in the sidebar: a connection removed or forgotten. */
  sidebar: 'sidebar',
  /** Settings → Permissions (the table, Add a permission). */
  settingsPermissions: 'settings:permissions',
  /** Settings → Permissions → Export. */
  export: 'settings:export',
  /** Settings → Providers and clients → a provider's "Use your own OAuth app": beside Save. */
  ownClient: (providerId: string): string => `settings:own-client:${providerId}`,
  /** Settings → Providers and clients → a server the person added: beside Save server and Remove. */
  customServer: (providerId: string): string => `settings:server:${providerId}`,
  /** Where the sign-in panel is (the top of the main pane): how a tool's step-up ended. */
  flow: 'flow',
  /** Settings → Providers and clients → Add a server (and a removed server's result). */
  addServer: 'settings:add-server',
  /** Settings → Sandbox server. */
  sandbox: 'settings:sandbox',
  /** Settings → General: Start at login, Keep running. */
  general: 'settings:general',
  /** Settings › Policy. */
  policy: 'settings:policy',
  /** Pause tools / Resume tools in the window (the Tools view, the paused banner). */
  pauseTools: 'tools:pause',
  /** Settings → Remove all: planning it, and a run that could not go. */
  removeAll: 'settings:remove-all',
  /** Settings → The scopekeeper command: Install the command. */
  command: 'settings:command',
  /** Settings → Notifications. */
  notifications: 'settings:notifications',
  /** The Review view: a suggestion dismissed or carried out. */
  review: 'review',
  /** Settings → Review: the number of days without use. */
  reviewSettings: 'settings:review',
  /** The Tools view's detail: a tool revoked whole (its own detail went with it). */
  tools: 'tools',
  /** A tool's approvals in the Tools view: one of them revoked. */
  toolApprovals: (toolId: string): string => `tools:${toolId}`,
} as const;

/**
 * Settings' sections, one shown at a time beside their list, in the list's order. Which one is
 * shown is kept in the store (`settingsSection`), so a link into Settings (an own OAuth app's
 * form) opens the section that holds it.
 */
export const SETTINGS_SECTIONS = ['permissions', 'providers', 'sandbox', 'general', 'notifications', 'policy', 'remove-all'] as const;
export type SettingsSection = (typeof SETTINGS_SECTIONS)[number];
