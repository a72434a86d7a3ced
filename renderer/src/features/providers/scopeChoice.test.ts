import { describe, expect, it } from 'vitest';
import { offlineProvider, sandboxProvider } from '../../testing/fakeBridge';
import { chosenScopes, initialChoice, parseScopeInput, pickerGroups, withScopeAdded, withScopeTicked } from './scopeChoice';

describe('scope choice', () => {
  it('starts from the default scopes', () => {
    expect(chosenScopes(sandboxProvider, initialChoice(sandboxProvider))).toEqual(['contacts.read']);
    expect(chosenScopes(offlineProvider, initialChoice(offlineProvider))).toEqual(['read']);
  });

  it('groups options by category in catalog order, added scopes last', () => {
    const choice = withScopeAdded(sandboxProvider, initialChoice(sandboxProvider), 'tasks:write');
    expect(pickerGroups(sandboxProvider, choice).map((g) => [g.label, g.entries.map((e) => e.scope)])).toEqual([
      ['Files', ['files.read']],
      ['Contacts', ['contacts.read', 'contacts.write']],
      ['Added scopes', ['tasks:write']],
    ]);
  });

  it('ticks and unticks, and returns the scopes in the order shown', () => {
    let choice = initialChoice(sandboxProvider);
    choice = withScopeTicked(choice, 'contacts.write', true);
    choice = withScopeTicked(choice, 'files.read', true);
    choice = withScopeTicked(choice, 'contacts.read', false);
    expect(chosenScopes(sandboxProvider, choice)).toEqual(['files.read', 'contacts.write']);
  });

  it('adding a scope already shown only ticks it', () => {
    const choice = withScopeAdded(sandboxProvider, initialChoice(sandboxProvider), 'files.read');
    expect(choice.added).toEqual([]);
    expect(chosenScopes(sandboxProvider, choice)).toEqual(['files.read', 'contacts.read']);
  });

  it.each([
    ['', 'Type the scope exactly as the provider documents it.'],
    ['a b', 'A scope has no spaces: add one scope at a time.'],
    ['say"hi"', 'A scope cannot contain quotes, backslashes or letters outside plain ASCII.'],
    ['back\\slash', 'A scope cannot contain quotes, backslashes or letters outside plain ASCII.'],
    ['dépôt', 'A scope cannot contain quotes, backslashes or letters outside plain ASCII.'],
    ['x'.repeat(501), 'That scope is too long.'],
  ])('refuses %j', (text, message) => {
    expect(parseScopeInput(text)).toEqual({ ok: false, message });
  });

  it('accepts a URL scope, trimmed', () => {
    expect(parseScopeInput(' https://www.googleapis.com/auth/gmail.send ')).toEqual({
      ok: true,
      scope: 'https://www.googleapis.com/auth/gmail.send',
    });
  });
});
