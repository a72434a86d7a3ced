import { stem } from './stem';

/**
 * The permission search as a pure matcher: a query is words; a text matches a word when it
 * contains the word's letters ("calendar" finds "tasks.calendarsync", "files:wr" finds
 * "files:write") or has a word of the same stem ("delete" finds "deleting"); a thing matches the
 * query when each word matches one of its texts. The same rules give the ranges to highlight.
 */

/** [start, end) of a text that the query matched, for highlighting. */
export type MatchRange = readonly [start: number, end: number];

export interface SearchTerm {
  /** The word as typed, case-folded: found anywhere in a text. */
  readonly text: string;
  /** Its stem, for words of letters long enough to have one worth comparing; else null. */
  readonly stem: string | null;
}

export interface SearchQuery {
  /** Empty: the query filters nothing. */
  readonly terms: readonly SearchTerm[];
}

/** What one thing is searched by, built once: its texts case-folded, and the stems of their words. */
export interface SearchIndex {
  readonly text: string;
  readonly stems: ReadonlySet<string>;
}

/** Shorter words are matched by their letters only: "off" must not find every "of". */
const MIN_STEMMED_LENGTH = 4;
const WORD = /\p{L}+/gu;
const EDGE_NON_LETTERS = /^[^\p{L}]+|[^\p{L}]+$/gu;

/**
 * Lower case that keeps every index of the text, so ranges found in it fit the text shown: a
 * character whose lower case is longer ("İ") is kept as it is.
 */
export function foldCase(text: string): string {
  const lower = text.toLowerCase();
  if (lower.length === text.length) return lower;
  let folded = '';
  for (const character of text) {
    const lowered = character.toLowerCase();
    folded += lowered.length === character.length ? lowered : character;
  }
  return folded;
}

function termOf(text: string): SearchTerm {
  const word = text.replace(EDGE_NON_LETTERS, '');
  const stemmable = word.length >= MIN_STEMMED_LENGTH && /^\p{L}+$/u.test(word);
  return { text, stem: stemmable ? stem(word) : null };
}

/** The query's words, case-folded, each once; blank space between them only separates. */
export function compileQuery(query: string): SearchQuery {
  const words = new Set(foldCase(query).split(/\s+/).filter((word) => word !== ''));
  return { terms: [...words].map(termOf) };
}

/** Texts are joined by a newline, which no query word contains, so no match spans two texts. */
export function indexTexts(texts: readonly string[]): SearchIndex {
  const text = texts.map(foldCase).join('\n');
  return { text, stems: new Set((text.match(WORD) ?? []).map(stem)) };
}

/** Whether every word of the query matches somewhere in the indexed texts. */
export function indexMatches(index: SearchIndex, query: SearchQuery): boolean {
  return query.terms.every((term) => index.text.includes(term.text) || (term.stem !== null && index.stems.has(term.stem)));
}

/** Where the query matches in one text, sorted, overlaps and neighbours merged; [] for none. */
export function matchRanges(text: string, query: SearchQuery): MatchRange[] {
  if (query.terms.length === 0) return [];
  const folded = foldCase(text);
  const found: [number, number][] = [];
  for (const { text: word } of query.terms) {
    for (let at = folded.indexOf(word); at !== -1; at = folded.indexOf(word, at + 1)) found.push([at, at + word.length]);
  }
  const stems = new Set(query.terms.flatMap((term) => (term.stem === null ? [] : [term.stem])));
  if (stems.size > 0) {
    for (const match of folded.matchAll(WORD)) {
      if (stems.has(stem(match[0]))) found.push([match.index, match.index + match[0].length]);
    }
  }
  return merge(found);
}

function merge(ranges: [number, number][]): MatchRange[] {
  ranges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: [number, number][] = [];
  for (const [start, end] of ranges) {
    const last = merged.at(-1);
    if (last !== undefined && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

/** A text cut at the ranges: the pieces in order, each marked when a range covers it. */
export function splitAtRanges(text: string, ranges: readonly MatchRange[]): { text: string; matched: boolean }[] {
  const pieces: { text: string; matched: boolean }[] = [];
  let at = 0;
  for (const [start, end] of ranges) {
    if (start > at) pieces.push({ text: text.slice(at, start), matched: false });
    pieces.push({ text: text.slice(start, end), matched: true });
    at = end;
  }
  if (at < text.length) pieces.push({ text: text.slice(at), matched: false });
  return pieces;
}
