import { describe, expect, it } from 'vitest';
import { actionCovering, CATALOG, getProvider, matchOperation, parseTemplate, resolveOperationUrl, sandboxProvider, templateMatches } from './index';
import { resolveOperation } from './operations';
import type { ActionInfo, ProviderInfo } from './index';

const sandbox = sandboxProvider('http://127.0.0.1:4890');

function provider(id: string): ProviderInfo {
  const found = id === 'sandbox' ? sandbox : getProvider(id);
  if (found === undefined) throw new Error(`missing provider ${id}`);
  return found;
}

function operationsOf(providerId: string, actionId: string) {
  return provider(providerId).actions.find((a) => a.id === actionId)?.operations ?? [];
}

describe('actions know their operations', () => {
  it('every Sandbox action that is an API call lists its operations', () => {
    // Staying connected is a refresh token, not a request a tool makes.
    const withoutOperations = sandbox.actions.filter((a) => (a.operations ?? []).length === 0).map((a) => a.id);
    expect(withoutOperations).toEqual(['stay-connected']);
  });

  it.each([
    ['google', 'read-email', 'GET', 'https://gmail.googleapis.com/gmail/v1/users/me/messages'],
    ['google', 'read-email', 'GET', 'https://gmail.googleapis.com/gmail/v1/users/me/messages/18c2f'],
    ['google', 'send-email', 'POST', 'https://gmail.googleapis.com/gmail/v1/users/me/messages/send'],
    ['google', 'read-calendar', 'GET', 'https://www.googleapis.com/calendar/v3/calendars/primary/events'],
    ['github', 'read-private-repos', 'GET', 'https://api.github.com/user/repos'],
    ['github', 'create-issues', 'POST', 'https://api.github.com/repos/octo/hello/issues'],
    ['slack', 'send-message', 'POST', 'https://slack.com/api/chat.postMessage'],
    ['microsoft', 'read-email', 'GET', 'https://graph.microsoft.com/v1.0/me/messages'],
    ['sandbox', 'send-messages', 'POST', 'http://127.0.0.1:4890/api/messages'],
    ['sandbox', 'read-files', 'GET', 'http://127.0.0.1:4890/api/files/f1'],
  ])('%s %s covers %s %s', (providerId, actionId, method, url) => {
    expect(matchOperation(operationsOf(providerId, actionId), method, new URL(url))).toBeDefined();
  });

  it.each([...CATALOG, sandbox].flatMap((p) => p.actions.flatMap((a) => (a.operations ?? []).map((op) => [p.id, a.id, op.method, op.url] as const))))(
    '%s %s: %s %s is a well-formed template on the provider’s API host',
    (providerId, _action, _method, url) => {
      const { origin, segments } = parseTemplate(url);
      expect(new URL(origin).protocol).toBe(providerId === 'sandbox' ? 'http:' : 'https:');
      expect(segments.every((s) => s.length > 0)).toBe(true);
    },
  );

  it('no two actions of a provider claim the same operation, unless each names the one kind of resource it covers', () => {
    for (const p of [...CATALOG, sandbox]) {
      const claimants = new Map<string, ActionInfo[]>();
      for (const action of p.actions) {
        for (const op of action.operations ?? []) claimants.set(`${op.method} ${op.url}`, [...(claimants.get(`${op.method} ${op.url}`) ?? []), action]);
      }
      for (const [key, actions] of claimants) {
        if (actions.length === 1) continue;
        const kinds = actions.map((a) => a.resourceKind);
        expect(kinds.every((k) => k !== undefined), `${p.id}: ${key} is claimed by ${actions.map((a) => a.id).join(', ')}`).toBe(true);
        expect(new Set(kinds.map((k) => k?.param)).size, `${p.id}: ${key} names its resource in one argument`).toBe(1);
        expect(new Set(kinds.map((k) => k?.kind)).size, `${p.id}: ${key} claimed twice for one kind`).toBe(actions.length);
      }
    }
  });

  it('Slack: each read action declares conversations.history and .replies for its own kind of conversation, citing the reference that lists a scope per kind', () => {
    const slack = provider('slack');
    const kinds = ['read-channels', 'read-private-channels', 'read-direct-messages'].map((id) => {
      const action = slack.actions.find((a) => a.id === id)!;
      expect(action.operations?.map((op) => `${op.method} ${op.url}`), id).toEqual(['GET https://slack.com/api/conversations.history', 'GET https://slack.com/api/conversations.replies']);
      expect(action.resourceKind?.source, id).toBe('https://api.slack.com/methods/conversations.history');
      expect(action.resourceKind?.param, id).toBe('channel');
      return [id, action.resourceKind?.kind, action.scopes];
    });
    // Slack answers conversations.info, which tells the kind, only with the kind's `*:read` scope.
    expect(kinds).toEqual([
      ['read-channels', 'public_channel', ['channels:history', 'channels:read']],
      ['read-private-channels', 'private_channel', ['groups:history', 'groups:read']],
      ['read-direct-messages', 'im', ['im:history', 'im:read']],
    ]);
  });
});

