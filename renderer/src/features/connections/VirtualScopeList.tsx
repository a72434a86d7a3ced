import { measureElement, observeElementRect, useVirtualizer } from '@tanstack/react-virtual';
import type { Rect, Virtualizer } from '@tanstack/react-virtual';
import { useId, useRef } from 'react';
import type { JSX } from 'react';
import type { ExplainedScope, ScopeUser } from '../../../../shared/ipc/contract';
import type { SearchQuery } from '../../../../shared/search/match';
import { ExplainedScopeRow } from './ExplainedScopeRow';
import { RemoveScopeButton } from './RemoveScopeButton';
import { ROVING_HINT, useRovingRows } from './rovingRows';
import { ScopeUsedBy } from './ScopeUsedBy';
import { scrollUnlessFresh } from '../../ui/virtualScroll';

/** The scroll box's height; also the first guess of the window before layout is known. */
const VIEWPORT_HEIGHT = 480;
/** A collapsed row: the title with its badges and button, and the raw scope in small print. */
const ROW_ESTIMATE = 64;
const ROW_GAP = 6;

/** Rows measure their real height (a row grows when opened); with no layout, keep the estimate. */
function measureRow(element: HTMLLIElement, entry: ResizeObserverEntry | undefined, instance: Virtualizer<HTMLDivElement, HTMLLIElement>): number {
  const measured = measureElement(element, entry, instance);
  return measured > 0 ? measured : ROW_ESTIMATE;
}

/**
 * The box's height is fixed, so a height of 0 only means there is no layout yet (or none at all,
 * as in a test DOM): keep the known height then, and render a window instead of nothing.
 */
function observeBox(instance: Virtualizer<HTMLDivElement, HTMLLIElement>, onRect: (rect: Rect) => void): (() => void) | undefined {
  return observeElementRect(instance, (rect) => onRect(rect.height > 0 ? rect : { ...rect, height: VIEWPORT_HEIGHT }));
}

export interface VirtualScopeListProps {
  connectionId: string;
  rows: readonly ExplainedScope[];
  titles: ReadonlyMap<string, string>;
  usedBy?: ReadonlyMap<string, readonly ScopeUser[]> | undefined;
  /** The permission search, whose matches are marked. */
  query?: SearchQuery;
}

/**
 * The granted list for very long grants: still one <ul aria-label="Granted permissions">, but only
 * the rows in and near the scroll box are in the DOM. aria-setsize / aria-posinset keep the
 * position in the whole list announced. Its rows are one Tab stop (rovingRows.ts): the arrow keys
 * move through them and scroll the box, Home and End bring the first and last row into view.
 */
export function VirtualScopeList({ connectionId, rows, titles, usedBy, query }: VirtualScopeListProps): JSX.Element {
  const scrollRef = useRef<HTMLDivElement>(null);
  const hintId = useId();
  // The virtualizer is mutable by design, so React Compiler would skip memoizing this component.
  // That is what we want (and we do not run the compiler); the rule only reports it.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer<HTMLDivElement, HTMLLIElement>({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_ESTIMATE,
    measureElement: measureRow,
    initialRect: { width: 0, height: VIEWPORT_HEIGHT },
    observeElementRect: observeBox,
    scrollToFn: scrollUnlessFresh,
    getItemKey: (index) => rows[index]?.scope ?? index,
    gap: ROW_GAP,
    overscan: 6,
  });
  const roving = useRovingRows<HTMLUListElement>({ rowCount: rows.length, reveal: (index) => virtualizer.scrollToIndex(index) });

  return (
    <div
      ref={scrollRef}
      className="scope-scroll"
      style={{ height: VIEWPORT_HEIGHT }}
      role="group"
      aria-label={`${rows.length} granted permissions, scroll to see them all`}
      aria-describedby={hintId}
    >
      <p id={hintId} className="visually-hidden">
        {ROVING_HINT}
      </p>
      <ul
        className="scope-list scope-list-virtual"
        aria-label="Granted permissions"
        style={{ height: virtualizer.getTotalSize() }}
        {...roving}
      >
        {virtualizer.getVirtualItems().map((item) => {
          const scope = rows[item.index];
          if (scope === undefined) return null;
          return (
            <ExplainedScopeRow
              key={item.key}
              ref={virtualizer.measureElement}
              data-index={item.index}
              data-roving-index={item.index}
              aria-setsize={rows.length}
              aria-posinset={item.index + 1}
              style={{ transform: `translateY(${item.start}px)` }}
              scope={scope}
              titles={titles}
              query={query}
              action={<RemoveScopeButton connectionId={connectionId} scope={scope} />}
              usage={usedBy && <ScopeUsedBy users={usedBy.get(scope.scope) ?? []} />}
            />
          );
        })}
      </ul>
    </div>
  );
}
