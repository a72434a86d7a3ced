import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readdir, readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { createCore, type Core } from '../core/createCore';
import { createIpcBinding, type IpcBinding } from '../core/ipc/binding';
import { FIRST_LIST_ASK } from '../../shared/ipc/early';
import { loadOpenIdClient } from '../core/oauth/openidClient';
import { loadBuiltInClients } from '../core/clients/registry';
import type { AppNotification, BrowserOpener, Clock, Notifier, ProviderRequester, RevealFile } from '../core/ports';
import { realClock } from '../core/schedule/realClock';
import { requestOverPool } from '../core/broker/providerRequest';
import type { ToolCommand } from '../../shared/mcpConfig';
import { dataFolderStores } from './adapters';
import { LaunchGate } from './launchGate';

export interface HeadlessHostOptions {
  /** electron-vite's output folder (renderer/ and preload/ inside). */
  outDir: string;
  /** Where the vault file and its key file live. */
  dataDir: string;
  sandboxIssuer?: string;
  /**
   * The build's OAuth clients: this file, else SCOPEKEEPER_OAUTH_CLIENTS, else the repository's
   * resources/oauth-clients.json.
   */
  oauthClientsFile?: string;
  /** The core's fetch port; tests route the catalog's real host names to local servers with it. */
  fetch?: typeof fetch;
  /** The broker's way to the providers' APIs (default: keep-alive connections); tests route it like `fetch`. */
  request?: ProviderRequester;
  browser: BrowserOpener;
  /** "Show in folder": the harness records what it was asked to show. */
  reveal?: RevealFile;
  authTimeoutMs?: number;
  port?: number;
  /** How the Tools view says to start `scopekeeper`; default this Node on the repository's bin/scopekeeper.js. */
  toolCommand?: ToolCommand;
  /** The core's clock; tests give one they move (electron/testing/manualClock.ts). Default the system's. */
  clock?: Clock;
  /**
   * Whether the page counts as in view (the Attention port's inView); default always. A test makes
   * the window "hidden" with it, so a tool's question is also a notification.
   */
  inView?: () => boolean;
  /**
   * The machine's managed policy file: what its caller gives (a test's temporary file, or the OS's
   * location for the preview); none when absent. An option of the host, never a variable or switch a tool could set.
   */
  machinePolicy?: string;
  /** Test builds: the Sandbox's catalog as an app update would bring it, with one more action (CoreConfig.sandboxCatalogUpdate). */
  sandboxCatalogUpdate?: boolean;
}

export interface HeadlessHost {
  /**
   * The app's page with this launch's one-time token in its fragment: open it in a browser, once
   * (see LaunchGate). The IPC answers only the page opened from it.
   */
  readonly url: string;
  readonly core: Core;
  /** Where tools reach the broker (the Unix socket path or pipe name). */
  readonly brokerEndpoint: string;
  /** Every notification the core asked to show, in order: there is no system to show them here. */
  readonly notifications: readonly AppNotification[];
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.cjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
};
const MAX_BODY_BYTES = 1_000_000;
const SHIM_PATH = join(import.meta.dirname, 'browserShim.js');
const SHIPPED_CLIENTS = resolve(import.meta.dirname, '..', '..', 'resources', 'oauth-clients.json');
/** The command beside this host (it runs the build, out/cli/scopekeeper.mjs), started by this Node. */
const REPOSITORY_COMMAND: ToolCommand = { command: process.execPath, args: [resolve(import.meta.dirname, '..', '..', 'bin', 'scopekeeper.js')] };

/**
 * Runs the real core and IPC binding without Electron, serving the built renderer to any browser
 * with the real preload bundle on top of a small contextBridge/ipcRenderer shim.
 */
