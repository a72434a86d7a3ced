import { describe, expect, it } from 'vitest';
import { aliceConnection, explained } from '../../testing/fakeBridge';
import { grantCounts } from '../../store';
import { connectionBadges, connectionSummary } from './connectionSummary';

describe('connectionSummary', () => {
  it('counts permissions, sensitive ones (restricted included) and admin ones', () => {
    const granted = [
      explained('a'),
      explained('b', { sensitivity: 'sensitive' }),
      explained('c', { sensitivity: 'restricted', access: 'admin' }),
      explained('d', { access: 'admin' }),
    ];
    expect(grantCounts(granted)).toEqual({ permissions: 4, sensitive: 2, admin: 2 });
    expect(connectionSummary('connected', grantCounts(granted))).toBe('4 permissions · 2 sensitive · 2 admin');
  });

  it('leaves out zero parts and says one permission in the singular', () => {
    expect(connectionSummary('connected', grantCounts([explained('a')]))).toBe('1 permission');
    expect(connectionSummary('connected', grantCounts([]))).toBe('0 permissions');
  });

  it('says nothing is granted while disconnected', () => {
    expect(connectionSummary('disconnected', grantCounts(aliceConnection.granted))).toBe('Nothing granted until you reconnect');
  });
});

describe('connectionBadges', () => {
  it('marks a partial grant, a disconnected one, and nothing for a full grant', () => {
    expect(connectionBadges(aliceConnection)).toEqual(['Partial']);
    expect(connectionBadges({ ...aliceConnection, notGrantedScopes: [] })).toEqual([]);
    expect(connectionBadges({ ...aliceConnection, state: 'disconnected' })).toEqual(['Disconnected']);
  });
});
