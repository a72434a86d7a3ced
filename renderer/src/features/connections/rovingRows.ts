import { useLayoutEffect, useRef } from 'react';
import type { FocusEvent, KeyboardEvent, RefObject } from 'react';

/**
 * The permission rows of a connection as one Tab stop (a roving tabindex, as the sidebar's
 * listbox): Tab reaches the row control used last, ↑ ↓ move to the same control of the row above
 * or below, ← → between a row's controls (its title, Take back), Home and End to the first and last
 * row. The controls stay real buttons, so each is announced by its own name.
 *
 * A row is an element with `data-roving-index` (its place among all rows, across the category
 * groups or the virtual window); its controls are the buttons in its head line (`.scope-row-head`).
 */
export interface RovingRowsOptions {
  rowCount: number;
  /** Brings a row that is not rendered into the DOM (the virtual list scrolls to it). */
  reveal?: (index: number) => void;
}

export interface RovingRows<E extends HTMLElement> {
  ref: RefObject<E | null>;
  onKeyDown(event: KeyboardEvent<E>): void;
  onFocus(event: FocusEvent<E>): void;
  onBlur(event: FocusEvent<E>): void;
}

interface Place {
  row: number;
  column: number;
}

const ROW = '[data-roving-index]';
const CONTROLS = '.scope-row-head button';

function rowAt(container: HTMLElement, index: number): HTMLElement | null {
  return container.querySelector<HTMLElement>(`[data-roving-index="${index}"]`);
}

function controlsOf(row: Element): HTMLElement[] {
  return [...row.querySelectorAll<HTMLElement>(CONTROLS)];
}

/** The control at a place, or the row's last one when it has fewer (an identity row has no Take back). */
function controlAt(container: HTMLElement, place: Place): HTMLElement | undefined {
  const row = rowAt(container, place.row);
  if (row === null) return undefined;
  const controls = controlsOf(row);
  return controls[Math.min(place.column, controls.length - 1)];
}

function placeOf(control: Element): Place | null {
  const row = control.closest(ROW);
  if (row === null || !control.matches(CONTROLS)) return null;
  return { row: Number(row.getAttribute('data-roving-index')), column: controlsOf(row).indexOf(control as HTMLElement) };
}

/** Where a key moves from the focused control (`at`); `current` keeps the column ↑ ↓ go back to. */
function keyTarget(key: string, at: Place, current: Place, rowCount: number): Place | undefined {
  const column = at.row === current.row ? Math.max(at.column, current.column) : at.column;
  const moves: Record<string, Place> = {
    ArrowDown: { row: at.row + 1, column },
    ArrowUp: { row: at.row - 1, column },
    ArrowRight: { row: at.row, column: column + 1 },
    ArrowLeft: { row: at.row, column: Math.max(0, at.column - 1) },
    Home: { row: 0, column },
    End: { row: rowCount - 1, column },
  };
  return moves[key];
}

function focusLost(): boolean {
  return document.activeElement === null || document.activeElement === document.body;
}

export function useRovingRows<E extends HTMLElement>({ rowCount, reveal }: RovingRowsOptions): RovingRows<E> {
  const ref = useRef<E>(null);
  /** Where Tab enters; also where focus goes when the focused row is gone. */
  const current = useRef<Place>({ row: 0, column: 0 });
  /** The control focus was last on, while it stays in this list. */
  const focused = useRef<HTMLElement | null>(null);
  /** A row asked for by the keyboard that was not rendered yet (virtual list). */
  const pending = useRef<Place | null>(null);
  /** The column ↑ ↓ keep to, through a row with fewer controls (an identity row has no Take back). */
  const goalColumn = useRef<number | null>(null);

  // After every render: one control is the Tab stop. When the row that had focus went away (taken
  // back, filtered out) and focus fell to the page, it lands on the row now in its place.
  useLayoutEffect(() => {
    const container = ref.current;
    if (container === null) return;
    const place = { row: Math.min(current.current.row, Math.max(rowCount - 1, 0)), column: current.current.column };
    current.current = place;
    const target = controlAt(container, place);
    for (const control of container.querySelectorAll<HTMLElement>(`${ROW} ${CONTROLS}`)) control.tabIndex = control === target ? 0 : -1;
    const wanted = pending.current;
    if (wanted !== null && rowAt(container, wanted.row) !== null) {
      pending.current = null;
      controlAt(container, wanted)?.focus();
    } else if (focused.current !== null && !focused.current.isConnected && focusLost()) {
      target?.focus();
    }
  });

  function moveTo(place: Place): void {
    const container = ref.current;
    if (container === null) return;
    const row = Math.max(0, Math.min(rowCount - 1, place.row));
    // Kept even when focus stays put (→ on a row without Take back fires no focus event).
    current.current = { row, column: place.column };
    const control = controlAt(container, current.current);
    if (control !== undefined) {
      goalColumn.current = place.column;
      control.focus();
      goalColumn.current = null;
      return;
    }
    pending.current = current.current;
    reveal?.(row);
  }

  function onKeyDown(event: KeyboardEvent<E>): void {
    const at = placeOf(event.target as Element);
    if (at === null || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    const to = keyTarget(event.key, at, current.current, rowCount);
    if (to === undefined) return;
    event.preventDefault();
    moveTo(to);
  }

  function onFocus(event: FocusEvent<E>): void {
    const control = event.target as HTMLElement;
    const place = placeOf(control);
    if (place === null) return;
    current.current = { row: place.row, column: Math.max(place.column, goalColumn.current ?? 0) };
    focused.current = control;
    const container = ref.current;
    if (container === null) return;
    for (const other of container.querySelectorAll<HTMLElement>(`${ROW} ${CONTROLS}`)) other.tabIndex = other === control ? 0 : -1;
  }

  function onBlur(event: FocusEvent<E>): void {
    // Focus moved on to something else (a dialog, the search field): not ours to bring back. A
    // focused row that is removed moves focus to nothing, and so does a click on the page.
    const next = event.relatedTarget;
    if (next instanceof Node && !ref.current?.contains(next)) focused.current = null;
  }

  return { ref, onKeyDown, onFocus, onBlur };
}

/** Said with the rows' group, for whoever reaches it by Tab. */
export const ROVING_HINT = 'Arrow keys move between the permissions and their buttons; Home and End go to the first and last.';
