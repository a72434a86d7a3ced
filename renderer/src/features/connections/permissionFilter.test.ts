import { describe, expect, it } from 'vitest';
import { aliceConnection, explained } from '../../testing/fakeBridge';
import { actionMatches, countMatching, scopeMatches, visibleGranted } from './permissionFilter';

const event = explained('https://www.googleapis.com/auth/calendar.events', {
  title: 'Change your events',
  sentence: 'Lets the app change events on your calendars.',
  includes: ['Inviting people'],
  category: 'calendar',
});
const mail = explained('mail.send', { title: 'Send email', sentence: 'Sends calendar invitations.', category: 'mail' });
const admin = explained('directory.manage', { title: 'Manage users', category: 'admin', doesNotAllow: ['Reading your email'] });

describe('permission search', () => {
  it('matches the title, the raw scope and the category, ignoring case', () => {
    expect(scopeMatches(event, 'change your')).toBe(true);
    expect(scopeMatches(event, 'auth/calendar')).toBe(true);
    expect(scopeMatches(event, 'calendar')).toBe(true);
    expect(scopeMatches(admin, 'administration')).toBe(true);
    expect(scopeMatches(admin, 'admin')).toBe(true);
  });

  it('matches the sentence and the includes, which say what the person can look for ("delete", "share")', () => {
    expect(scopeMatches(mail, 'calendar invitations')).toBe(true);
    expect(scopeMatches(event, 'inviting')).toBe(true);
  });

  it('does not match what a scope does not allow, nor unrelated words', () => {
    expect(scopeMatches(admin, 'reading your email')).toBe(false);
    expect(scopeMatches(event, 'delete')).toBe(false);
  });

  it('never matches across the end of one text and the start of the next', () => {
    // title "Change your events" + sentence "Lets the app…": "events lets" is in neither.
    expect(scopeMatches(event, 'events lets')).toBe(false);
    expect(scopeMatches(event, 'events')).toBe(true);
  });

  it('matches actions by their title', () => {
    const send = { id: 'send', title: 'Send email', available: true, missingScopes: [] };
    expect(actionMatches(send, 'send')).toBe(true);
    expect(actionMatches(send, 'calendar')).toBe(false);
    expect(actionMatches(send, '')).toBe(true);
  });

  it('sorts what is shown by category and trims the query', () => {
    expect(visibleGranted([mail, event, admin], '').map((s) => s.scope)).toEqual([
      'mail.send',
      'https://www.googleapis.com/auth/calendar.events',
      'directory.manage',
    ]);
    expect(visibleGranted([mail, event, admin], '  CALENDAR ').map((s) => s.scope)).toEqual([
      'mail.send',
      'https://www.googleapis.com/auth/calendar.events',
    ]);
  });

  it('counts matches over every connection', () => {
    const other = { ...aliceConnection, id: 'other', granted: [mail, event, admin] };
    expect(countMatching([aliceConnection, other], 'calendar')).toEqual([2, 6]);
    expect(countMatching([aliceConnection, other], '')).toEqual([6, 6]);
  });
});
