import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect } from './fixtures';
import type { PageDocument, PageElement, PageStyle } from './pageTypes';

// In the page these are the real globals (see pageTypes.ts).
declare const document: PageDocument;
declare function getComputedStyle(element: PageElement): PageStyle;


/** WCAG 2.1 A and AA, the rules axe can check. */
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** Runs axe on what the page shows now and expects no violation; the message lists any it finds. */
export async function expectNoAxeViolations(page: Page, screen: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  const found = violations.map((v) => `${v.id} (${v.impact ?? 'n/a'}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(found, `axe on ${screen}`).toEqual([]);
}

export interface ContrastFinding {
  what: string;
  ratio: number;
}

/**
 * What axe does not check: the borders of controls (inputs, selects, outlined buttons, the
 * connection list) and the focus ring, each against the background behind it (WCAG 1.4.11, ≥ 3:1).
 * The focus ring is measured on every control the keyboard reaches, by focusing it from the keyboard.
 */
export async function lowContrastBordersAndFocus(page: Page): Promise<ContrastFinding[]> {
  return page.evaluate(() => {
    function rgba(color: string): [number, number, number, number] | null {
      const m = /rgba?\(([\d.]+)[, ]+([\d.]+)[, ]+([\d.]+)(?:[, /]+([\d.]+))?\)/.exec(color);
      if (m === null) return null;
      return [Number(m[1]), Number(m[2]), Number(m[3]), m[4] === undefined ? 1 : Number(m[4])];
    }
    function luminance([r, g, b]: [number, number, number, number]): number {
      const f = (c: number): number => {
        const s = c / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    }
    function ratio(a: [number, number, number, number], b: [number, number, number, number]): number {
      const [la, lb] = [luminance(a), luminance(b)];
      return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }
    /** The first opaque background behind an element (its own, or an ancestor's). */
    function backgroundBehind(element: PageElement | null): [number, number, number, number] {
      for (let e = element; e !== null; e = e.parentElement) {
        const color = rgba(getComputedStyle(e).backgroundColor);
        if (color !== null && color[3] > 0.5) return color;
      }
      const root = rgba(getComputedStyle(document.documentElement).backgroundColor);
      return root !== null && root[3] > 0.5 ? root : [255, 255, 255, 1];
    }
    const describe = (e: PageElement): string =>
      `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}${e.getAttribute('aria-label') ? `[${e.getAttribute('aria-label')}]` : ''} “${(e.textContent ?? '').trim().slice(0, 30)}”`;
    const visible = (e: PageElement): boolean => {
      const r = e.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && getComputedStyle(e).visibility !== 'hidden';
    };

    const findings: { what: string; ratio: number }[] = [];
    const bordered = document.querySelectorAll('input, select, button:not(.scope-toggle):not(.primary):not(.danger), .connection-scroll');
    for (const e of bordered) {
      if (!visible(e) || e.disabled === true) continue;
      const style = getComputedStyle(e);
      if (parseFloat(style.borderTopWidth) === 0) continue;
      const border = rgba(style.borderTopColor);
      if (border === null || border[3] === 0) continue;
      const r = ratio(border, backgroundBehind(e.parentElement));
      if (r < 3) findings.push({ what: `border of ${describe(e)}`, ratio: Math.round(r * 100) / 100 });
    }
    return findings;
  });
}

/** Focuses every control the keyboard reaches (Tab, up to `limit`) and checks its focus ring against what is behind it. */
export async function lowContrastFocusRings(page: Page, limit = 25): Promise<ContrastFinding[]> {
  const findings: ContrastFinding[] = [];
  await page.locator('body').focus();
  for (let i = 0; i < limit; i += 1) {
    await page.keyboard.press('Tab');
    const finding = await page.evaluate(() => {
      const e = document.activeElement;
      if (e === null || e === document.body) return null;
      const style = getComputedStyle(e);
      const parse = (c: string): number[] | null => {
        const m = /rgba?\(([\d.]+)[, ]+([\d.]+)[, ]+([\d.]+)(?:[, /]+([\d.]+))?\)/.exec(c);
        return m === null ? null : [Number(m[1]), Number(m[2]), Number(m[3]), m[4] === undefined ? 1 : Number(m[4])];
      };
      const lum = (c: number[]): number =>
        0.2126 * f(c[0]!) + 0.7152 * f(c[1]!) + 0.0722 * f(c[2]!);
      function f(v: number): number {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      }
      let bg: number[] = [255, 255, 255, 1];
      // The ring is drawn outside the element (outline-offset): compare it with the parent's background.
      for (let p = e.parentElement; p !== null; p = p.parentElement) {
        const c = parse(getComputedStyle(p).backgroundColor);
        if (c !== null && c[3]! > 0.5) {
          bg = c;
          break;
        }
      }
      const outline = parse(style.outlineColor);
      const width = parseFloat(style.outlineWidth);
      const what = `focus ring of ${e.tagName.toLowerCase()} “${(e.getAttribute('aria-label') ?? e.textContent ?? '').trim().slice(0, 30)}”`;
      if (style.outlineStyle === 'none' || width < 2 || outline === null) return { what: `${what} (none)`, ratio: 0 };
      const [la, lb] = [lum(outline), lum(bg)];
      return { what, ratio: Math.round(((Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05)) * 100) / 100 };
    });
    if (finding !== null && finding.ratio < 3) findings.push(finding);
  }
  return findings;
}
