import { describe, expect, it } from 'vitest';
import { getProvider, sandboxProvider } from '../../../shared/catalog';
import { planChange, planDisconnect, scopesOnlyFor } from './plan';

const sandbox = sandboxProvider('http://127.0.0.1:4890');
const google = getProvider('google')!;
const microsoft = getProvider('microsoft')!;
const github = getProvider('github')!;
const G = (s: string): string => `https://www.googleapis.com/auth/${s}`;
const IDENTITY = ['openid', 'profile', 'email', 'offline_access'];

describe('planChange', () => {
  it('removes from the sandbox by revoking and asking again for the rest', () => {
    const plan = planChange({ info: sandbox, granted: [...IDENTITY, 'files:read', 'files:write'], add: [], remove: ['files:write'] });
    expect(plan.strategy).toBe('revoke-and-reconsent');
    expect(plan.steps.map((s) => s.kind)).toEqual(['revoke', 'authorize']);
    expect(plan.steps[1]).toMatchObject({ scopes: [...IDENTITY, 'files:read'] });
    expect(plan.opensBrowser).toBe(true);
    expect(plan.actionsLost).toEqual(['Edit your files']);
  });

  it('narrows by refresh on Microsoft and says the consent stays', () => {
    const plan = planChange({ info: microsoft, granted: ['openid', 'Mail.Read', 'Mail.Send'], add: [], remove: ['Mail.Send'] });
    expect(plan.strategy).toBe('narrow-refresh');
    expect(plan.steps).toEqual([expect.objectContaining({ kind: 'narrow-refresh', scopes: ['openid', 'Mail.Read'] })]);
    expect(plan.opensBrowser).toBe(false);
    expect(plan.providerRemembers).toMatch(/still remembers/);
  });

  it('sends the person to the provider’s own page where nothing else can remove a scope', () => {
    const plan = planChange({ info: github, granted: ['repo', 'read:org'], add: [], remove: ['read:org'] });
    expect(plan.steps).toEqual([expect.objectContaining({ kind: 'open-console', url: github.consoleUrl })]);
    expect(plan.target).toEqual(['repo', 'read:org']);
  });

  it('adds on Google incrementally, asking only for the new scope', () => {
    const plan = planChange({ info: google, granted: ['openid', 'email', 'profile', G('gmail.readonly')], add: [G('gmail.send')], remove: [] });
    expect(plan.strategy).toBe('incremental');
    expect(plan.steps[0]).toMatchObject({ kind: 'authorize', scopes: ['openid', 'email', 'profile', G('gmail.send')], params: { include_granted_scopes: 'true' } });
    expect(plan.actionsGained).toContain('Send email');
  });

  it('adds elsewhere by asking for the union', () => {
    const plan = planChange({ info: sandbox, granted: [...IDENTITY, 'files:read'], add: ['calendar:write'], remove: [] });
    expect(plan.steps[0]).toMatchObject({ kind: 'authorize', scopes: [...IDENTITY, 'files:read', 'calendar:write'], params: {} });
  });

  it('also takes back granted scopes that include the one removed', () => {
    const plan = planChange({ info: sandbox, granted: [...IDENTITY, 'files:read', 'files:write', 'files:admin'], add: [], remove: ['files:write'] });
    expect(plan.remove).toEqual(['files:write', 'files:admin']);
    expect(plan.target).toEqual([...IDENTITY, 'files:read']);
  });

  it('refuses to remove a sign-in scope, and refuses an empty change', () => {
    expect(() => planChange({ info: sandbox, granted: IDENTITY, add: [], remove: ['openid'] })).toThrow(/remove the whole connection/);
    expect(() => planChange({ info: sandbox, granted: IDENTITY, add: ['openid'], remove: ['files:read'] })).toThrow(/nothing to change/);
  });
});

describe('planDisconnect', () => {
  it('revokes where the provider has an RFC 7009 endpoint', () => {
    expect(planDisconnect(sandbox, IDENTITY).steps.map((s) => s.kind)).toEqual(['revoke', 'forget-locally']);
  });

  it('opens the provider’s console where it has none, and says so', () => {
    const plan = planDisconnect(github, ['repo']);
    expect(plan.steps.map((s) => s.kind)).toEqual(['open-console', 'forget-locally']);
    expect(plan.providerRemembers).toMatch(/github\.com\/settings\/applications/);
  });

  it('only forgets here when Scopekeeper holds no live grant to revoke with, and says so', () => {
    const plan = planDisconnect(sandbox, [], { live: false });
    expect(plan).toMatchObject({ strategy: 'forget-only', opensBrowser: false });
    expect(plan.steps.map((s) => s.kind)).toEqual(['forget-locally']);
    expect(plan.steps[0]?.description).toMatch(/nothing to revoke at Sandbox/);
  });

  it('still opens the console of a provider without revocation when the grant looks dead: the consent may remain there', () => {
    expect(planDisconnect(github, ['repo'], { live: false }).strategy).toBe('console-only');
  });
});

describe('scopesOnlyFor', () => {
  it('removes only what no other enabled action needs, never sign-in scopes', () => {
    const granted = ['openid', 'email', 'profile', G('gmail.readonly'), G('gmail.send')];
    expect(scopesOnlyFor(google, 'send-email', granted)).toEqual([G('gmail.send')]);
    const sandboxGranted = [...IDENTITY, 'files:read', 'files:write'];
    expect(scopesOnlyFor(sandbox, 'sign-in', sandboxGranted)).toEqual([]);
    expect(scopesOnlyFor(sandbox, 'read-files', sandboxGranted)).toEqual([]);
  });
});
