import { describe, expect, it } from 'vitest';
import { getProvider, matchOperation, type ProviderInfo } from '../../../shared/catalog';
import { checkLimit, requestedLimit } from './resourceLimit';
import { requestParams, type BrokerError } from './protocol';

/**
 * A limited approval, as the broker checks it on each call: the URL matched against the action's
 * templates, its path parameters compared with the approved resource the way the provider
 * compares them. GitHub documents owner and repository names as case-insensitive; Google says
 * nothing of calendar ids' case, so a case variant is another calendar.
 */

const github = getProvider('github')!;
const google = getProvider('google')!;
const OCTO_HELLO = { owner: 'octo', repo: 'hello' };

/** Where the call lands: admitted, or the refusal's code and message. */
function verdict(info: ProviderInfo, actionId: string, resource: Record<string, string> | undefined, method: string, href: string): string {
  const action = info.actions.find((a) => a.id === actionId)!;
  const url = new URL(href);
  const operation = matchOperation(action.operations ?? [], method, url);
  if (!operation) return 'no operation';
  try {
    checkLimit(info, resource, operation, method, url);
    return 'admitted';
  } catch (error) {
    return `${(error as BrokerError).code}: ${(error as BrokerError).message}`;
  }
}

const issue = (path: string) => verdict(github, 'create-issues', OCTO_HELLO, 'POST', `https://api.github.com${path}`);

describe('a GitHub approval limited to octo/hello', () => {
  it('admits its repository and refuses another, naming the one allowed', () => {
    expect(issue('/repos/octo/hello/issues')).toBe('admitted');
    expect(issue('/repos/octo/other/issues')).toBe(
      'operation_not_allowed: This approval covers only the repository octo/hello; POST /repos/octo/other/issues is for another repository.',
    );
    expect(issue('/repos/evil/hello/issues')).toMatch(/^operation_not_allowed: .*is for another repository/);
  });

  it('admits a case variant, as GitHub reads owner and repository names case-insensitively', () => {
    expect(issue('/repos/OCTO/Hello/issues')).toBe('admitted');
    // Only ASCII letters fold: the Kelvin sign is not a "k", and a long s is not an "s".
    expect(verdict(github, 'create-issues', { owner: 'kit', repo: 'hello' }, 'POST', 'https://api.github.com/repos/%E2%84%AAit/hello/issues')).toMatch(/^operation_not_allowed/);
    expect(verdict(github, 'create-issues', { owner: 'octo', repo: 'ss' }, 'POST', 'https://api.github.com/repos/octo/%C5%BF%C5%BF/issues')).toMatch(/^operation_not_allowed/);
  });

  it('reads percent-encoding as the provider does: an encoded spelling of the same name is it, a broken one is nothing', () => {
    expect(issue('/repos/oct%6F/hell%6f/issues')).toBe('admitted');
    expect(issue('/repos/octo/hello%2e/issues')).toMatch(/^operation_not_allowed/);
    expect(issue('/repos/octo/%E0%A4%A/issues')).toMatch(/^operation_not_allowed/);
    // Dot segments are resolved by the URL parser before matching: this is octo/other.
    expect(issue('/repos/octo/hello/../other/issues')).toMatch(/^operation_not_allowed: .*POST \/repos\/octo\/other\/issues/);
    expect(issue('/repos/octo/hello/%2e%2e/other/issues')).toMatch(/^operation_not_allowed/);
  });

  it('refuses an operation of the action that names no repository (listing them all)', () => {
    expect(verdict(github, 'read-private-repos', OCTO_HELLO, 'GET', 'https://api.github.com/user/repos')).toBe(
      'operation_not_allowed: This approval covers only the repository octo/hello; GET /user/repos names no repository.',
    );
    expect(verdict(github, 'read-private-repos', OCTO_HELLO, 'GET', 'https://api.github.com/repos/Octo/hello')).toBe('admitted');
    // Without a limit, everything the action declares.
    expect(verdict(github, 'read-private-repos', undefined, 'GET', 'https://api.github.com/user/repos')).toBe('admitted');
  });

  it('a limit the catalog no longer declares admits nothing', () => {
    expect(verdict(github, 'create-issues', { repo: 'hello' }, 'POST', 'https://api.github.com/repos/octo/hello/issues')).toMatch(/^operation_not_allowed: .*only the resource hello/);
  });
});

describe('a Google Calendar approval limited to one calendar', () => {
  it('compares calendar ids exactly', () => {
    const events = (calendar: string) => verdict(google, 'read-calendar', { calendarId: 'team@example.com' }, 'GET', `https://www.googleapis.com/calendar/v3/calendars/${calendar}/events`);
    expect(events('team@example.com')).toBe('admitted');
    expect(events('team%40example.com')).toBe('admitted');
    expect(events('Team@example.com')).toMatch(/^operation_not_allowed: This approval covers only the calendar team@example.com/);
    expect(events('primary')).toMatch(/^operation_not_allowed/);
  });
});

describe('what a tool may name', () => {
  const limitOf = (info: ProviderInfo, actionIds: string[], resource: Record<string, string>) => {
    try {
      return requestedLimit(info, actionIds.map((id) => info.actions.find((a) => a.id === id)!), resource);
    } catch (error) {
      return `${(error as BrokerError).code}: ${(error as BrokerError).message}`;
    }
  };

  it('a resource the provider declares, for actions whose URLs name it', () => {
    expect(limitOf(github, ['create-issues', 'read-private-repos'], OCTO_HELLO)).toEqual({ label: 'octo/hello', noun: 'repository' });
    expect(limitOf(github, ['create-issues'], { owner: 'octo' })).toBe('bad_request: GitHub approvals can be limited only to one repository ({owner}, {repo}).');
    expect(limitOf(google, ['send-email'], { calendarId: 'primary' })).toMatch(/^bad_request: “Send email” names no calendar in its URLs/);
    expect(limitOf(getProvider('slack')!, ['send-message'], { channel: 'C1' })).toBe('bad_request: Slack approvals cannot be limited to one resource: its URLs name none Scopekeeper can check.');
  });

  it('values that are one plain path segment', () => {
    const named = (value: string) => requestParams.safeParse({ providerId: 'github', actions: ['create-issues'], resource: { owner: 'octo', repo: value } }).success;
    expect(named('hello')).toBe(true);
    expect(named('hello.js')).toBe(true);
    for (const bad of ['', 'a/b', 'a\\b', 'a%2fb', '..', '.', 'a b', 'a?b', 'a#b', 'a\u0000b', 'x'.repeat(201)]) expect(named(bad), bad).toBe(false);
    const keyed = (resource: unknown) => requestParams.safeParse({ providerId: 'github', actions: ['create-issues'], resource }).success;
    expect(keyed({})).toBe(false);
    expect(keyed(JSON.parse('{"__proto__":"x"}'))).toBe(false);
    expect(keyed({ 'repo/x': 'a' })).toBe(false);
  });
});
