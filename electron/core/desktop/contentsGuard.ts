import { navigationVerdict, newWindowVerdict, redirectVerdict, type OwnLocation } from './appUrls';

interface Preventable {
  preventDefault(): void;
}

/** The part of Electron's WebContents the guard uses (a real WebContents satisfies it). */
export interface GuardedContents {
  on(event: 'will-attach-webview', listener: (event: Preventable) => void): unknown;
  on(event: 'will-navigate', listener: (event: Preventable, url: string) => void): unknown;
  on(event: 'will-redirect', listener: (event: Preventable, url: string) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string; disposition: string }) => { action: 'deny' }): void;
}

export interface GuardOptions {
  own: readonly OwnLocation[];
  /** True for the E2E sign-in windows only, asked at the moment of each navigation. */
  mayLeave: () => boolean;
  /** Hands an https link to the person's browser (never rejects). */
  openInBrowser: (url: string) => void;
}

/**
 * Security checklist #11-#14 for one WebContents: no webviews, no navigation away from our own
 * pages, no new windows. An https link the person clicks (plainly, or with the middle button or a
 * modifier, which arrive as a new-window request) opens in their browser; nothing else does.
 */
export function guardContents(contents: GuardedContents, { own, mayLeave, openInBrowser }: GuardOptions): void {
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.on('will-navigate', (event, url) => {
    const verdict = navigationVerdict(url, own, mayLeave());
    if (verdict !== 'allow') event.preventDefault();
    if (verdict === 'open-in-browser') openInBrowser(url);
  });
  contents.on('will-redirect', (event, url) => {
    if (redirectVerdict(url, own, mayLeave()) !== 'allow') event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    if (newWindowVerdict(url) === 'open-in-browser') openInBrowser(url);
    return { action: 'deny' };
  });
}
