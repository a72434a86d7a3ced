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

  it('matches each word of the query on its own, in any of the texts, and never across two texts', () => {
    // title "Change your events" + sentence "Lets the app…": both words are there, each in one text.
    expect(scopeMatches(event, 'events lets')).toBe(true);
    expect(scopeMatches(event, 'eventslets')).toBe(false);
    expect(scopeMatches(event, 'events delete')).toBe(false);
  });

  it('matches the forms of a word: "delete" finds "deleting", "invite" finds "inviting", "event" finds "events"', () => {
    const admin = explained('files:admin', {
      title: 'Manage files and who sees them',
      sentence: 'Lets the app do anything with your sandbox files, including sharing them and deleting them for everyone.',
      category: 'files',
    });
    expect(scopeMatches(admin, 'delete')).toBe(true);
    expect(scopeMatches(admin, 'deletes')).toBe(true);
    expect(scopeMatches(admin, 'share')).toBe(true);
    expect(scopeMatches(admin, 'file')).toBe(true);
    expect(scopeMatches(event, 'invite')).toBe(true);
    expect(scopeMatches(event, 'event')).toBe(true);
    expect(countMatching([{ ...aliceConnection, granted: [admin, event, mail] }], 'delete')).toEqual([1, 3]);
  });

  it('matches actions by their title, word forms included', () => {
    const send = { id: 'send', title: 'Send email', available: true, missingScopes: [] };
    expect(actionMatches(send, 'send')).toBe(true);
    expect(actionMatches(send, 'sending emails')).toBe(true);
    expect(actionMatches(send, 'email send')).toBe(true);
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
