import { describe, expect, it } from 'vitest';
import { getProvider, sandboxProvider } from '../../../shared/catalog';
import { explainActions, explainScopes } from './explain';

const sandbox = sandboxProvider('http://127.0.0.1:4890');
const google = getProvider('google')!;
const GMAIL_READONLY = 'https://www.googleapis.com/auth/gmail.readonly';
const GMAIL_SEND = 'https://www.googleapis.com/auth/gmail.send';

describe('explainScopes', () => {
  it('gives each catalog scope its title and sentence, and keeps the raw string', () => {
    const [readonly] = explainScopes(google, [GMAIL_READONLY], [GMAIL_READONLY]);
    expect(readonly).toMatchObject({ scope: GMAIL_READONLY, inferred: false, category: 'mail', access: 'read', sensitivity: 'restricted' });
    expect(readonly!.title.length).toBeGreaterThan(0);
    expect(readonly!.sentence.length).toBeGreaterThan(0);
    expect(readonly!.source).toMatch(/^https:\/\//);
  });

  it('marks a scope another granted scope already includes as redundant', () => {
    const granted = ['files:read', 'files:write', 'tasks:read'];
    const byScope = Object.fromEntries(explainScopes(sandbox, granted, granted).map((e) => [e.scope, e.redundantWith]));
    expect(byScope).toEqual({ 'files:read': ['files:write'], 'files:write': [], 'tasks:read': [] });
  });

  it('never calls a scope that was not granted redundant', () => {
    const [notGranted] = explainScopes(sandbox, ['files:read'], ['files:write']);
    expect(notGranted!.redundantWith).toEqual([]);
  });

  it('explains a scope the catalog does not know from its shape, marked as inferred', () => {
    const [unknown] = explainScopes(google, ['https://www.googleapis.com/auth/photoslibrary.readonly'], []);
    expect(unknown).toMatchObject({ inferred: true, access: 'read' });
    expect(unknown!.title).toMatch(/^Probably:/);
  });
});

describe('explainActions', () => {
  it('says which actions the grant allows and names the missing scope of the others', () => {
    const actions = explainActions(google, [GMAIL_READONLY]);
    const read = actions.find((a) => a.title === 'Read your email');
    const send = actions.find((a) => a.title === 'Send email');
    expect(read).toMatchObject({ available: true, missingScopes: [] });
    expect(send).toMatchObject({ available: false, missingScopes: [GMAIL_SEND] });
  });

  it('marks the actions that only keep the person signed in, which cannot be turned off alone', () => {
    const actions = explainActions(google, ['openid', 'email', 'profile', GMAIL_READONLY]);
    expect(actions.find((a) => a.title === 'Sign you in')).toMatchObject({ keepsYouSignedIn: true });
    expect(actions.find((a) => a.title === 'Read your email')).toMatchObject({ keepsYouSignedIn: false });
  });
});
