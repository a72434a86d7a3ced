/**
 * Contrast as WCAG 2.x computes it, from the colours the page computed (getComputedStyle): the
 * page only reports its colours; the math runs here, in Node, so every spec measures the same way.
 * A translucent background is composited over what is behind it, up to the first opaque one.
 */
import type { Locator } from '@playwright/test';
import type { PageElement, PageStyle } from './pageTypes';

// In the page this is the real function (see pageTypes.ts).
declare function getComputedStyle(element: PageElement): PageStyle;

export type Rgba = readonly [number, number, number, number];

const WHITE: Rgba = [255, 255, 255, 1];

/** `rgb(1, 2, 3)`, `rgba(1, 2, 3, 0.5)` or `rgb(1 2 3 / 0.5)`, as getComputedStyle writes them; null for anything else. */
export function parseColor(css: string): Rgba | null {
  const m = /^rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)(?:\s*[,/]\s*([\d.]+%?))?\s*\)$/.exec(css.trim());
  if (m === null) return null;
  const alpha = m[4] === undefined ? 1 : m[4].endsWith('%') ? Number(m[4].slice(0, -1)) / 100 : Number(m[4]);
  return [Number(m[1]), Number(m[2]), Number(m[3]), alpha];
}

/** `top` painted over the opaque `bottom` (source-over). */
export function over(top: Rgba, bottom: Rgba): Rgba {
  const a = top[3];
  return [top[0] * a + bottom[0] * (1 - a), top[1] * a + bottom[1] * (1 - a), top[2] * a + bottom[2] * (1 - a), 1];
}

function luminance([r, g, b]: Rgba): number {
  const f = (c: number): number => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
}

/** The contrast ratio of two opaque colours, 1 to 21, rounded to two decimals. */
export function contrastRatio(a: Rgba, b: Rgba): number {
  const [la, lb] = [luminance(a), luminance(b)];
  return Math.round(((Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05)) * 100) / 100;
}

/** Background colours from an element outwards (its own first), as computed. */
export function effectiveBackground(layers: readonly string[]): Rgba {
  const parsed = layers.map(parseColor).filter((c): c is Rgba => c !== null);
  const opaque = parsed.findIndex((c) => c[3] >= 1);
  let result = opaque === -1 ? WHITE : parsed[opaque]!;
  for (const layer of parsed.slice(0, opaque === -1 ? parsed.length : opaque).reverse()) result = over(layer, result);
  return result;
}

/** What the page reports about an element's text: its colour, the backgrounds out to the root, and what the math cannot see. */
export interface PaintedText {
  color: string;
  backgrounds: string[];
  /** The element's own opacity and filter: both change what is painted without changing the computed colours. */
  opacity: string;
  filter: string;
}

/** The contrast of an element's text with what is painted behind it, from its computed colours. */
export function textContrast(painted: PaintedText): number {
  const background = effectiveBackground(painted.backgrounds);
  const text = parseColor(painted.color) ?? [0, 0, 0, 1];
  return contrastRatio(over(text, background), background);
}

/** Why the computed colours are not what is painted (a filter, opacity below 1), or null when they are. */
export function paintedDiffers(painted: PaintedText): string | null {
  if (painted.filter !== 'none') return `filter ${painted.filter}`;
  if (Number(painted.opacity) < 1) return `opacity ${painted.opacity}`;
  return null;
}

/** Reads an element's painted text as its state is now (hovered, focused, pressed). */
export function paintedText(element: Locator): Promise<PaintedText> {
  return element.evaluate((e: PageElement) => {
    const backgrounds: string[] = [];
    for (let n: PageElement | null = e; n !== null; n = n.parentElement) backgrounds.push(getComputedStyle(n).backgroundColor);
    const style = getComputedStyle(e);
    return { color: style.color, backgrounds, opacity: style.opacity, filter: style.filter };
  });
}
