// `npm run bench:ui`: how fast the window is, printed next to a minimal React page this script
// builds itself, measured in the same run, in the same Chromium. Figures, not assertions.
//
// The window is the real built renderer (out/renderer, from `npm run build`) served by the real
// headless host (electron/headless/host.ts) in a Node process of its own, as the app's main process
// is: the host opens a vault of 200 connections written for the bench and answers the window's
// requests with the real core, so what is measured is the IPC, parsing, the store, rendering and
// search. Main makes the window's first answer as it starts, before the host gives out its address
// (as the app's main process does while the window's process starts): a load on a host already
// serving finds it made, and cold start, from spawning the process to the content shown, counts
// it with everything else. The reference page is served by a plain static server, also a process
// of its own.
import { loadavg } from 'node:os';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from '@playwright/test';
import type { Browser, Page } from '@playwright/test';
import react from '@vitejs/plugin-react';
import { build } from 'vite';
import { manyConnectionsFolder, oneHugeConnectionFolder, SANDBOX_ISSUER } from './uiData';
import { buildHost, spawnHost, spawnStatic, type Spawned } from './uiProcesses';

const ROOT = resolve(import.meta.dirname, '..', '..');
const APP_DIR = join(ROOT, 'out', 'renderer');
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const KEYSTROKES = 'calendar files';
// Loads whose search is typed in (each types KEYSTROKES, then erases it): one page's 28 keys gave medians 14–20 ms from run to run.
const KEY_RUNS = Math.min(RUNS, 3);

/** The window shows content: the list's rows and, in the selected connection's detail, its permissions. */
const APP_LIST = '[role=option] ~ [role=option]';
const APP_DETAIL = 'article .scope-list > li, article [role=listitem]';

/**
 * Records, in the page's own clock, the first moment every selector matches (the content is there
 * to use), and exposes `window.__benchDone`: a promise for both figures once the first contentful
 * paint has been reported too. The harness awaits that one promise instead of polling, so no
 * Playwright code runs in the page while it loads: its injected script takes tens of ms to
 * compile and, landing before a slower page's first paint, was charged to that page alone.
 */
function readyScript(selectors: readonly string[]): string {
  return `(() => {
    let ready, fcp, done;
    window.__benchDone = new Promise((resolve) => { done = resolve; });
    const settle = () => { if (ready !== undefined && fcp !== undefined) done({ fcp, ready, origin: performance.timeOrigin }); };
    new PerformanceObserver((list) => {
      const entry = list.getEntriesByName('first-contentful-paint')[0];
      if (entry && fcp === undefined) { fcp = entry.startTime; settle(); }
    }).observe({ type: 'paint', buffered: true });
    const selectors = ${JSON.stringify(selectors)};
    const check = () => {
      if (ready === undefined && selectors.every((s) => document.querySelector(s))) { ready = performance.now(); settle(); }
    };
    new MutationObserver(check).observe(document, { childList: true, subtree: true });
  })();`;
}

// --- the reference page ---------------------------------------------------------------------

async function buildReference(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'scopekeeper-bench-ref-'));
  writeFileSync(
    join(dir, 'index.html'),
    '<!doctype html><html lang="en"><head><meta charset="UTF-8"><title>Reference</title></head><body><div id="root"></div><script type="module" src="./main.jsx"></script></body></html>',
  );
  // The smallest React page with a heading and a controlled input, as a template starts.
  writeFileSync(
    join(dir, 'main.jsx'),
    `import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
function App() {
  const [text, setText] = useState('');
  return (<main><h1>Reference</h1><input type="search" aria-label="Search" value={text} onChange={(e) => setText(e.currentTarget.value)} /><p>{text}</p></main>);
}
createRoot(document.getElementById('root')).render(<StrictMode><App /></StrictMode>);
`,
  );
  const outDir = join(dir, 'dist');
  mkdirSync(outDir, { recursive: true });
  await build({
    root: dir,
    logLevel: 'silent',
    configFile: false,
    base: './',
    plugins: [react()],
    resolve: { alias: { react: join(ROOT, 'node_modules', 'react'), 'react-dom': join(ROOT, 'node_modules', 'react-dom') } },
    build: { outDir, emptyOutDir: true, minify: true },
  });
  return outDir;
}

// --- measuring --------------------------------------------------------------------------------

interface Load {
  fcp: number;
  ready: number;
  /** The page's performance.timeOrigin (epoch ms). */
  origin: number;
}

async function load(browser: Browser, url: string, ready: readonly string[]): Promise<{ page: Page; load: Load }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.addInitScript(readyScript(ready));
  await page.goto(url, { waitUntil: 'commit' });
  // One evaluation, in the page's own world, that resolves when both figures are in.
  const figures = (await page.evaluate('window.__benchDone')) as Load;
  return { page, load: figures };
}

/**
 * From each key's keydown to the frame that shows its result: the time is taken once the next
 * animation frame's rendering (style, layout, paint) has run on the page's thread. The end mark is
 * a user-blocking task posted from that frame (scheduler.postTask), so it runs right after the
 * frame, ahead of work queued before it. A plain setTimeout from the frame also waited for any
 * such work (React's deferred render of the filtered lists, in 5 ms slices), which follows the
 * frame and is not part of showing the keystroke.
 */
