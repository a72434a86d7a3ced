import type { ReactNode } from 'react';
import { matchRanges, splitAtRanges } from '../../../../shared/search/match';
import type { SearchQuery } from '../../../../shared/search/match';

/**
 * A text with what the permission search matched in <mark> (announced as highlighted where the
 * screen reader does so; the text itself is unchanged, so names built from it stay the same).
 * A plain function, not a component: a row has several texts, most without a match, and each is
 * then only its text (no component of its own to render).
 */
export function highlight(text: string, query: SearchQuery): ReactNode {
  const ranges = matchRanges(text, query);
  if (ranges.length === 0) return text;
  return splitAtRanges(text, ranges).map((piece, index) => (piece.matched ? <mark key={index}>{piece.text}</mark> : <span key={index}>{piece.text}</span>));
}

/**
 * Where a row's match is when its title and raw scope do not show every word of the query: the
 * first of its sentence and what it includes that has one, so a row found by "delete" says why.
 */
export function hiddenMatch(texts: { shown: readonly string[]; other: readonly string[] }, query: SearchQuery): string | undefined {
  const unseen = query.terms.filter((term) => texts.shown.every((text) => matchRanges(text, { terms: [term] }).length === 0));
  if (unseen.length === 0) return undefined;
  return texts.other.find((text) => matchRanges(text, { terms: unseen }).length > 0);
}
