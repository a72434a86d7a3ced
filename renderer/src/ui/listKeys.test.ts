import { describe, expect, it } from 'vitest';
import { listKeyTarget } from './listKeys';

describe('listKeyTarget', () => {
  it('moves by one, by a page, and to either end, never past them', () => {
    expect(listKeyTarget('ArrowDown', 2, 5)).toBe(3);
    expect(listKeyTarget('ArrowDown', 4, 5)).toBe(4);
    expect(listKeyTarget('ArrowUp', 0, 5)).toBe(0);
    expect(listKeyTarget('PageDown', 1, 20)).toBe(9);
    expect(listKeyTarget('PageUp', 3, 20)).toBe(0);
    expect(listKeyTarget('Home', 3, 5)).toBe(0);
    expect(listKeyTarget('End', 0, 5)).toBe(4);
  });

  it('from nothing chosen, Down and Up both choose the first', () => {
    expect(listKeyTarget('ArrowDown', -1, 3)).toBe(0);
    expect(listKeyTarget('ArrowUp', -1, 3)).toBe(0);
  });

  it('leaves other keys and empty lists alone', () => {
    expect(listKeyTarget('Enter', 1, 3)).toBeUndefined();
    expect(listKeyTarget('a', 1, 3)).toBeUndefined();
    expect(listKeyTarget('ArrowDown', -1, 0)).toBeUndefined();
  });
});
