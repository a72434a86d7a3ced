import { describe, expect, it } from 'vitest';
import { consentPage, loginPage } from './pages';

describe('sandbox pages', () => {
  it('escapes the server name, the account and the scopes', () => {
    const html = consentPage({
      serverName: '<Acme & "Co">',
      uid: 'abc',
      accountId: '<img src=x>',
      scopes: ['files:read', '"><script>'],
      includesOpenid: true,
    });
    expect(html).toContain('Scopekeeper wants access to your &lt;Acme &amp; &quot;Co&quot;&gt; account');
    expect(html).toContain('&lt;img src=x&gt;');
    expect(html).toContain('value="&quot;&gt;&lt;script&gt;" checked> &quot;&gt;&lt;script&gt;</label>');
    expect(html).not.toMatch(/<script|<img/);
  });

  it('names each checkbox by exactly its scope and mentions openid without a checkbox', () => {
    const html = consentPage({ serverName: 'Sandbox', uid: 'abc', accountId: 'alex', scopes: ['files:write'], includesOpenid: true });
    expect(html).toContain('<label><input type="checkbox" name="scope" value="files:write" checked> files:write</label>');
    expect(html).toContain('openid is always granted');
    expect(html).not.toContain('value="openid"');
  });

  it('shows why a sign-in was refused', () => {
    expect(loginPage({ serverName: 'Sandbox', uid: 'abc', error: 'Enter a username.' })).toContain('role="alert">Enter a username.</p>');
  });
});
