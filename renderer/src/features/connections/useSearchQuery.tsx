import { createContext, useContext, useDeferredValue } from 'react';
import type { JSX, ReactNode } from 'react';
import { useAppStore } from '../../store';

const SearchQueryContext = createContext('');

/**
 * Reads the permission search once for everything under it, deferred: a keystroke repaints the
 * field at once and the lists, counts and sidebar rows follow in a render React may interrupt for
 * the next keystroke (useDeferredValue).
 *
 * Only this component subscribes to the store's query. Its children are elements made by its
 * parent, so the keystroke's own render stops here: the old deferred value changes nothing below,
 * and the readers (useSearchQuery) render once, in the deferred pass. When every row and list
 * subscribed itself, each of them rendered twice per keystroke, the first time in the keystroke's
 * own frame. The field itself reads `permissionQuery` directly.
 */
export function SearchQueryProvider({ children }: { children: ReactNode }): JSX.Element {
  const query = useDeferredValue(useAppStore((s) => s.permissionQuery));
  return <SearchQueryContext value={query}>{children}</SearchQueryContext>;
}

/** The deferred permission search; '' outside a SearchQueryProvider. */
export function useSearchQuery(): string {
  return useContext(SearchQueryContext);
}
