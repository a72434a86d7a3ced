import { describe, expect, it } from 'vitest';
import { body, text } from './bodyFields';
import { withOperations } from './operationTable';
import type { OperationRow } from './operationTable';

const actions = [
  { id: 'read', title: 'Read', scopes: ['r'] },
  { id: 'send', title: 'Send', scopes: ['w'], effect: 'sends' as const },
  { id: 'stay', title: 'Stay', scopes: ['o'] },
];

const row = (action: string, method: OperationRow['method'], path: string, page: string): OperationRow => ({
  action,
  method,
  url: `https://api.example.test${path}`,
  source: `https://docs.example.test/${page}`,
  page,
});

describe('a provider table of operations', () => {
  it('gives each action its rows in order, with the body its page documents', () => {
    const message = body({ text: text('The message.') }, ['text']);
    const built = withOperations(actions, [row('read', 'GET', '/m', 'list'), row('send', 'POST', '/m', 'post'), row('read', 'GET', '/m/{id}', 'get')], { post: message });
    expect(built.map((a) => a.operations?.map((op) => `${op.method} ${op.url}`))).toEqual([
      ['GET https://api.example.test/m', 'GET https://api.example.test/m/{id}'],
      ['POST https://api.example.test/m'],
      undefined,
    ]);
    expect(built[1]!.operations![0]).toEqual({ method: 'POST', url: 'https://api.example.test/m', source: 'https://docs.example.test/post', body: message });
    expect(built[0]!.operations![0]).not.toHaveProperty('body');
    expect(built[1]!.effect).toBe('sends');
  });

  it('refuses a row for an action the provider does not have', () => {
    expect(() => withOperations(actions, [row('raed', 'GET', '/m', 'list')])).toThrow('names no action of its provider: raed');
  });

  it('refuses a documented body that no row uses, so a misspelt page cannot drop a body silently', () => {
    expect(() => withOperations(actions, [row('send', 'POST', '/m', 'post')], { posst: body({}) })).toThrow('belongs to no operation: posst');
  });

  it('does not take a body from the prototype of the table', () => {
    const built = withOperations(actions, [row('read', 'GET', '/m', 'toString')]);
    expect(built[0]!.operations![0]).not.toHaveProperty('body');
  });
});