export async function startHeadlessHost(options: HeadlessHostOptions): Promise<HeadlessHost> {
  const rendererDir = resolve(options.outDir, 'renderer');
  const [shim, preload, assets] = await Promise.all([
    readFile(SHIM_PATH, 'utf8'),
    readFile(resolve(options.outDir, 'preload', 'index.cjs'), 'utf8'),
    readAssets(rendererDir),
  ]);
  // One script: the shim, then the preload on it, as Electron runs a preload before the page's own code.
  const injectPreload = preloadInliner(`${shim}\n${wrapPreload(preload)}`);
  const streams = new Set<ServerResponse>();
  // Whatever main pushes changes what the window's first answer would be: it drops the prepared one.
  const firstAnswer = { drop: (): void => undefined };
  const send = (channel: string, payload: unknown): void => {
    firstAnswer.drop();
    const frame = `data: ${JSON.stringify({ channel, payload })}\n\n`;
    for (const stream of streams) stream.write(frame);
  };
  const notifications: AppNotification[] = [];
  const core = headlessCore(options, send, { show: (notification) => void notifications.push(notification) });
  // The broker's socket in the data folder, as in the app: tools and the CLI reach this host too.
  const brokerServer = await core.startBroker();
  const server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' });
      res.end(error instanceof Error ? error.message : 'Internal error');
    });
  });

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', origin);
    const pathname = url.pathname;
    if (!gate.ownHost(req)) return void res.writeHead(403).end();
    if (req.method === 'POST' && pathname === '/__ipc/session') return openSession(req, res, gate, binding);
    if (req.method === 'POST' && pathname === '/__ipc/invoke') return answerInvoke(req, res, gate, binding);
    if (req.method !== 'GET') return void res.writeHead(405).end();
    if (pathname === '/__ipc/events') return gate.allowsEvents(req, url) ? openEventStream(res, streams) : void res.writeHead(403).end();
    if (pathname === '/' || pathname === '/index.html') {
      const html = await readFile(join(rendererDir, 'index.html'), 'utf8');
      return serve(res, '.html', injectPreload(html));
    }
    const held = assets.get(pathname);
    if (held !== undefined) return serve(res, extname(pathname), held);
    const file = normalize(join(rendererDir, decodeURIComponent(pathname)));
    if (!file.startsWith(rendererDir + sep)) return void res.writeHead(404).end();
    const content = await readFile(file).catch(() => undefined);
    if (content === undefined) return void res.writeHead(404).end();
    serve(res, extname(file), content);
  }

  const origin = await listenOnLoopback(server, options.port ?? 0);
  const gate = new LaunchGate(origin);
  // The page's Origin header plays Electron's senderFrame; the gate has already required our
  // Origin and the launch's session secret (an Origin alone is any local process's to forge).
  const binding = createIpcBinding(core.handlers, (sender) => sender.url === origin);
  firstAnswer.drop = () => binding.dropPrepared();
  // The window's first content, and the sign-in code that answering it starts loading, both done
  // before the launch address is given out: done while the page loads, its files and asks would
  // wait behind them on this one thread (the preload asks for that content as it runs).
  await binding.prepare('grants:list', FIRST_LIST_ASK);
  await loadOpenIdClient().catch(() => undefined);

  return {
    url: gate.launchUrl(),
    core,
    brokerEndpoint: brokerServer.endpoint,
    notifications,
    close: async () => {
      await core.dispose();
      for (const stream of streams) stream.end();
      await new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      });
    },
  };
}

/** The real core on the headless adapters for its ports: files in the data folder, the real clock. */
function headlessCore(options: HeadlessHostOptions, send: (channel: string, payload: unknown) => void, notifier: Notifier): Core {
  return createCore(
    {
      ...dataFolderStores(options.dataDir),
      browser: options.browser,
      ...(options.reveal ? { reveal: options.reveal } : {}),
      clock: options.clock ?? realClock(),
      notifier,
      // The page is always in front unless the test says otherwise; there is no window to bring forward.
      ...(options.inView ? { attention: { bringForward: () => undefined, inView: options.inView } } : {}),
      fetch: options.fetch ?? globalThis.fetch,
      request: options.request ?? requestOverPool(),
      ...(options.machinePolicy ? { machinePolicy: options.machinePolicy } : {}),
      config: {
        ...(options.sandboxIssuer ? { sandboxIssuer: options.sandboxIssuer } : {}),
        ...(options.authTimeoutMs ? { authTimeoutMs: options.authTimeoutMs } : {}),
        toolCommand: options.toolCommand ?? REPOSITORY_COMMAND,
        ...(options.sandboxCatalogUpdate ? { sandboxCatalogUpdate: true } : {}),
        builtInClients: loadBuiltInClients(
          { SCOPEKEEPER_OAUTH_CLIENTS: options.oauthClientsFile ?? process.env.SCOPEKEEPER_OAUTH_CLIENTS },
          SHIPPED_CLIENTS,
        ),
      },
    },
    send,
  );
}

/** Listens on 127.0.0.1 (port 0: any free one) and gives the origin the page is served from. */
async function listenOnLoopback(server: Server, port: number): Promise<string> {
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => done());
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function openEventStream(res: ServerResponse, streams: Set<ServerResponse>): void {
  res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
  res.write(': connected\n\n');
  streams.add(res);
  res.on('close', () => streams.delete(res));
}

function serve(res: ServerResponse, extension: string, content: string | Buffer): void {
  res.writeHead(200, { 'Content-Type': TYPES[extension] ?? 'application/octet-stream', 'Cache-Control': 'no-store' }).end(content);
}

