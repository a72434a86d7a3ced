import { describe, expect, it } from 'vitest';
import { aliceConnection, explained } from '../../testing/fakeBridge';
import { countMatching, scopeMatches, visibleGranted } from './permissionFilter';

const event = explained('https://www.googleapis.com/auth/calendar.events', {
  title: 'Change your events',
  sentence: 'Lets the app change events on your calendars.',
  includes: ['Inviting people'],
  category: 'calendar',
});
const mail = explained('mail.send', { title: 'Send email', sentence: 'Sends calendar invitations.', category: 'mail' });
const admin = explained('directory.manage', { title: 'Manage users', category: 'admin' });

describe('permission search', () => {
  it('matches the title, the raw scope and the category, ignoring case', () => {
    expect(scopeMatches(event, 'change your')).toBe(true);
    expect(scopeMatches(event, 'auth/calendar')).toBe(true);
    expect(scopeMatches(event, 'calendar')).toBe(true);
    expect(scopeMatches(admin, 'administration')).toBe(true);
    expect(scopeMatches(admin, 'admin')).toBe(true);
  });

  it('does not match the sentence or the includes', () => {
    expect(scopeMatches(mail, 'calendar')).toBe(false);
    expect(scopeMatches(event, 'inviting')).toBe(false);
  });

  it('sorts what is shown by category and trims the query', () => {
    expect(visibleGranted([mail, event, admin], '').map((s) => s.scope)).toEqual([
      'mail.send',
      'https://www.googleapis.com/auth/calendar.events',
      'directory.manage',
    ]);
    expect(visibleGranted([mail, event, admin], '  CALENDAR ').map((s) => s.scope)).toEqual([
      'https://www.googleapis.com/auth/calendar.events',
    ]);
  });

  it('counts matches over every connection', () => {
    const other = { ...aliceConnection, id: 'other', granted: [mail, event, admin] };
    expect(countMatching([aliceConnection, other], 'calendar')).toEqual([1, 6]);
    expect(countMatching([aliceConnection, other], '')).toEqual([6, 6]);
  });
});
