/**
 * The few page globals that functions passed to page.evaluate use, typed as far as they use them.
 * The e2e project compiles without the DOM library (it would change core's fetch types), so a spec
 * declares `document` and `getComputedStyle` with these types; in the page they are the real ones.
 */
export interface PageElement {
  tagName: string;
  id: string;
  textContent: string | null;
  parentElement: PageElement | null;
  disabled?: boolean;
  labels?: ArrayLike<{ textContent: string | null }> | null;
  getAttribute(name: string): string | null;
  getBoundingClientRect(): { width: number; height: number };
  matches(selector: string): boolean;
}

export interface PageStyle {
  backgroundColor: string;
  color: string;
  opacity: string;
  filter: string;
  borderTopWidth: string;
  borderTopColor: string;
  outlineColor: string;
  outlineStyle: string;
  outlineWidth: string;
  visibility: string;
  lineHeight: string;
}

export interface PageDocument {
  activeElement: PageElement | null;
  body: PageElement;
  documentElement: PageElement;
  querySelectorAll(selector: string): Iterable<PageElement>;
}
