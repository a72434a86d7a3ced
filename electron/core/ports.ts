import type { AppOpen, NotificationKind } from '../../shared/ipc/notifySchemas';
import type { ToolCommand } from '../../shared/mcpConfig';

export type { NotificationKind };

/**
 * What core needs from the platform. Electron supplies these in electron/main,
 * Node supplies them in electron/headless; core never knows which.
 */

/** Encrypts one secret string (a connection's tokens) for storage on this machine. */
export interface SecretCipher {
  /** Null when encryption can be used; otherwise a sentence saying why not (the vault is then locked). */
  unavailableReason(): Promise<string | null>;
  encrypt(plain: string): Promise<string>;
  decrypt(sealed: string): Promise<string>;
}

/** One JSON document on disk, written atomically with owner-only permissions. */
export interface RecordStore {
  readonly path: string;
  /** The document as stored (undefined keys when new). Throws when the file cannot be read or parsed. */
  read(): unknown;
  write(document: Record<string, unknown>): void;
}

/** Opens an authorization URL where the person can sign in: their own browser in the app. */
export interface BrowserOpener {
  open(url: string): Promise<void>;
}

/** Shows a file in the system's file manager (Electron: shell.showItemInFolder). */
export type RevealFile = (path: string) => Promise<void>;

/**
 * Asks the person's attention: the window comes to the front (Electron: restore, show, focus, and
 * flash the taskbar entry where the system keeps a background app from taking focus).
 */
export interface Attention {
  bringForward(): void;
  /**
   * Whether the person can see the window now (Electron: shown, not minimised, focused). Absent:
   * always in view. A tool's question out of sight is also a notification.
   */
  inView?(): boolean;
}

/**
 * The `scopekeeper` command as this copy of the app ships it (resources/cli), for Settings ›
 * Install the command (electron/core/desktop/commandInstall.ts). Absent where none is shipped.
 */
export interface ShippedCommand {
  /** The launcher: resources/cli/scopekeeper, or scopekeeper.cmd on Windows. */
  launcher: string;
  platform: NodeJS.Platform;
  /** The person's home folder; only PATH folders inside it are written without asking. */
  home: string;
  /** The PATH the app was started with. */
  path: string;
  /** Where the launcher's folder is copied first when it goes away with the app (an AppImage's mount). */
  keepDir?: string;
  /** macOS's shared folder on every PATH (/usr/local/bin); a test gives another. */
  systemBin?: string;
}

/**
 * The system's list of apps started at login (Electron: app.setLoginItemSettings). Absent where the
 * host cannot be started at login (the headless host): the setting is kept, and ignored there.
 */
export interface LoginItem {
  setOpenAtLogin(open: boolean): void;
}

export interface Clock {
  now(): Date;
  /**
   * Calls `wake` once when this clock reaches `at` (or soon after); the returned function cancels
   * it. The scheduler's only timer: the app's clock uses timers (realClock), a test's clock wakes
   * whoever is due when the test moves it (electron/testing/manualClock.ts). A clock without it
   * wakes nobody: then due jobs run only when asked (Scheduler.runDue).
   */
  wakeAt?(at: Date, wake: () => void): () => void;
}

/** One system notification: short, in plain words, and what clicking it opens. */
export interface AppNotification {
  kind: NotificationKind;
  title: string;
  body: string;
  /** What clicking it opens in the window; absent: just the window. */
  opens?: AppOpen;
}

/**
 * Shows system notifications (Electron: Notification); the headless host records them so tests can
 * read them. Clicking one brings the window forward at what `opens` names (the host's part).
 */
export interface Notifier {
  show(notification: AppNotification): void;
}

/** One request to a provider's API as the broker forwards a tool's call. */
export interface ProviderRequest {
  url: URL;
  method: string;
  /** Lower-case names, each once: exactly what is sent (nothing added but what HTTP/1.1 framing needs). */
  headers: Record<string, string>;
  body?: string;
  /** Ends the request, or the download of its answer. */
  signal: AbortSignal;
}

/** The provider's answer, read once. */
export interface ProviderAnswer {
  status: number;
  /** A header by its lower-case name (repeated ones joined by ", "), or null. */
  header(name: string): string | null;
  /**
   * The body as UTF-8 text when it is at most `limit` bytes; undefined when it is longer (the
   * download is stopped there). Rejects when the answer breaks off or the request's signal aborts.
   */
  text(limit: number): Promise<string | undefined>;
  /** Stops the download unread: the connection is not kept. */
  stop(): void;
}

