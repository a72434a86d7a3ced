import { describe, expect, it } from 'vitest';
import { closestNames, didYouMean } from './suggest';

const SANDBOX = ['read-files', 'edit-files', 'share-files', 'read-messages', 'send-messages', 'read-tasks', 'manage-tasks'];

describe('closest names', () => {
  it('finds a near miss (a letter missing, extra, wrong or swapped) and only the closest', () => {
    expect(closestNames('send-mesages', SANDBOX)).toEqual(['send-messages']);
    expect(closestNames('read-file', SANDBOX)).toEqual(['read-files']);
    expect(closestNames('raed-files', SANDBOX)).toEqual(['read-files']);
    expect(closestNames('Send-Messages', SANDBOX)).toEqual(['send-messages']);
  });

  it('offers what contains the word typed, at most three', () => {
    expect(closestNames('files', SANDBOX)).toEqual(['edit-files', 'read-files', 'share-files']);
    expect(closestNames('send', SANDBOX)).toEqual(['send-messages']);
  });

  it('offers nothing for a name nowhere near, or an empty one', () => {
    expect(closestNames('delete-everything', SANDBOX)).toEqual([]);
    expect(closestNames('  ', SANDBOX)).toEqual([]);
    expect(didYouMean('xyz', SANDBOX)).toBe('');
  });

  it('says it as a question', () => {
    expect(didYouMean('send-mesages', SANDBOX)).toBe(' Did you mean send-messages?');
    expect(didYouMean('tasks', SANDBOX)).toBe(' Did you mean manage-tasks or read-tasks?');
  });
});