/**
 * The shim, then the preload, inline at the end of the head: Electron runs a preload before the
 * page's own scripts without fetching anything, and so does this page. Last in the head, after the
 * page's own script and stylesheet tags, so those are asked for first; it runs as soon as the
 * stylesheet is in (as any script after one), with no request of its own to wait for, so the
 * shim's session exchange, and the preload's first ask riding on it, leave while the page's module
 * script is still on its way. The page's CSP admits this one script by its hash (CSP 3's
 * hash-source), nothing else inline.
 */
export function preloadInliner(script: string): (html: string) => string {
  // The parser would end the script at "</script" and could take "<!--" as an escape start: the
  // built shim and preload contain neither, and a build that did would stop the host at start.
  if (/<\/script|<!--/i.test(script)) throw new Error('The preload cannot be inlined: it contains "</script" or "<!--".');
  const source = `'sha256-${createHash('sha256').update(script, 'utf8').digest('base64')}'`;
  return (html) => {
    const policy = /script-src 'self'/;
    if (!policy.test(html)) throw new Error("The page's CSP has no script-src 'self' to admit the preload's hash to.");
    // Functions, not strings, as replacements: a "$&" or "$'" in the script is kept as written.
    return html.replace(policy, () => `script-src 'self' ${source}`).replace('</head>', () => `<script>${script}</script></head>`);
  };
}

/**
 * The build's hashed assets, read once at start: a new build gives new names, so what is held
 * never goes stale, and serving them never waits on the disk behind an IPC answer main is
 * building on the same thread. A name not held (a build made since) is read from the disk.
 */
async function readAssets(rendererDir: string): Promise<Map<string, Buffer>> {
  const names = await readdir(join(rendererDir, 'assets')).catch(() => [] as string[]);
  const files = await Promise.all(names.map(async (name) => [`/assets/${name}`, await readFile(join(rendererDir, 'assets', name))] as const));
  return new Map(files);
}

/** Runs the CommonJS preload bundle with `require('electron')` answered by the shim. */
function wrapPreload(bundle: string): string {
  return `(function () {
  var module = { exports: {} };
  var exports = module.exports;
  function require(name) {
    if (name === 'electron') return window.__scopekeeperElectronShim;
    throw new Error('A sandboxed preload may only require electron, not ' + name);
  }
${bundle}
})();`;
}

/**
 * The launch token traded for the session secret, once; the asks the preload made before the
 * exchange left ride on it, as in Electron they leave before the page's own code runs. The launch
 * token this request carried admits them; a refused exchange runs none.
 */
async function openSession(req: IncomingMessage, res: ServerResponse, gate: LaunchGate, binding: IpcBinding): Promise<void> {
  const session = gate.exchange(req);
  if (session === undefined) return void res.writeHead(403).end();
  const answers: unknown[] = [];
  for (const ask of ridingAsks(await readBody(req))) answers.push(await binding(ask.channel, ask.payload, { url: req.headers.origin, isMainFrame: true }));
  serve(res, '.json', JSON.stringify({ session, answers }));
}

/** One invoke from the page, with the session secret. */
async function answerInvoke(req: IncomingMessage, res: ServerResponse, gate: LaunchGate, binding: IpcBinding): Promise<void> {
  if (!gate.allowsInvoke(req)) return void res.writeHead(403).end();
  const body = JSON.parse(await readBody(req)) as { channel?: unknown; payload?: unknown };
  const result = await binding(body.channel, body.payload, { url: req.headers.origin, isMainFrame: true });
  res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' }).end(JSON.stringify(result));
}

/** At most this many asks ride on the session exchange (the preload makes one). */
const MAX_RIDING_ASKS = 4;

/** The asks in a session exchange's body (`{ invokes: [{ channel, payload }] }`); none for anything else. */
function ridingAsks(body: string): { channel: unknown; payload: unknown }[] {
  let parsed: unknown;
  try {
    parsed = body === '' ? undefined : JSON.parse(body);
  } catch {
    return [];
  }
  const invokes = typeof parsed === 'object' && parsed !== null ? (parsed as { invokes?: unknown }).invokes : undefined;
  if (!Array.isArray(invokes)) return [];
  return invokes
    .slice(0, MAX_RIDING_ASKS)
    .map((ask: unknown) => (typeof ask === 'object' && ask !== null ? ask : {}) as { channel?: unknown; payload?: unknown })
    .map((ask) => ({ channel: ask.channel, payload: ask.payload }));
}

async function readBody(req: IncomingMessage): Promise<string> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Error('Request too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
