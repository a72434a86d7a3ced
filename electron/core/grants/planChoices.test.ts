import { describe, expect, it } from 'vitest';
import { getProvider, sandboxProvider } from '../../../shared/catalog';
import { actionStatus } from '../../../shared/scopes/algebra';
import { planChange, planOnlyBroader, scopesOnlyFor, turnOffBlocks } from './plan';

const sandbox = sandboxProvider('http://127.0.0.1:4890');
const microsoft = getProvider('microsoft')!;
const IDENTITY = ['openid', 'profile', 'email', 'offline_access'];
const FILES = ['files:read', 'files:write', 'files:admin'];

describe('an implied take-back', () => {
  const input = { info: sandbox, granted: [...IDENTITY, ...FILES, 'tasks:read'], add: [], remove: ['files:read'] };

  it('names the broader permissions that go too, and why, in words', () => {
    const plan = planChange(input);
    expect(plan.remove).toEqual(FILES);
    expect(plan.implied).toEqual({
      asked: ['files:read'],
      broader: ['files:write', 'files:admin'],
      why: 'Create and change your files and Manage files and who sees them also let an app see your files, so they go too.',
    });
    expect(plan.historyNote).toBe('You took back See your files; Create and change your files and Manage files and who sees them went too, because they include it. ');
  });

  it('one broader permission is named in the singular', () => {
    const plan = planChange({ ...input, remove: ['files:write'] });
    expect(plan.implied?.why).toBe('Manage files and who sees them also lets an app create and change your files, so it goes too.');
  });

  it('offers keeping what was asked: only the broader ones go, with its own honest steps', () => {
    const only = planOnlyBroader(input, planChange(input));
    expect(only?.remove).toEqual(['files:write', 'files:admin']);
    expect(only?.target).toEqual([...IDENTITY, 'files:read', 'tasks:read']);
    expect(only?.implied).toBeUndefined();
    expect(only?.steps.map((s) => s.kind)).toEqual(['revoke', 'authorize']);
    expect(only?.steps[1]).toMatchObject({ scopes: [...IDENTITY, 'files:read', 'tasks:read'] });
    expect(only?.actionsLost).toEqual(['Edit your files', 'Share your files']);
    expect(only?.historyNote).toBe('You kept See your files and took back only the broader ones. ');
  });

  it('on a narrow-refresh provider the other choice narrows too, and says the consent stays', () => {
    const granted = ['openid', 'Mail.Read', 'Mail.ReadWrite'];
    const asked = { info: microsoft, granted, add: [], remove: ['Mail.Read'] };
    const plan = planChange(asked);
    expect(plan.implied?.broader).toEqual(['Mail.ReadWrite']);
    const only = planOnlyBroader(asked, plan);
    expect(only?.strategy).toBe('narrow-refresh');
    expect(only?.steps[0]).toMatchObject({ kind: 'narrow-refresh', scopes: ['openid', 'Mail.Read'] });
    expect(only?.providerRemembers).toMatch(/still remembers/);
  });

  it('no other choice when nothing broader came along, or when the change also adds', () => {
    const plain = { ...input, remove: ['files:admin'] };
    expect(planChange(plain).implied).toBeUndefined();
    expect(planOnlyBroader(plain, planChange(plain))).toBeUndefined();
    expect(planChange({ ...input, granted: [...IDENTITY, 'files:read'] }).implied).toBeUndefined();
  });

  it('asking for a scope and one that includes it is not an implied take-back', () => {
    const plan = planChange({ ...input, remove: ['files:read', 'files:write', 'files:admin'] });
    expect(plan.implied).toBeUndefined();
  });
});

describe('which actions Turn off can change alone', () => {
  it('reading files is needed by editing and sharing them: they are named; sharing can be turned off', () => {
    const blocks = turnOffBlocks(sandbox, [...IDENTITY, ...FILES]);
    expect(blocks.get('read-files')).toEqual({ neededBy: ['Edit your files', 'Share your files'], comesWith: [] });
    expect(blocks.get('edit-files')).toEqual({ neededBy: ['Share your files'], comesWith: [] });
    expect(blocks.has('share-files')).toBe(false);
    // Signing in says so itself, and what is not enabled has no Turn off.
    expect(blocks.has('sign-in')).toBe(false);
    expect(blocks.has('send-messages')).toBe(false);
  });

  it('an action held through a broader permission no action needs names that permission', () => {
    const noWriteAction = { ...sandbox, actions: sandbox.actions.filter((a) => a.id !== 'edit-files' && a.id !== 'share-files') };
    const blocks = turnOffBlocks(noWriteAction, [...IDENTITY, 'files:write']);
    expect(blocks.get('read-files')).toEqual({ neededBy: [], comesWith: ['Create and change your files'] });
  });

  it('agrees with what Turn off would take back, for every combination of files, tasks and messages', () => {
    const pool = [...FILES, 'tasks:read', 'tasks:write', 'messages:read', 'messages:write'];
    for (let mask = 0; mask < 1 << pool.length; mask++) {
      const granted = [...IDENTITY, ...pool.filter((_, i) => mask & (1 << i))];
      const blocks = turnOffBlocks(sandbox, granted);
      for (const { action, available } of actionStatus(sandbox, granted)) {
        if (!available || action.scopes.every((s) => IDENTITY.includes(s))) continue;
        const works = scopesOnlyFor(sandbox, action.id, granted).length > 0;
        expect(blocks.has(action.id), `${action.id} with ${granted.join(' ')}`).toBe(!works);
      }
    }
  });
});