/**
 * How the broker reaches a provider's API: the request sent as given (a redirect is answered, never
 * followed; no cookie kept). Hosts give one on a keep-alive connection pool (broker/providerRequest.ts);
 * without one, the core sends it with the `fetch` port.
 */
export type ProviderRequester = (request: ProviderRequest) => Promise<ProviderAnswer>;

/**
 * The OAuth client Scopekeeper signs in as with one provider: the build's own (built-in,
 * resources/oauth-clients.json) or one the person registered themselves (own), which takes
 * precedence. A desktop app's client secret is not confidential (RFC 8252 §8.5: anyone can read it
 * out of the app), but some providers require it anyway (Google desktop clients, Atlassian, GitHub
 * for revocation): it is still never logged and never sent to the renderer.
 */
export interface OAuthClient {
  clientId: string;
  clientSecret?: string;
  /**
   * A fixed loopback port for providers that match the registered callback URL exactly
   * (Atlassian): the receiver listens on `http://127.0.0.1:{redirectPort}/callback`.
   */
  redirectPort?: number;
  /** 'registered': Scopekeeper registered itself at the server (RFC 7591, remote MCP servers). */
  source: 'built-in' | 'own' | 'registered';
}

export interface CoreConfig {
  /** Issuer of the local sandbox authorization server, when one is configured. */
  sandboxIssuer?: string;
  /**
   * The build's own OAuth clients by provider id (resources/oauth-clients.json or the file
   * SCOPEKEEPER_OAUTH_CLIENTS names, read by the host with loadBuiltInClients).
   */
  builtInClients?: ReadonlyMap<string, OAuthClient>;
  /** How long a sign-in may wait for the browser before it gives up. */
  authTimeoutMs?: number;
  /** How long one request to a provider (discovery, token, revocation) may take; default 15 s. */
  providerTimeoutMs?: number;
  /** Where the broker listens; default `broker.sock` in the data folder (a named pipe on Windows). */
  brokerEndpoint?: string;
  /** How long the broker waits for a provider's answer to one call (default 30 s). */
  brokerCallTimeoutMs?: number;
  /** How the `scopekeeper` command is started on this machine, for the Tools view; default the installed `scopekeeper`. */
  toolCommand?: ToolCommand;
  /**
   * Test builds only (the headless host's option, which the e2e harness sets): the Sandbox's
   * catalog has one more action, as an app update would bring. The Electron app never sets it.
   */
  sandboxCatalogUpdate?: boolean;
}

export interface Ports {
  cipher: SecretCipher;
  records: RecordStore;
  browser: BrowserOpener;
  clock: Clock;
  fetch: typeof globalThis.fetch;
  /** The broker's way to the providers' APIs; default one on `fetch`. */
  request?: ProviderRequester;
  config: CoreConfig;
  /** Absent where there is no file manager to open (then "Show in folder" says so). */
  reveal?: RevealFile;
  /** Absent where there is no window to bring forward (the headless host: the page is always in view). */
  attention?: Attention;
  /** Absent where the app ships no command (development, the headless host). */
  command?: ShippedCommand;
  /** Absent where nothing can be shown (unit tests): notifications are then not shown anywhere. */
  notifier?: Notifier;
  /** Absent where the host cannot start at login (the headless host). */
  loginItem?: LoginItem;
  /**
   * The machine's managed policy (README, "Managed policy"): the Electron host gives the OS's
   * managed place (policy/managedPolicy.ts: macOS managed preferences, the Windows registry, else
   * the file of policyFiles.ts, machinePolicyPath), the headless host what its caller
   * gives (a test's temporary file); absent: no machine policy. Never read from a tool's reach (no
   * switch, variable or IPC moves it). The person's own policy.json in the data folder is always read.
   */
  machinePolicy?: string | MachinePolicyReader;
  /**
   * Whether this computer is online now (Electron: net.isOnline()); absent: online. Background
   * checks wait while it is not, without counting that as a provider's failure.
   */
  online?: () => boolean;
}

/**
 * What reading the machine's managed policy from an OS's managed settings answers: the policy's
 * JSON text and where it was read, why it cannot be used there (a refused policy: the app grants
 * nothing new), or the file to read instead (nothing is set there).
 */
export type MachinePolicyAnswer = { where: string; text: string } | { where: string; problem: string } | { file: string };

/** The machine's managed policy where the OS keeps managed settings (policy/managedPolicy.ts). */
export interface MachinePolicyReader {
  read(): MachinePolicyAnswer;
  /** Folders whose changes may change what `read` answers (watched). */
  folders: readonly string[];
}
