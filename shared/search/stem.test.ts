import { describe, expect, it } from 'vitest';
import { CATALOG, SANDBOX_SCOPES } from '../catalog';
import { stem } from './stem';

/** Each group: forms a person types or a catalog sentence says, which must meet at one stem. */
const SAME_STEM: readonly (readonly string[])[] = [
  ['delete', 'deletes', 'deleted', 'deleting'],
  ['send', 'sends', 'sending'],
  ['file', 'files', 'filing'],
  ['share', 'shares', 'shared', 'sharing'],
  ['change', 'changes', 'changed', 'changing'],
  ['create', 'creates', 'created', 'creating'],
  ['manage', 'manages', 'managed', 'managing'],
  ['read', 'reads', 'reading'],
  ['write', 'writes', 'writing'],
  ['email', 'emails'],
  ['message', 'messages'],
  ['invite', 'invites', 'invited', 'inviting'],
  ['add', 'adds', 'added', 'adding'],
  ['run', 'runs', 'running'],
  ['copy', 'copies', 'copied', 'copying'],
  ['notify', 'notifies', 'notified', 'notifying'],
  ['box', 'boxes'],
  ['match', 'matches', 'matched', 'matching'],
  ['repository', 'repositories'],
  ['see', 'sees', 'seeing'],
  ['access', 'accesses', 'accessed'],
  ['list', 'lists', 'listed', 'listing'],
];

const DIFFERENT: readonly (readonly [string, string])[] = [
  ['read', 'ready'],
  ['file', 'fill'],
  ['delete', 'deal'],
  ['sharing', 'shaping'],
  ['events', 'eve'],
];

describe('stem', () => {
  it.each(SAME_STEM.map((forms) => [forms[0], forms] as const))('meets the forms of "%s" at one stem', (_, forms) => {
    expect(new Set(forms.map(stem))).toEqual(new Set([stem(forms[0]!)]));
  });

  it('keeps different words apart', () => {
    for (const [a, b] of DIFFERENT) expect(stem(a), `${a} / ${b}`).not.toBe(stem(b));
  });

  it('leaves short words, words ending in -ss, -us, -is and words without a vowel before the suffix alone', () => {
    expect(stem('as')).toBe('as');
    expect(stem('its')).toBe('its');
    expect(stem('access')).toBe(stem('accesses'));
    expect(stem('status')).toBe('status');
    expect(stem('analysis')).toBe('analysis');
    expect(stem('string')).toBe('string');
    expect(stem('thing')).toBe('thing');
    expect(stem('bed')).toBe('bed');
  });

  it('is lower case in, lower case out, and leaves what is not an English word alone', () => {
    expect(stem('')).toBe('');
    expect(stem('42')).toBe('42');
    expect(stem('übersicht')).toBe('übersicht');
  });

  it('meets each catalog word with its -s, -es, -ed and -ing forms that the catalog also uses', () => {
    const words = new Set<string>();
    for (const scope of [...CATALOG.flatMap((provider) => provider.scopes), ...SANDBOX_SCOPES]) {
      for (const text of [scope.title, scope.sentence, ...scope.includes]) {
        for (const word of text.toLowerCase().match(/\p{L}+/gu) ?? []) words.add(word);
      }
    }
    const pairs: [string, string][] = [];
    for (const word of words) {
      if (word.length < 4) continue; // shorter words are found by their letters, not their stem
      const base = word.endsWith('e') ? word.slice(0, -1) : word;
      for (const form of [`${word}s`, `${word}es`, `${base}ed`, `${base}ing`]) if (words.has(form)) pairs.push([word, form]);
    }
    expect(pairs.length).toBeGreaterThan(20);
    for (const [word, form] of pairs) expect(stem(form), `${word} / ${form}`).toBe(stem(word));
  });
});
