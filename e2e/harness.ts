import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron, type BrowserContext, type ElectronApplication, type Page } from '@playwright/test';
import { startHeadlessHost, type HeadlessHost } from '../electron/headless/host';
import type { AppNotification, Clock } from '../electron/core/ports';
import { OUT_DIR } from './globalSetup';
import { routeBrowser, routingFetch, routingRequest, type Routes } from './providers/routing';

/** What a spec drives: the app's window, and each authorization page the app opens. */
export interface AppHarness {
  readonly page: Page;
  /** Where the vault file lives for this test. */
  readonly dataDir: string;
  /** The next authorization page the app opens in "the person's browser". */
  nextAuthPage(): Promise<Page>;
  /** Every authorization URL the app asked to open, in order. */
  readonly authUrls: readonly string[];
  /** Every file the app asked the file manager to show ("Show in folder"), headless target only. */
  readonly revealed: readonly string[];
  /** Every system notification the app showed, in order (headless target only). */
  readonly notifications: readonly AppNotification[];
  /** The window hidden or minimised (false) or in front (true, the start), headless target only. */
  setInView(inView: boolean): void;
  /** The person clicks a notification the app showed (headless target only). */
  click(notification: AppNotification): void;
  close(): Promise<void>;
}

/** Hands out opened pages in order, to whoever asks first. */
class PageQueue {
  private readonly ready: Page[] = [];
  private readonly waiting: ((page: Page) => void)[] = [];

  push(page: Page): void {
    const waiter = this.waiting.shift();
    if (waiter) waiter(page);
    else this.ready.push(page);
  }

  next(): Promise<Page> {
    const page = this.ready.shift();
    return page ? Promise.resolve(page) : new Promise((resolve) => this.waiting.push(resolve));
  }
}

/** The provider test servers: the real host names they answer for, and the clients file the app gets. */
export interface ProviderRouting {
  routes: Routes;
  clients: Record<string, unknown>;
}

export interface LaunchOptions {
  sandboxIssuer: string;
  providers?: ProviderRouting;
  dataDir?: string;
  authTimeoutMs?: number;
  /** The core's clock (headless target only): a ManualClock (electron/testing/manualClock.ts) lets the test move time. */
  clock?: Clock;
  /** The machine's managed policy file (headless target only): a test's temporary file stands in for /etc/scopekeeper/policy.json. */
  machinePolicy?: string;
  /** Headless target only: the Sandbox's catalog after an app update, with one more action (see HeadlessHostOptions). */
  sandboxCatalogUpdate?: boolean;
}

/** The build's clients for this run, as a file SCOPEKEEPER_OAUTH_CLIENTS (or the host option) names. */
function writeClientsFile(dataDir: string, providers: ProviderRouting | undefined): string | undefined {
  if (!providers) return undefined;
  const path = join(dataDir, 'oauth-clients.test.json');
  writeFileSync(path, JSON.stringify(providers.clients), { mode: 0o600 });
  return path;
}

/**
 * Default target: the headless host in this test process (real core, real IPC binding, real
 * preload bundle on a shim) serving the built renderer to real Chromium; the authorization URL
 * opens in a second page of the same browser, standing in for the person's browser.
 */
export async function launchHeadless(context: BrowserContext, options: LaunchOptions): Promise<AppHarness> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'scopekeeper-e2e-'));
  const authPages = new PageQueue();
  const authUrls: string[] = [];
  const revealed: string[] = [];
  const clientsFile = writeClientsFile(dataDir, options.providers);
  let inView = true;
  // The catalog's real https URLs, unchanged: back-channel calls through the core's fetch port,
  // the consent pages through the browser's routes (see e2e/providers/routing.ts).
  const providers = options.providers;
  const host: HeadlessHost = await startHeadlessHost({
    reveal: async (path) => void revealed.push(path),
    outDir: OUT_DIR,
    dataDir,
    sandboxIssuer: options.sandboxIssuer,
    ...(options.providers ? { fetch: routingFetch(options.providers.routes), request: routingRequest(options.providers.routes), oauthClientsFile: clientsFile } : {}),
    ...(options.authTimeoutMs ? { authTimeoutMs: options.authTimeoutMs } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.machinePolicy ? { machinePolicy: options.machinePolicy } : {}),
    ...(options.sandboxCatalogUpdate ? { sandboxCatalogUpdate: true } : {}),
    inView: () => inView,
    browser: {
      open: async (url) => {
        authUrls.push(url);
        const page = await context.newPage();
        // Only a provider's page needs the routes (the sandbox is plain loopback).
        if (providers?.routes.has(new URL(url).hostname)) await routeBrowser(page, providers.routes);
        // Not awaited: a real browser loads the page on its own while the app waits.
        void page.goto(url).catch(() => undefined);
        authPages.push(page);
      },
    },
  });
  const page = await context.newPage();
  await page.goto(host.url);
  return {
    page,
    dataDir,
    authUrls,
    revealed,
    notifications: host.notifications,
    setInView: (value) => void (inView = value),
    click: (notification) => host.core.notify.open(notification.opens),
    nextAuthPage: () => authPages.next(),
    close: () => host.close(),
  };
}

/** The target E2E_TARGET names: headless (default) or electron. */
export function launchApp(context: BrowserContext, options: LaunchOptions): Promise<AppHarness> {
  return process.env.E2E_TARGET === 'electron' ? launchElectron(options) : launchHeadless(context, options);
}

/** E2E_TARGET=electron: the real app through Playwright's Electron support. */
export async function launchElectron(options: LaunchOptions): Promise<AppHarness> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'scopekeeper-e2e-'));
  const clientsFile = writeClientsFile(dataDir, options.providers);
  // Not routed here: the provider specs need the headless target, whose core fetch and browser
  // the test controls; in Electron the catalog's hosts would be the real ones.
  const app: ElectronApplication = await _electron.launch({
    // Chromium refuses to run as root with its sandbox on (CI machines run as root).
    args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), resolve(OUT_DIR, 'main', 'index.js')],
    env: {
      ...(process.env as Record<string, string>),
      SCOPEKEEPER_DATA_DIR: dataDir,
      SCOPEKEEPER_SANDBOX_ISSUER: options.sandboxIssuer,
      SCOPEKEEPER_E2E_AUTH_WINDOW: '1',
      ...(clientsFile ? { SCOPEKEEPER_OAUTH_CLIENTS: clientsFile } : {}),
    },
  });
  const page = await app.firstWindow();
  const authPages = new PageQueue();
  const authUrls: string[] = [];
  app.on('window', (window) => {
    authUrls.push(window.url());
    authPages.push(window);
  });
  const headlessOnly = (): never => {
    throw new Error('Notifications and the window’s visibility are driven on the headless target only.');
  };
  return { page, dataDir, authUrls, revealed: [], notifications: [], setInView: headlessOnly, click: headlessOnly, nextAuthPage: () => authPages.next(), close: () => app.close() };
}
