import { describe, expect, it } from 'vitest';
import type { ConnectionView } from '../../../shared/ipc/contract';
import { aliceConnection, explained } from '../testing/fakeBridge';
import { connectionListOf } from '../testing/connectionListOf';
import { connectionIds, grantCounts, listedConnection, listItemOf, listItems } from './connectionList';

describe('the list items the window assembles from grants:list', () => {
  it('are the full views without their detail: scopes explained from the provider meanings, each connection’s own dates and time boxes kept', () => {
    const bob: ConnectionView = {
      ...aliceConnection,
      id: 'conn-bob',
      account: 'bob@example.test',
      granted: aliceConnection.granted.map((s, i) => (i === 0 ? { ...s, grantedAt: '2025-04-01T00:00:00.000Z', timeBox: { until: '2025-04-02T00:00:00.000Z', chosen: '1d' }, redundantWith: ['profile'] } : s)),
    };
    const list = connectionListOf([aliceConnection, bob]);
    // The provider's meanings are sent once, not once per connection.
    expect(list.meanings).toHaveLength(1);
    expect(new Set(list.meanings[0]!.scopes.map((m) => m.scope)).size).toBe(list.meanings[0]!.scopes.length);
    expect(listItems(list)).toEqual([aliceConnection, bob].map(listItemOf));
    // Which granted scopes include another is the detail's to say, whichever way the item came.
    expect(listItems(list)[1]!.granted[0]).not.toHaveProperty('redundantWith');
    expect(listItemOf(bob).granted[0]).not.toHaveProperty('redundantWith');
    expect(listItemOf(bob).granted[0]).toMatchObject({ grantedAt: '2025-04-01T00:00:00.000Z', timeBox: { chosen: '1d' } });
  });

  it('explain a connection’s scopes when they are first read, once: every later read, and a copy, has the same lists', () => {
    const [item] = listItems(connectionListOf([aliceConnection]));
    const granted = item!.granted;
    expect(item!.granted).toBe(granted);
    expect(item!.notGranted).toBe(item!.notGranted);
    expect(granted).toEqual(aliceConnection.granted.map(({ redundantWith: _detailOnly, ...listed }) => listed));
    // Memoised views (useMemo over a connection's scopes) see one list, not a new one per read.
    expect({ ...item }.granted).toBe(granted);
  });

  it('count a connection’s permissions as its detail does: from the meanings, sensitive ones (restricted included) and admin ones', () => {
    const mixed: ConnectionView = {
      ...aliceConnection,
      grantedScopes: ['a', 'b', 'c', 'd'],
      granted: [explained('a'), explained('b', { sensitivity: 'sensitive' }), explained('c', { sensitivity: 'restricted', access: 'admin' }), explained('d', { access: 'admin' })],
    };
    const [item] = listItems(connectionListOf([mixed]));
    expect(item!.counts).toEqual({ permissions: 4, sensitive: 2, admin: 2 });
    expect(item!.counts).toEqual(grantCounts(item!.granted));
    expect(listItemOf(mixed).counts).toEqual({ permissions: 4, sensitive: 2, admin: 2 });
    // A scope its provider has no meaning for is not counted, as the detail does not show it.
    const list = connectionListOf([{ ...mixed, providerId: 'gone' }]);
    expect(listItems({ ...list, meanings: [] })[0]!.counts).toEqual({ permissions: 0, sensitive: 0, admin: 0 });
  });

  it('a granted date left out is the connection’s own; one not recorded stays left out; not-granted scopes have none', () => {
    const later = '2025-05-01T00:00:00.000Z';
    const withDates: ConnectionView = { ...aliceConnection, granted: aliceConnection.granted.map((s, i) => ({ ...s, grantedAt: i === 0 ? later : aliceConnection.connectedAt })) };
    const undated: ConnectionView = { ...aliceConnection, granted: aliceConnection.granted.map(({ grantedAt: _dropped, ...s }) => s) };
    const list = connectionListOf([withDates, undated]);
    expect(list.connections[0]!.grantedFacts).toEqual([{ grantedAt: later }, ...withDates.granted.slice(1).map(() => null)]);
    expect(list.connections[1]!.grantedFacts).toEqual(undated.granted.map(() => ({ grantedAt: null })));
    const [dated, bare] = listItems(list);
    expect(dated!.granted.map((s) => s.grantedAt)).toEqual(withDates.granted.map((s) => s.grantedAt));
    expect(bare!.granted.every((s) => !('grantedAt' in s))).toBe(true);
    expect(dated!.notGranted.every((s) => !('grantedAt' in s))).toBe(true);
  });

  it('finds scopes named like Object’s own properties, and leaves out a scope its provider has no meaning for', () => {
    const odd: ConnectionView = {
      ...aliceConnection,
      grantedScopes: ['__proto__', 'constructor'],
      granted: [explained('__proto__'), explained('constructor')],
      notGrantedScopes: [],
      notGranted: [],
    };
    const [item] = listItems(connectionListOf([odd]));
    expect(item!.granted.map((s) => s.scope)).toEqual(['__proto__', 'constructor']);
    expect(Object.getPrototypeOf(item!.granted[0])).toBe(Object.prototype);

    const unknown = connectionListOf([{ ...odd, providerId: 'gone' }]);
    const [bare] = listItems({ ...unknown, meanings: [] });
    expect(bare!.granted).toEqual([]);
    expect(bare!.grantedScopes).toEqual(['__proto__', 'constructor']);
  });

  it('are looked up by id and listed by id once per list: the same answers for the same list, new ones for a new list', () => {
    const bob: ConnectionView = { ...aliceConnection, id: 'conn-bob', account: 'bob@example.test' };
    const first = listItems(connectionListOf([aliceConnection, bob]));
    expect(connectionIds(first)).toEqual([aliceConnection.id, 'conn-bob']);
    // The same array while the list is the same (a selector's answer that changes nothing renders nothing).
    expect(connectionIds(first)).toBe(connectionIds(first));
    expect(listedConnection(first, 'conn-bob')).toBe(first[1]);
    expect(listedConnection(first, 'constructor')).toBeUndefined();
    expect(listedConnection(first, '__proto__')).toBeUndefined();

    const second = listItems(connectionListOf([bob]));
    expect(connectionIds(second)).toEqual(['conn-bob']);
    expect(listedConnection(second, 'conn-bob')).toBe(second[0]);
    expect(listedConnection(second, aliceConnection.id)).toBeUndefined();
  });
});
