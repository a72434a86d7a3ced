// @vitest-environment happy-dom
import { render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from '@testing-library/react';
import type { ProviderView } from '../../../../shared/ipc/contract';
import { sandboxProvider } from '../../testing/fakeBridge';
import { ClientGuide } from './ClientGuide';
import { consoleGuide } from './consoleGuides';
import { redirectUriFor } from './ownClientForm';

afterEach(cleanup);

function showGuide(id: string, name: string): HTMLElement {
  const provider: ProviderView = { ...sandboxProvider, id, name, appScopes: ['openid'] };
  return render(<ClientGuide provider={provider} guide={consoleGuide(id)} redirectUri={redirectUriFor(undefined)} />).container;
}

describe('the guide to one’s own OAuth app', () => {
  it('Google (Desktop app): says once that there is no redirect URI to register, and shows the one Scopekeeper uses', () => {
    const guide = showGuide('google', 'Google');
    expect(screen.queryByRole('group', { name: 'Redirect URI to register' })).toBeNull();
    expect(screen.getByRole('group', { name: 'Redirect URI Scopekeeper uses' }).textContent).toBe('http://127.0.0.1/callback');
    expect(guide.textContent).toMatch(/nothing to register/i);
    expect(guide.textContent).not.toMatch(/Redirect URI to register/);
  });

  it('Google: names test users, the publishing status, verification of restricted scopes, and a “Testing” app’s 7-day sign-ins', () => {
    const text = showGuide('google', 'Google').textContent!;
    expect(text).toMatch(/test users?/i);
    expect(text).toContain('“Testing”');
    expect(text).toContain('“In production”');
    expect(text).toMatch(/refresh tokens?[^.]*7 days|7 days[^.]*sign-ins?/);
    expect(text).toMatch(/restricted scopes[^.]*security assessment/i);
  });

  it('Microsoft: the redirect URI to register is the loopback address Scopekeeper sends (any port), never localhost', () => {
    const guide = showGuide('microsoft', 'Microsoft');
    expect(within(guide).getByRole('group', { name: 'Redirect URI to register' }).textContent).toBe('http://127.0.0.1/callback');
    expect(guide.textContent).toContain('custom redirect URI http://127.0.0.1/callback');
    expect(guide.textContent).not.toContain('localhost');
  });
});
