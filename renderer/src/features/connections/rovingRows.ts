import { useEffect, useLayoutEffect, useRef } from 'react';
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

/** A row's controls that can take focus: a Take back is disabled while a change or a sign-in runs. */
function controlsOf(row: Element): HTMLElement[] {
  return [...row.querySelectorAll<HTMLButtonElement>(CONTROLS)].filter((control) => !control.disabled);
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
  const column = controlsOf(row).indexOf(control as HTMLElement);
  return column < 0 ? null : { row: Number(row.getAttribute('data-roving-index')), column };
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

/** Makes `stop` the one control of the rows that Tab reaches. */
function setTabStop(container: HTMLElement, stop: HTMLElement | undefined): void {
  for (const control of container.querySelectorAll<HTMLElement>(`${ROW} ${CONTROLS}`)) control.tabIndex = control === stop ? 0 : -1;
}

function focusLost(): boolean {
  return document.activeElement === null || document.activeElement === document.body;
}

/** What the list remembers between renders. */
interface RovingState {
  /** Where Tab enters; also where focus goes when the focused row is gone. */
  current: Place;
  /** The control focus was last on, while it stays in this list. */
  focused: HTMLElement | null;
  /** A row asked for by the keyboard that was not rendered yet (virtual list). */
  pending: Place | null;
  /** The column ↑ ↓ keep to, through a row with fewer controls (an identity row has no Take back). */
  goalColumn: number | null;
}

/** The focused control stays the Tab stop; else the remembered place is. */
function keepTabStop(container: HTMLElement, state: RovingState): void {
  const active = document.activeElement;
  const inside = active instanceof HTMLElement && container.contains(active) && placeOf(active) !== null;
  setTabStop(container, inside ? active : controlAt(container, state.current));
}

/** Focuses the control at a place (or its row's last), remembering the column asked for. */
function focusAt(container: HTMLElement, state: RovingState, place: Place): boolean {
  const control = controlAt(container, place);
  if (control === undefined) return false;
  state.goalColumn = place.column;
  control.focus();
  state.goalColumn = null;
  return true;
}

/**
 * A Take back is disabled while a change or a sign-in runs, without this list rendering again.
 * The browser drops focus from a disabled button to the page at its next frame: before that,
 * focus moves to the row's title, and the Tab stop to a control that can take it.
 */
function useFocusKeptWhenDisabled(ref: RefObject<HTMLElement | null>, state: RefObject<RovingState>): void {
  useEffect(() => {
    const container = ref.current;
    if (container === null) return undefined;
    const observer = new MutationObserver(() => {
      const active = document.activeElement;
      if (active instanceof HTMLButtonElement && active.disabled && container.contains(active)) focusAt(container, state.current, state.current.current);
      keepTabStop(container, state.current);
    });
    observer.observe(container, { subtree: true, attributes: true, attributeFilter: ['disabled'] });
    return () => observer.disconnect();
  }, [ref, state]);
}

export function useRovingRows<E extends HTMLElement>({ rowCount, reveal }: RovingRowsOptions): RovingRows<E> {
  const ref = useRef<E>(null);
  const state = useRef<RovingState>({ current: { row: 0, column: 0 }, focused: null, pending: null, goalColumn: null });

  // After every render, before it is painted: one control is the Tab stop, and a row the keyboard
  // asked for that has just been rendered gets focus.
  useLayoutEffect(() => {
    const container = ref.current;
    if (container === null) return;
    const { current, pending } = state.current;
    state.current.current = { row: Math.min(current.row, Math.max(rowCount - 1, 0)), column: current.column };
    keepTabStop(container, state.current);
    if (pending !== null && rowAt(container, pending.row) !== null) {
      state.current.pending = null;
      focusAt(container, state.current, pending);
    }
  });

  useFocusKeptWhenDisabled(ref, state);

  // When the row that had focus went away (taken back, expired, filtered out) and focus fell to the
  // page, it lands on the row now in its place. A passive effect, so what runs before it in the
  // same commit can move focus to a better place first (a change's outcome, PlannedChange).
  useEffect(() => {
    const container = ref.current;
    const { focused, current } = state.current;
    if (container === null || focused === null || focused.isConnected || !focusLost()) return;
    controlAt(container, current)?.focus();
  });

  function moveTo(place: Place): void {
    const container = ref.current;
    if (container === null) return;
    // Kept even when focus stays put (→ on a row without Take back fires no focus event).
    state.current.current = { row: Math.max(0, Math.min(rowCount - 1, place.row)), column: place.column };
    if (focusAt(container, state.current, state.current.current)) return;
    state.current.pending = state.current.current;
    reveal?.(state.current.current.row);
  }

  return {
    ref,
    onKeyDown(event) {
      const at = placeOf(event.target as Element);
      if (at === null || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
      const to = keyTarget(event.key, at, state.current.current, rowCount);
      if (to === undefined) return;
      event.preventDefault();
      moveTo(to);
    },
    onFocus(event) {
      const control = event.target as HTMLElement;
      const place = placeOf(control);
      if (place === null) return;
      state.current.current = { row: place.row, column: Math.max(place.column, state.current.goalColumn ?? 0) };
      state.current.focused = control;
      if (ref.current !== null) setTabStop(ref.current, control);
    },
    onBlur(event) {
      // Focus moved on to something else (a dialog, the search field): not ours to bring back. A
      // focused row that is removed, and a click on the page, move focus to nothing.
      const next = event.relatedTarget;
      if (next instanceof Node && !ref.current?.contains(next)) state.current.focused = null;
    },
  };
}

/** Said with the rows' group, for whoever reaches it by Tab. */
export const ROVING_HINT = 'Arrow keys move between the permissions and their buttons; Home and End go to the first and last.';
