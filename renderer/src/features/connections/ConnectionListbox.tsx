import { observeElementRect, useVirtualizer } from '@tanstack/react-virtual';
import type { Rect, Virtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import type { JSX } from 'react';
import { connectionIds, listedConnection, useAppStore } from '../../store';
import { ProviderLogo } from '../../ui/ProviderLogo';
import { connectionBadges, connectionSummary } from './connectionSummary';
import { countMatchingIn, normalizeQuery } from './permissionFilter';
import { useSearchQuery } from './useSearchQuery';
import type { ConnectionView } from '../../../../shared/ipc/contract';
import { timeLeftText } from '../../../../shared/timeBox';
import { useNow } from '../../ui/useNow';
import { listboxProps } from '../../ui/listKeys';
import { scrollUnlessFresh } from '../../ui/virtualScroll';

/**
 * Every row has the same height, so the list needs no measuring and scrolls without jumps: room
 * for the name, the account and a summary of two lines (layout.css).
 */
const ROW_HEIGHT = 86;

export const CONNECTION_LISTBOX_ID = 'connection-listbox';

/** Before layout (or with none, as in a test DOM) the list still renders a screenful of rows. */
const FALLBACK_HEIGHT = 600;

/**
 * The list's box as the virtualizer needs it. Where the browser has a ResizeObserver, the box is
 * read only when the observer reports it: laid out already, before the frame is painted. Reading
 * it at mount (as the library's own observer does) would force a layout in the middle of the
 * window's first commit, while `initialRect` serves until the first report anyway.
 */
function observeBox(instance: Virtualizer<HTMLDivElement, HTMLDivElement>, onRect: (rect: Rect) => void): (() => void) | undefined {
  const report = (rect: Rect): void => onRect(rect.height > 0 ? rect : { ...rect, height: FALLBACK_HEIGHT });
  const element = instance.scrollElement;
  const Observer = instance.targetWindow?.ResizeObserver;
  if (element === null || Observer === undefined) return observeElementRect(instance, report);
  const observer = new Observer(() => {
    const { width, height } = element.getBoundingClientRect();
    report({ width: Math.round(width), height: Math.round(height) });
  });
  observer.observe(element, { box: 'content-box' });
  return () => observer.disconnect();
}

function optionId(index: number): string {
  return `connection-option-${index}`;
}

/**
 * The connections as one listbox: one Tab stop, arrow keys, Home and End move the selection (the
 * detail follows it), and the browser focus stays on the list (aria-activedescendant), which
 * lets it be virtualized: only the rows in and near view exist, however many connections there are.
 */
export function ConnectionListbox(): JSX.Element {
  const ids = useAppStore((s) => connectionIds(s.connections));
  const selectedId = useAppStore((s) => s.selectedId);
  const select = useAppStore((s) => s.select);
  const scrollRef = useRef<HTMLDivElement>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const selectedIndex = selectedId === null ? -1 : ids.indexOf(selectedId);

  // The virtualizer is mutable by design; the React Compiler rule only reports that.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer<HTMLDivElement, HTMLDivElement>({
    count: ids.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    initialRect: { width: 280, height: FALLBACK_HEIGHT },
    observeElementRect: observeBox,
    scrollToFn: scrollUnlessFresh,
    getItemKey: (index) => ids[index] ?? index,
    overscan: 4,
  });

  // A connection selected from elsewhere (a new one after connecting) is scrolled into view.
  useEffect(() => {
    // The first row at the top is in view already (the first load's selection): scrolling to it
    // would read the page's layout and, at the first render, force it before the frame.
    if (selectedIndex === 0 && (virtualizer.scrollOffset ?? 0) === 0) return;
    if (selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
  }, [selectedIndex, virtualizer]);

  return (
    <div ref={scrollRef} className="connection-scroll">
      <div
        ref={listRef}
        id={CONNECTION_LISTBOX_ID}
        aria-label="Connected accounts"
        className="connection-listbox"
        style={{ height: virtualizer.getTotalSize() }}
        {...listboxProps(selectedIndex, ids.length, optionId, (index) => select(ids[index]!))}
      >
        {virtualizer.getVirtualItems().map((item) => {
          const id = ids[item.index];
          if (id === undefined) return null;
          return (
            <ConnectionOption
              key={item.key}
              connectionId={id}
              index={item.index}
              setSize={ids.length}
              top={item.start}
              selected={id === selectedId}
              onPick={() => {
                select(id);
                listRef.current?.focus();
              }}
            />
          );
        })}
      </div>
    </div>
  );
}

interface ConnectionOptionProps {
  connectionId: string;
  index: number;
  setSize: number;
  top: number;
  selected: boolean;
  onPick(): void;
}

function ConnectionOption({ connectionId, index, setSize, top, selected, onPick }: ConnectionOptionProps): JSX.Element | null {
  const connection = useAppStore((s) => listedConnection(s.connections, connectionId));
  const query = normalizeQuery(useSearchQuery());
  const now = useNow();
  if (connection === undefined) return null;
  const id = optionId(index);
  const badges = connectionBadges(connection);
  const summary = query === '' ? connectionSummary(connection.state, connection.counts) : `${countMatchingIn(connection, query)} of ${connection.granted.length} match`;
  const lasts = lastsText(connection, now);

  return (
    <div
      id={id}
      role="option"
      aria-selected={selected}
      aria-posinset={index + 1}
      aria-setsize={setSize}
      // The name holds the row's whole visible text in its order (WCAG 2.5.3): account, summary, state.
      aria-label={[`${connection.providerName}: ${connection.account}`, summary, ...badges, ...(lasts ? [lasts] : [])].join(', ')}
      className={selected ? 'connection-option selected' : 'connection-option'}
      style={{ transform: `translateY(${top}px)`, height: ROW_HEIGHT }}
      onClick={onPick}
    >
      <ProviderLogo providerId={connection.providerId} />
      <span className="connection-option-text">
        <span className="connection-option-name" title={connection.providerName}>
          {connection.providerName}
        </span>{' '}
        <span className="connection-option-account" title={connection.account}>
          {connection.account}
        </span>{' '}
        {/* Up to two lines (layout.css), so the summary and its badges are never cut off. */}
        <span className="connection-option-summary">
          {summary}
          {badges.map((badge) => (
            <span key={badge}>
              {' '}
              <span className={`state-badge state-${badge.toLowerCase().replace(/ /g, '-')}`}>{badge}</span>
            </span>
          ))}
          {lasts && <span className="time-left"> {lasts}</span>}
        </span>
      </span>
    </div>
  );
}

/** "Expires in 23 h" for a connection given for a while, "This session" for one that ends at quit. */
function lastsText(connection: Pick<ConnectionView, 'timeBox' | 'sessionOnly'>, now: Date): string | undefined {
  if (connection.timeBox) return timeLeftText(connection.timeBox.until, now);
  return connection.sessionOnly ? 'This session' : undefined;
}