describe('matching a request against a template', () => {
  const files = 'http://127.0.0.1:4890/api/files/{fileId}';

  it('matches one non-empty segment per parameter, and only on the same origin', () => {
    expect(templateMatches(files, new URL('http://127.0.0.1:4890/api/files/abc?download=1'))).toBe(true);
    expect(templateMatches(files, new URL('http://127.0.0.1:4890/api/files/abc/extra'))).toBe(false);
    expect(templateMatches(files, new URL('http://127.0.0.1:4890/api/files'))).toBe(false);
    expect(templateMatches(files, new URL('http://127.0.0.1:4891/api/files/abc'))).toBe(false);
    expect(templateMatches(files, new URL('http://localhost:4890/api/files/abc'))).toBe(false);
  });

  it('refuses encoded slashes and backslashes that would widen one segment', () => {
    expect(templateMatches(files, new URL('http://127.0.0.1:4890/api/files/a%2Fb'))).toBe(false);
    expect(templateMatches(files, new URL('http://127.0.0.1:4890/api/files/a%5cb'))).toBe(false);
  });

  it('reads dot segments as the provider would: /api/files/../webhooks is the webhooks list', () => {
    const url = resolveOperationUrl(operationsOf('sandbox', 'read-files'), 'GET', '/api/files/../webhooks');
    expect(url).toBeUndefined();
    expect(actionCovering(sandbox.actions, 'GET', new URL('http://127.0.0.1:4890/api/files/%2e%2e/webhooks'))?.id).toBe('see-webhooks');
  });

  it('resolves a relative path on the action’s own host, never another one', () => {
    expect(resolveOperationUrl(operationsOf('sandbox', 'send-messages'), 'POST', '/api/messages')?.href).toBe('http://127.0.0.1:4890/api/messages');
    expect(resolveOperationUrl(operationsOf('sandbox', 'send-messages'), 'POST', '//evil.example/api/messages')).toBeUndefined();
    expect(resolveOperationUrl(operationsOf('sandbox', 'send-messages'), 'GET', '/api/messages')).toBeUndefined();
    expect(resolveOperationUrl(operationsOf('google', 'read-calendar'), 'GET', '/calendar/v3/calendars/primary/events')?.origin).toBe('https://www.googleapis.com');
  });

  it('resolves the URL and its operation in one pass, and says why a full URL cannot be matched', () => {
    const read = operationsOf('sandbox', 'read-files');
    const found = resolveOperation(read, 'GET', '/api/files/f1');
    expect(found.url?.href).toBe('http://127.0.0.1:4890/api/files/f1');
    expect(found.operation).toBe(matchOperation(read, 'GET', found.url!));
    expect(resolveOperation(read, 'GET', 'http://127.0.0.1:4890/api/files/a%2Fb')).toMatchObject({ unsafe: 'The path contains an encoded slash or a backslash.' });
    expect(resolveOperation(read, 'GET', 'http://127.0.0.1:4890/api//files')).toMatchObject({ unsafe: 'The path contains an empty segment.' });
    expect(resolveOperation(read, 'GET', 'http://127.0.0.1:4890/api/messages')).toEqual({ url: new URL('http://127.0.0.1:4890/api/messages') });
    // A relative path that fits nowhere (or only unsafely) resolves to nothing, as resolveOperationUrl says.
    expect(resolveOperation(read, 'GET', '/api/files/a%2Fb')).toEqual({});
    expect(resolveOperation(read, 'GET', 'api/files')).toEqual({});
  });

  it('the method is part of the operation', () => {
    expect(matchOperation(operationsOf('sandbox', 'read-files'), 'DELETE', new URL('http://127.0.0.1:4890/api/files/f1'))).toBeUndefined();
    expect(matchOperation(operationsOf('sandbox', 'read-files'), 'get', new URL('http://127.0.0.1:4890/api/files/f1'))).toBeDefined();
  });
});
