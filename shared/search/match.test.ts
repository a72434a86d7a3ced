import { describe, expect, it } from 'vitest';
import { compileQuery, foldCase, indexMatches, indexTexts, matchRanges, splitAtRanges } from './match';

const FILES_ADMIN = 'Lets the app do anything with your sandbox files, including sharing them and deleting them for everyone.';
const matches = (texts: string[], query: string) => indexMatches(indexTexts(texts), compileQuery(query));
const marked = (text: string, query: string) => matchRanges(text, compileQuery(query)).map(([start, end]) => text.slice(start, end));

describe('the search matcher', () => {
  it('finds the forms of a word: "delete" finds "deleting", "send" finds "sending", "file" finds "files"', () => {
    expect(matches([FILES_ADMIN], 'delete')).toBe(true);
    expect(marked(FILES_ADMIN, 'delete')).toEqual(['deleting']);
    // A word found by its stem is marked whole.
    expect(marked('Sending messages as you', 'send')).toEqual(['Sending']);
    expect(marked('Sending messages as you', 'SEND')).toEqual(['Sending']);
    expect(marked('See your files', 'file')).toEqual(['files']);
    expect(marked('Deleted, deletes and deleting', 'deleting')).toEqual(['Deleted', 'deletes', 'deleting']);
  });

  it('still finds letters inside words and raw scope strings, as the person types', () => {
    expect(marked('tasks.calendarsync', 'calendar')).toEqual(['calendar']);
    expect(marked('https://www.googleapis.com/auth/calendar.events', 'auth/calendar')).toEqual(['auth/calendar']);
    expect(marked('files:write', 'files:wr')).toEqual(['files:wr']);
    expect(marked(FILES_ADMIN, 'dele')).toEqual(['dele']);
    expect(marked(FILES_ADMIN, 'elet')).toEqual(['elet']);
  });

  it('needs every word of the query, each in any of the texts, in any order', () => {
    expect(matches(['Manage files and who sees them', FILES_ADMIN], 'delete files')).toBe(true);
    expect(matches(['Manage files and who sees them', FILES_ADMIN], 'files delete')).toBe(true);
    expect(matches(['Manage files and who sees them', FILES_ADMIN], 'delete calendar')).toBe(false);
    expect(marked('Manage files and who sees them', 'files manage')).toEqual(['Manage', 'files']);
  });

  it('matches short words by their letters only, so "off" does not find every "of"', () => {
    expect(matches(['Turn it off'], 'off')).toBe(true);
    expect(matches(['Lists of files'], 'off')).toBe(false);
    expect(marked('Lists of files', 'off')).toEqual([]);
  });

  it('never matches across two texts', () => {
    expect(matches(['Change your events', 'Lets the app change events'], 'eventslets')).toBe(false);
    expect(matches(['Change your events', 'Lets the app change events'], 'events\nlets')).toBe(true); // two words
  });

  it('matches everything with an empty or blank query, and highlights nothing', () => {
    expect(compileQuery('   ').terms).toEqual([]);
    expect(matches(['anything'], '')).toBe(true);
    expect(matchRanges('anything', compileQuery(''))).toEqual([]);
  });

  it('merges overlapping and touching ranges, and keeps indexes when lower case would change the length', () => {
    expect(marked('deleting', 'del delet')).toEqual(['deleting']);
    expect(matchRanges('aaa', compileQuery('aa'))).toEqual([[0, 3]]);
    expect(foldCase('İstanbul Files')).toHaveLength('İstanbul Files'.length);
    expect(marked('İstanbul files', 'files')).toEqual(['files']);
  });

  it('treats punctuation and markup in the query as letters to find, never as a pattern', () => {
    expect(matches(['Read (all) files'], '(all)')).toBe(true);
    expect(matches(['Read files'], '.*')).toBe(false);
    expect(marked('Read <b>files</b>', '<b>')).toEqual(['<b>']);
    expect(marked('Deleting, sharing', 'deleting,')).toEqual(['Deleting,']);
  });

  it('cuts a text at its ranges into marked and plain pieces', () => {
    expect(splitAtRanges('See your files', [[9, 13]])).toEqual([
      { text: 'See your ', matched: false },
      { text: 'file', matched: true },
      { text: 's', matched: false },
    ]);
    expect(splitAtRanges('abc', [])).toEqual([{ text: 'abc', matched: false }]);
    expect(splitAtRanges('abc', [[0, 3]])).toEqual([{ text: 'abc', matched: true }]);
  });
});
