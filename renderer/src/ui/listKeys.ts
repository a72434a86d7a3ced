import type { KeyboardEvent } from 'react';

/** How far Page Up and Page Down move in a list. */
const PAGE = 8;

/**
 * Where a key moves the choice in a list of `count` items whose chosen one is at `index` (-1:
 * none yet): Up and Down by one, Page Up and Page Down by a page, Home and End to the ends. One
 * home for the keys of every side list (connections, tools, Settings' sections), so they behave
 * the same. Undefined for any other key (or an empty list), which the list then leaves alone.
 */
export function listKeyTarget(key: string, index: number, count: number): number | undefined {
  if (count === 0) return undefined;
  const moves: Record<string, number> = {
    ArrowDown: index + 1,
    ArrowUp: index - 1,
    Home: 0,
    End: count - 1,
    PageDown: index + PAGE,
    PageUp: index - PAGE,
  };
  const target = moves[key];
  return target === undefined ? undefined : Math.max(0, Math.min(count - 1, target));
}

/** What a side list's listbox element needs: one Tab stop, the chosen option as its active descendant, the keys above. */
export interface ListboxProps {
  role: 'listbox';
  tabIndex: 0;
  'aria-activedescendant': string | undefined;
  onKeyDown(event: KeyboardEvent<HTMLElement>): void;
}

/**
 * The listbox of a side list whose options are `optionId(0…count-1)`: focus stays on the list
 * (aria-activedescendant), and a key from `listKeyTarget` chooses the option it lands on.
 */
export function listboxProps(index: number, count: number, optionId: (index: number) => string, choose: (index: number) => void): ListboxProps {
  return {
    role: 'listbox',
    tabIndex: 0,
    'aria-activedescendant': index >= 0 ? optionId(index) : undefined,
    onKeyDown(event) {
      const target = listKeyTarget(event.key, index, count);
      if (target === undefined) return;
      event.preventDefault();
      choose(target);
    },
  };
}
