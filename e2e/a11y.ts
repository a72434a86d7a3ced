import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { contrastRatio, effectiveBackground, parseColor } from './contrast';
import { expect } from './fixtures';
import type { PageDocument, PageElement, PageStyle } from './pageTypes';

// In the page these are the real globals (see pageTypes.ts).
declare const document: PageDocument;
declare function getComputedStyle(element: PageElement): PageStyle;


/** WCAG 2.1 A and AA, the rules axe can check, and axe's best practices (heading order, landmarks). */
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];

/** Rules whose "needs review" results are faults in this app, not questions. */
const DEFINITE_WHEN_INCOMPLETE = ['aria-prohibited-attr'];

/** Runs axe on what the page shows now and expects no violation; the message lists any it finds. */
export async function expectNoAxeViolations(page: Page, screen: string): Promise<void> {
  const { violations, incomplete } = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  // axe leaves an ARIA attribute a role forbids "to review" when the element has text; here it is always a fault.
  const found = [...violations, ...incomplete.filter((r) => DEFINITE_WHEN_INCOMPLETE.includes(r.id))].map((v) => `${v.id} (${v.impact ?? 'n/a'}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(found, `axe on ${screen}`).toEqual([]);
}

export interface ContrastFinding {
  what: string;
  ratio: number;
}

/** What the page reports for one control: its name, the colour to measure, and the backgrounds behind it out to the root. */
interface Painted {
  what: string;
  color: string;
  backgrounds: string[];
}

function findingOf({ what, color, backgrounds }: Painted, minimum: number): ContrastFinding | null {
  const ratio = contrastRatio(parseColor(color) ?? [0, 0, 0, 0], effectiveBackground(backgrounds));
  return ratio < minimum ? { what, ratio } : null;
}

/**
 * What axe does not check: the borders of controls (inputs, selects, outlined buttons, the
 * connection list) against the background behind them (WCAG 1.4.11, ≥ 3:1).
 */
export async function lowContrastBordersAndFocus(page: Page): Promise<ContrastFinding[]> {
  const painted = await page.evaluate(() => {
    const describe = (e: PageElement): string =>
      `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}${e.getAttribute('aria-label') ? `[${e.getAttribute('aria-label')}]` : ''} “${(e.textContent ?? '').trim().slice(0, 30)}”`;
    const visible = (e: PageElement): boolean => {
      const r = e.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && getComputedStyle(e).visibility !== 'hidden';
    };
    const found: { what: string; color: string; backgrounds: string[] }[] = [];
    const bordered = document.querySelectorAll('input, select, button:not(.scope-toggle):not(.primary):not(.danger), .connection-scroll');
    for (const e of bordered) {
      if (!visible(e) || e.disabled === true) continue;
      const style = getComputedStyle(e);
      if (parseFloat(style.borderTopWidth) === 0 || /^rgba\(.*, 0\)$|^transparent$/.test(style.borderTopColor)) continue;
      const backgrounds: string[] = [];
      for (let p = e.parentElement; p !== null; p = p.parentElement) backgrounds.push(getComputedStyle(p).backgroundColor);
      found.push({ what: `border of ${describe(e)}`, color: style.borderTopColor, backgrounds });
    }
    return found;
  });
  return painted.map((p) => findingOf(p, 3)).filter((f): f is ContrastFinding => f !== null);
}

/**
 * Focuses every control the keyboard reaches (Tab, up to `limit`) and checks its focus ring
 * against what is behind it (≥ 3:1), and its text while focused (≥ 4.5:1).
 */
export async function lowContrastFocusRings(page: Page, limit = 25): Promise<ContrastFinding[]> {
  const findings: ContrastFinding[] = [];
  await page.locator('body').focus();
  for (let i = 0; i < limit; i += 1) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const e = document.activeElement;
      if (e === null || e === document.body) return null;
      const style = getComputedStyle(e);
      const what = `${e.tagName.toLowerCase()} “${(e.getAttribute('aria-label') ?? e.textContent ?? '').trim().slice(0, 30)}”`;
      const backgrounds: string[] = [];
      for (let p: PageElement | null = e; p !== null; p = p.parentElement) backgrounds.push(getComputedStyle(p).backgroundColor);
      const ring = style.outlineStyle === 'none' || parseFloat(style.outlineWidth) < 2 ? null : style.outlineColor;
      return { what, ring, text: style.color, backgrounds };
    });
    if (focused === null) continue;
    // The ring is drawn outside the element (outline-offset): it is seen against the parent's background.
    const ring: Painted = { what: `focus ring of ${focused.what}`, color: focused.ring ?? '', backgrounds: focused.backgrounds.slice(1) };
    const text: Painted = { what: `text of ${focused.what} while focused`, color: focused.text, backgrounds: focused.backgrounds };
    const found = focused.ring === null ? [{ what: `${ring.what} (none)`, ratio: 0 }] : [findingOf(ring, 3)];
    findings.push(...[...found, findingOf(text, 4.5)].filter((f): f is ContrastFinding => f !== null));
  }
  return findings;
}
