import { describe, expect, it } from 'vitest';
import { approvalTooLong, blockedText, confirmRule, handoutBlock, matchesPattern, providerBlock, scopeBlock, serverBlock } from './decide';
import { mergePolicies, type PolicySource, type ReadPolicy } from './inForce';
import { NO_POLICY } from './noPolicy';
import { parsePolicyText, type PolicyFile } from './schema';

const SOURCES: PolicySource[] = [
  { origin: 'organisation', path: '/etc/scopekeeper/policy.json', state: 'in-force' },
  { origin: 'own', path: '/home/a/.config/Scopekeeper/policy.json', state: 'in-force' },
];

function merged(organisation: Omit<PolicyFile, 'version'> | undefined, own: Omit<PolicyFile, 'version'> | undefined) {
  const read: ReadPolicy[] = [
    ...(own ? [{ origin: 'own' as const, file: { version: 1 as const, ...own } }] : []),
    ...(organisation ? [{ origin: 'organisation' as const, file: { version: 1 as const, ...organisation } }] : []),
  ];
  return mergePolicies(SOURCES, read);
}

describe('the policy file (version 1)', () => {
  it('reads a full example', () => {
    const parsed = parsePolicyText(
      JSON.stringify({
        version: 1,
        providers: { allowed: ['google', 'sandbox'], blocked: ['slack'] },
        blockedScopes: { google: { scopes: ['https://www.googleapis.com/auth/gmail.send'], patterns: ['https://mail.google.com/*'] } },
        tools: { maxApproval: 'week', tokenHandout: false, alwaysConfirm: { sandbox: ['send-messages'] } },
        customServers: { allowed: true, issuers: ['https://login.example.com/'] },
        requiredScopeMode: 'fixed',
      }),
    );
    expect(parsed.ok).toBe(true);
  });

  it('refuses an unknown field, naming it', () => {
    const parsed = parsePolicyText(JSON.stringify({ version: 1, tools: { tokenHandouts: false } }));
    expect(parsed).toEqual({ ok: false, problem: expect.stringContaining('unknown field tools.tokenHandouts') });
  });

  it('refuses a wrong value, naming the field', () => {
    const parsed = parsePolicyText(JSON.stringify({ version: 1, tools: { maxApproval: 'forever' } }));
    expect(parsed).toEqual({ ok: false, problem: expect.stringMatching(/^tools\.maxApproval: /) });
  });

  it('refuses another version, and text that is not JSON', () => {
    expect(parsePolicyText('{"version":2}')).toEqual({ ok: false, problem: expect.stringMatching(/^version: /) });
    expect(parsePolicyText('{ version: 1')).toEqual({ ok: false, problem: expect.stringContaining('not valid JSON') });
    expect(parsePolicyText('[]')).toMatchObject({ ok: false });
  });

  it('refuses a pattern of stars only (it would block everything by accident)', () => {
    expect(parsePolicyText(JSON.stringify({ version: 1, blockedScopes: { sandbox: { patterns: ['**'] } } }))).toMatchObject({ ok: false });
  });
});

describe('patterns', () => {
  it.each([
    ['files:*', 'files:admin', true],
    ['files:*', 'files', false],
    ['*:admin', 'files:admin', true],
    ['a*b*c', 'abc', true],
    ['a*b*c', 'acb', false],
    ['a*a', 'a', false],
    ['https://www.googleapis.com/auth/gmail.*', 'https://www.googleapis.com/auth/gmail.send', true],
    ['files:read', 'files:readonly', false],
    ['files.*', 'filesXadmin', false],
  ])('%s against %s: %s', (pattern, scope, matches) => {
    expect(matchesPattern(pattern, scope)).toBe(matches);
  });
});