async function keystrokes(page: Page, selector: string): Promise<number[]> {
  await page.locator(selector).focus();
  await page.evaluate(`(() => {
    window.__keys = [];
    document.addEventListener('keydown', (event) => { window.__t0 = event.timeStamp; }, true);
    document.addEventListener('input', () => {
      requestAnimationFrame(() => scheduler.postTask(() => window.__keys.push(performance.now() - window.__t0), { priority: 'user-blocking' }));
    });
  })()`);
  const samples = [...KEYSTROKES, ...Array.from({ length: KEYSTROKES.length }, () => 'Backspace')];
  for (const [i, key] of samples.entries()) {
    await page.keyboard.press(key === ' ' ? 'Space' : key);
    await page.waitForFunction((n) => (globalThis as unknown as { __keys: number[] }).__keys.length >= n, i + 1);
  }
  return (await page.evaluate('window.__keys')) as number[];
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 === 1 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const p90 = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(0.9 * xs.length))]!;

interface Figures {
  fcp: number[];
  ready: number[];
  keys: number[];
  /** Spawn to content (epoch ms difference), cold start runs only. */
  cold: number[];
}

interface Scenario {
  /** A process serving the page, started for each load (the host's launch address is good once). */
  serve(): Promise<Spawned>;
  ready: readonly string[];
  search?: string;
}

/** A load on a process already serving (warm), or one opened the moment the process serves (cold). */
async function measureLoad(browser: Browser, scenario: Scenario, figures: Figures, options: { cold: boolean; keys: boolean }): Promise<void> {
  const served = await scenario.serve();
  try {
    const { page, load: timing } = await load(browser, served.url, scenario.ready);
    if (options.cold) figures.cold.push(timing.origin + timing.ready - served.spawnedAt);
    else {
      figures.fcp.push(timing.fcp);
      figures.ready.push(timing.ready);
      if (options.keys && scenario.search) figures.keys.push(...(await keystrokes(page, scenario.search)));
    }
    await page.context().close();
  } finally {
    await served.stop();
  }
}

function report(results: Record<string, Figures>, version: string, load: { before: number[]; after: number[] }): void {
  const ref = results.reference!;
  const refFcp = median(ref.fcp);
  const refCold = median(ref.cold);
  const app = results['200 connections']!;
  const line = (label: string, ms: number, extra = ''): void => console.log(`${label.padEnd(52)} ${ms.toFixed(1).padStart(7)} ms ${extra}`);
  const times = (value: number, of: number, target?: number): string => `(${(value / of).toFixed(2)}×${target === undefined ? '' : `; target ≤ ${target.toFixed(2)}×`})`;
  const avg = (l: number[]): string => l.map((x) => x.toFixed(2)).join(' ');
  console.log(`bench:ui — Chromium ${version}, ${RUNS} loads each, medians; load average ${avg(load.before)} before, ${avg(load.after)} after`);
  console.log('the window: the real host (own process) answering from a vault of 200 connections; reference: a minimal React page from a static server');
  line('reference: first contentful paint', refFcp);
  line('reference: interactive (content rendered)', median(ref.ready));
  line('200 connections: first contentful paint', median(app.fcp), times(median(app.fcp), refFcp, 1.2) + ' of reference first paint');
  line('200 connections: time to interactive', median(app.ready), times(median(app.ready), refFcp, 1.5) + ' of reference first paint');
  const huge = results['1 connection, 500 scopes']!;
  line('1 connection, 500 scopes: first contentful paint', median(huge.fcp), times(median(huge.fcp), refFcp) + ' of reference first paint');
  line('1 connection, 500 scopes: time to interactive', median(huge.ready), times(median(huge.ready), refFcp) + ' of reference first paint');
  line('search, 200 connections: keystroke to frame', median(app.keys), `(p90 ${p90(app.keys).toFixed(1)} ms, n=${app.keys.length}; target ≤ 16 ms median)`);
  line('reference input: keystroke to frame', median(ref.keys), `(p90 ${p90(ref.keys).toFixed(1)} ms, n=${ref.keys.length})`);
  line('cold start, static server: spawn to content', refCold);
  line('cold start, 200 connections: spawn to content', median(app.cold), times(median(app.cold), refCold, 2.5) + ' of the static server’s');
}

async function main(): Promise<void> {
  if (!existsSync(join(APP_DIR, 'index.html'))) throw new Error('out/renderer is missing: run npm run build first (bench:ui does).');
  const [referenceDir, manyDir, hugeDir] = await Promise.all([buildReference(), manyConnectionsFolder(200), oneHugeConnectionFolder(500), buildHost()]);
  const executablePath = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
  const browser = await chromium.launch({
    ...(executablePath ? { executablePath } : {}),
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const scenarios: Record<string, Scenario> = {
    reference: { serve: () => spawnStatic(referenceDir!), ready: ['h1'], search: 'input[type=search]' },
    '200 connections': { serve: () => spawnHost(manyDir!, SANDBOX_ISSUER), ready: [APP_LIST, APP_DETAIL], search: 'input[type=search]' },
    '1 connection, 500 scopes': { serve: () => spawnHost(hugeDir!, SANDBOX_ISSUER), ready: [APP_DETAIL] },
  };
  // One untimed start on each vault first: the app has run on it before (its schedule is saved),
  // as it has on a person's computer.
  for (const dir of [manyDir!, hugeDir!]) await (await spawnHost(dir, SANDBOX_ISSUER)).stop();
  const results: Record<string, Figures> = {};
  const before = loadavg();
  try {
    for (let run = 0; run < RUNS; run += 1) {
      for (const [name, scenario] of Object.entries(scenarios)) {
        const figures = (results[name] ??= { fcp: [], ready: [], keys: [], cold: [] });
        await measureLoad(browser, scenario, figures, { cold: false, keys: run < KEY_RUNS });
        if (name !== '1 connection, 500 scopes') await measureLoad(browser, scenario, figures, { cold: true, keys: false });
      }
    }
  } finally {
    await browser.close();
  }
  report(results, browser.version(), { before, after: loadavg() });
}

await main();