describe('merging: the stricter wins', () => {
  it('unites blocks, naming the organisation where both say it', () => {
    const policy = merged({ blockedScopes: { sandbox: { scopes: ['files:admin'] } } }, { blockedScopes: { sandbox: { scopes: ['files:admin', 'messages:write'] } } });
    expect(scopeBlock(policy, 'sandbox', 'files:admin')).toEqual({ by: 'organisation' });
    expect(scopeBlock(policy, 'sandbox', 'messages:write')).toEqual({ by: 'own' });
    expect(scopeBlock(policy, 'sandbox', 'files:read')).toBeUndefined();
    expect(scopeBlock(policy, 'google', 'files:admin')).toBeUndefined();
  });

  it('takes the shorter maximum approval, whoever sets it', () => {
    const policy = merged({ tools: { maxApproval: 'month' } }, { tools: { maxApproval: 'day' } });
    expect(policy.maxApproval).toEqual({ mode: 'day', by: 'own' });
    expect(approvalTooLong(policy, 'week')).toEqual({ by: 'own' });
    expect(approvalTooLong(policy, 'day')).toBeUndefined();
  });

  it('allows a handout or a server only when both files allow it', () => {
    const policy = merged({ tools: { tokenHandout: true }, customServers: { allowed: true } }, { tools: { tokenHandout: false }, customServers: { allowed: false } });
    expect(handoutBlock(policy)).toEqual({ by: 'own' });
    expect(serverBlock(policy, 'https://login.example.com')).toEqual({ by: 'own' });
  });

  it('keeps only providers and issuers on every allow-list given', () => {
    const policy = merged(
      { providers: { allowed: ['google', 'sandbox'] }, customServers: { issuers: ['https://a.example', 'https://b.example/'] } },
      { providers: { allowed: ['sandbox', 'slack'] }, customServers: { issuers: ['https://b.example'] } },
    );
    expect(providerBlock(policy, { id: 'sandbox', custom: false })).toBeUndefined();
    expect(providerBlock(policy, { id: 'google', custom: false })).toEqual({ by: 'organisation' });
    expect(providerBlock(policy, { id: 'slack', custom: false })).toEqual({ by: 'organisation' });
    expect(serverBlock(policy, 'https://b.example/')).toBeUndefined();
    expect(serverBlock(policy, 'https://a.example')).toEqual({ by: 'organisation' });
    expect(serverBlock(policy, undefined)).toEqual({ by: 'organisation' });
  });

  it('blocks a provider named by either file, and confirms what either lists', () => {
    const policy = merged({ providers: { blocked: ['slack'] } }, { tools: { alwaysConfirm: { sandbox: ['send-messages'] } } });
    expect(providerBlock(policy, { id: 'slack', custom: false })).toEqual({ by: 'organisation' });
    expect(confirmRule(policy, 'sandbox', 'send-messages')).toBe('own');
    expect(confirmRule(policy, 'sandbox', 'read-files')).toBeUndefined();
  });

  it('locks everything new down while a file is refused', () => {
    const policy = mergePolicies([{ origin: 'organisation', path: '/etc/scopekeeper/policy.json', state: 'refused', problem: 'not JSON' }], []);
    expect(policy.lockedDown).toBe(true);
    expect(providerBlock(policy, { id: 'sandbox', custom: false })).toEqual({ by: 'unreadable' });
    expect(scopeBlock(policy, 'sandbox', 'files:read')).toEqual({ by: 'unreadable' });
    expect(handoutBlock(policy)).toEqual({ by: 'unreadable' });
    expect(serverBlock(policy, 'https://a.example')).toEqual({ by: 'unreadable' });
  });

  it('restricts nothing without a file', () => {
    expect(providerBlock(NO_POLICY, { id: 'sandbox', custom: false })).toBeUndefined();
    expect(scopeBlock(NO_POLICY, 'sandbox', 'files:admin')).toBeUndefined();
    expect(approvalTooLong(NO_POLICY, 'always')).toBeUndefined();
  });

  it('says whose rule it is in words', () => {
    expect(blockedText({ by: 'organisation' })).toBe("Blocked by your organisation's policy");
    expect(blockedText({ by: 'own' })).toBe('Blocked by your own policy');
  });
});
