// @vitest-environment happy-dom
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChangeOutcome, ConnectionView } from '../../../../shared/ipc/contract';
import type { Result } from '../../../../shared/ipc/errors';
import { App } from '../../App';
import { aliceConnection, changePlan, deferred, explained, fail, ok } from '../../testing/fakeBridge';
import { renderWithBridge, resetApp } from '../../testing/renderWithBridge';

afterEach(resetApp);

const ALICE = 'Sandbox: alice@example.test';

async function renderApp(connections: ConnectionView[] = [aliceConnection]) {
  const rendered = renderWithBridge(<App />, { connections });
  // The card's sections below its permissions follow in a render of their own: History is last.
  await within(await screen.findByRole('article', { name: ALICE })).findByRole('heading', { name: 'History' });
  return rendered;
}

const card = () => screen.getByRole('article', { name: ALICE });
const button = (name: string) => within(card()).getByRole('button', { name }) as HTMLButtonElement;
const dialog = () => screen.getByRole('dialog');
const click = (element: HTMLElement) => act(async () => element.click());

const removal = changePlan({
  planId: 'plan-remove',
  remove: [explained('contacts.read', { title: 'See your contacts' })],
  steps: [
    { kind: 'revoke', description: 'Scopekeeper asks Sandbox to revoke its current access.' },
    { kind: 'authorize', description: 'Your browser opens so you can approve the 2 permissions you keep.' },
  ],
  opensBrowser: true,
  providerRemembers: 'Sandbox forgets the whole grant.',
  actionsLost: ['See your contacts'],
});

describe('buttons on the connection card', () => {
  it('Take back on each granted row except identity scopes, named in words; identity rows say why not', async () => {
    const { bridge } = await renderApp();
    const rows = within(card())
      .getAllByRole('list', { name: /^Granted permissions/ })
      .flatMap((ul) => within(ul).getAllByRole('listitem'));
    expect(rows.map((row) => within(row).queryByRole('button', { name: /^Take back / })?.getAttribute('aria-label') ?? null)).toEqual([
      null,
      null,
      'Take back See your contacts',
    ]);
    expect(within(rows[0]!).getByText('Keeps you signed in')).toBeTruthy();
    expect(button('Take back See your contacts').textContent).toBe('Take back');

    await click(button('Take back See your contacts'));
    expect(bridge.api.grants.planChange).toHaveBeenCalledWith({ connectionId: aliceConnection.id, remove: ['contacts.read'] });
    // The dialog is named for what it does, with a matching button.
    expect(dialog().getAttribute('aria-labelledby')).toBe(within(dialog()).getByRole('heading', { level: 2 }).id);
    expect(within(dialog()).getByRole('heading', { level: 2 }).textContent).toBe('Take back “See your contacts”?');
    expect(within(dialog()).getByRole('button', { name: 'Take back' })).toBeTruthy();
  });

  it('Ask again on a not-granted row asks to add it', async () => {
    const { bridge } = await renderApp();
    const notGranted = within(card()).getByRole('list', { name: 'Asked for but not granted' });
    await click(within(notGranted).getByRole('button', { name: 'Ask again for Edit your contacts' }));
    expect(bridge.api.grants.planChange).toHaveBeenCalledWith({ connectionId: aliceConnection.id, add: ['contacts.write'] });
    expect(within(dialog()).getByRole('heading', { level: 2 }).textContent).toBe('Ask Sandbox for “Edit your contacts”?');
    expect(within(dialog()).getByRole('button', { name: 'Ask for it' })).toBeTruthy();
  });

  it('what is added can be kept for a while, chosen in the dialog; a take-back has no such choice', async () => {
    const { bridge } = await renderApp();
    const notGranted = within(card()).getByRole('list', { name: 'Asked for but not granted' });
    await click(within(notGranted).getByRole('button', { name: 'Ask again for Edit your contacts' }));
    const howLong = within(dialog()).getByRole('combobox', { name: 'How long to keep what is added' }) as HTMLSelectElement;
    expect(howLong.value).toBe('until-taken-back');
    expect(within(howLong).queryByRole('option', { name: 'Just this session' })).toBeNull();
    fireEvent.change(howLong, { target: { value: '7d' } });
    await click(within(dialog()).getByRole('button', { name: 'Ask for it' }));
    expect(bridge.api.grants.applyPlan).toHaveBeenCalledWith({ planId: expect.any(String), lasts: '7d' });

    await click(button('Take back See your contacts'));
    expect(within(dialog()).queryByRole('combobox', { name: 'How long to keep what is added' })).toBeNull();
  });

  it('Turn off an available action, Turn on a missing one', async () => {
    const { bridge } = await renderApp();
    await click(button('Turn off Sign you in'));
    expect(bridge.api.grants.planAction).toHaveBeenLastCalledWith({ connectionId: aliceConnection.id, actionId: 'sign-in', enable: false });
    act(() => within(dialog()).getByRole('button', { name: 'Cancel' }).click());

    await click(button('Turn on Edit your contacts'));
    expect(bridge.api.grants.planAction).toHaveBeenLastCalledWith({ connectionId: aliceConnection.id, actionId: 'edit-contacts', enable: true });
    // The existing state and its explanation stay.
    const actions = within(card()).getByRole('list', { name: 'What this connection can do' });
    expect(within(actions).getByText('Available')).toBeTruthy();
    expect(within(actions).getByRole('button', { name: 'Missing permission' })).toBeTruthy();
  });

  it('Remove connection… plans a disconnect; Forget… stays local', async () => {
    const { bridge } = await renderApp();
    await click(button('Remove connection…'));
    expect(bridge.api.grants.planDisconnect).toHaveBeenCalledWith({ connectionId: aliceConnection.id });
    expect(within(dialog()).getByRole('list', { name: 'You take back' }).textContent).toContain('contacts.read');
    expect(within(dialog()).getByRole('heading', { level: 2 }).textContent).toBe('Remove the Sandbox connection for alice@example.test?');
    expect(within(dialog()).getByRole('button', { name: 'Remove connection' })).toBeTruthy();
    act(() => within(dialog()).getByRole('button', { name: 'Cancel' }).click());
    expect(button('Forget…')).toBeTruthy();
    expect(bridge.api.grants.forget).not.toHaveBeenCalled();
  });
});

describe('the confirmation', () => {
  it('shows the plan in plain language, focus on its title, and applies nothing before its button', async () => {
    const { bridge } = await renderApp();
    bridge.api.grants.planChange.mockResolvedValueOnce(ok({ ...removal, add: [explained('files.read', { title: 'See your files' })], actionsGained: ['Open files'] }));
    await click(button('Take back See your contacts'));

    const confirm = dialog();
    expect(confirm.hasAttribute('open')).toBe(true);
    expect(within(confirm).getByText('Sandbox: alice@example.test')).toBeTruthy();
    const takeBack = within(confirm).getByRole('list', { name: 'You take back' });
    expect(within(takeBack).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['See your contacts contacts.read']);
    expect(within(confirm).getByRole('list', { name: 'You add' }).textContent).toBe('See your files files.read');
    const steps = within(confirm).getByRole('list', { name: 'What happens' });
    expect(steps.tagName).toBe('OL');
    expect(within(steps).getAllByRole('listitem').map((li) => li.textContent)).toEqual(removal.steps.map((s) => s.description));
    expect(within(confirm).getByRole('list', { name: 'Stops working' }).textContent).toBe('See your contacts');
    expect(within(confirm).getByRole('list', { name: 'Starts working' }).textContent).toBe('Open files');
    expect(within(confirm).getByText('Sandbox forgets the whole grant.').tagName).toBe('P');
    expect(within(confirm).getByText('Your browser will open.')).toBeTruthy();
    expect(document.activeElement).toBe(within(confirm).getByRole('heading', { name: 'Change what alice@example.test allows on Sandbox?' }));
    expect(within(confirm).getByRole('button', { name: 'Make the change' })).toBeTruthy();
    expect(bridge.api.grants.applyPlan).not.toHaveBeenCalled();

    act(() => within(confirm).getByRole('button', { name: 'Cancel' }).click());
    expect(confirm.hasAttribute('open')).toBe(false);
    expect(bridge.api.grants.applyPlan).not.toHaveBeenCalled();
  });

  it('leaves out empty lists and says when nothing opens in the browser', async () => {
    const { bridge } = await renderApp();
    bridge.api.grants.planChange.mockResolvedValueOnce(
      ok(changePlan({ remove: removal.remove, steps: [{ kind: 'narrow-refresh', description: 'A narrower token.' }], opensBrowser: false })),
    );
    await click(button('Take back See your contacts'));
    const confirm = dialog();
    expect(within(confirm).queryByRole('list', { name: 'You add' })).toBeNull();
    expect(within(confirm).queryByRole('list', { name: 'Stops working' })).toBeNull();
    expect(within(confirm).queryByRole('list', { name: 'Starts working' })).toBeNull();
    expect(within(confirm).getByText('Nothing opens in your browser.')).toBeTruthy();
  });

  it('Escape cancels without applying', async () => {
    const { bridge } = await renderApp();
    await click(button('Take back See your contacts'));
    const confirm = dialog();
    // Escape: the browser fires `cancel` on the dialog, then closes it.
    act(() => {
      confirm.dispatchEvent(new Event('cancel'));
    });
    expect(confirm.hasAttribute('open')).toBe(false);
    expect(bridge.api.grants.applyPlan).not.toHaveBeenCalled();
    // And a new plan opens it again.
    await click(button('Take back See your contacts'));
    expect(confirm.hasAttribute('open')).toBe(true);
  });

  it('Confirm closes the dialog, shows each step, disables change buttons, then the outcome', async () => {
    const { bridge } = await renderApp();
    bridge.api.grants.planChange.mockResolvedValueOnce(ok(removal));
    const answer = deferred<Result<ChangeOutcome>>();
    bridge.api.grants.applyPlan.mockReturnValueOnce(answer.promise);
    // As with the keyboard: the button has focus when it is pressed.
    act(() => button('Take back See your contacts').focus());
    await click(button('Take back See your contacts'));

    const confirm = dialog();
    await click(within(confirm).getByRole('button', { name: 'Take back' }));
    expect(bridge.api.grants.applyPlan).toHaveBeenCalledWith({ planId: 'plan-remove' });
    expect(confirm.hasAttribute('open')).toBe(false);

    const progress = screen.getByRole('status', { name: 'Change in progress' });
    expect(document.activeElement).toBe(progress);
    act(() => bridge.emitChangeProgress({ planId: 'plan-remove', step: 0, of: 2, description: removal.steps[0]!.description, state: 'running' }));
    expect(progress.textContent).toContain('Step 1 of 2: Scopekeeper asks Sandbox to revoke its current access.');
    act(() => bridge.emitChangeProgress({ planId: 'plan-remove', step: 1, of: 2, description: removal.steps[1]!.description, state: 'running' }));
    expect(progress.textContent).toContain('Step 2 of 2: Your browser opens so you can approve the 2 permissions you keep.');

    for (const name of ['Take back See your contacts', 'Ask again for Edit your contacts', 'Turn off Sign you in', 'Remove connection…', 'Forget…']) {
      expect(button(name).disabled).toBe(true);
    }
    // Add permissions too, with the reason beside it.
    const add = button('Add permissions');
    expect(add.disabled).toBe(true);
    expect(document.getElementById(add.getAttribute('aria-describedby') ?? '')?.textContent).toBe('Available when the change in progress has finished.');

    await act(async () => answer.resolve(ok({ connection: aliceConnection, message: 'Sandbox no longer grants See your contacts.', notGranted: [] })));
    expect(screen.queryByRole('status', { name: 'Change in progress' })).toBeNull();
    // The outcome is shown in the connection's Permissions section, where the change was asked for.
    const outcome = screen.getByRole('status');
    expect(outcome.textContent).toContain('Sandbox no longer grants See your contacts.');
    expect(outcome.closest('section')?.querySelector('h3')?.textContent).toBe('Permissions');
    expect(screen.queryByRole('alert')).toBeNull();
    expect(button('Take back See your contacts').disabled).toBe(false);
    expect(button('Add permissions').disabled).toBe(false);
    expect(button('Add permissions').hasAttribute('aria-describedby')).toBe(false);
    expect(bridge.api.grants.list).toHaveBeenCalledTimes(2);
    // Back to the button the change started from.
    expect(document.activeElement).toBe(button('Take back See your contacts'));
  });

  it('when the button that started the change is gone, focus goes to the message that says how it ended', async () => {
    const { bridge } = await renderApp();
    act(() => button('Take back See your contacts').focus());
    await click(button('Take back See your contacts'));
    bridge.data.connections = [{ ...aliceConnection, grantedScopes: ['openid', 'profile'], granted: aliceConnection.granted.slice(0, 2) }];
    await click(within(dialog()).getByRole('button', { name: 'Take back' }));
    await within(card()).findByRole('list', { name: 'Granted permissions: Identity' });
    expect(within(card()).queryByRole('button', { name: 'Take back See your contacts' })).toBeNull();
    expect(document.activeElement).toBe(within(card()).getByRole('status'));
  });

  it('when the list that drops the button lands after the change ended, focus moves from the vanished button to the message', async () => {
    const { bridge } = await renderApp();
    bridge.api.grants.planChange.mockResolvedValueOnce(ok(removal));
    // The change's own refetch still sees the old list (a newer refetch is on its way, as under load)…
    bridge.api.grants.applyPlan.mockResolvedValueOnce(ok({ connection: aliceConnection, message: 'Sandbox no longer grants See your contacts.', notGranted: [] }));
    act(() => button('Take back See your contacts').focus());
    await click(button('Take back See your contacts'));
    await click(within(dialog()).getByRole('button', { name: 'Take back' }));
    await within(card()).findByRole('status');
    expect(document.activeElement).toBe(button('Take back See your contacts'));
    // …and the newer list, without the permission, lands afterwards: the button focus went back to goes.
    bridge.data.connections = [{ ...aliceConnection, grantedScopes: ['openid', 'profile'], granted: aliceConnection.granted.slice(0, 2) }];
    await act(async () => bridge.emitGrantsChanged());
    await waitFor(() => expect(within(card()).queryByRole('button', { name: 'Take back See your contacts' })).toBeNull());
    expect(document.activeElement).toBe(within(card()).getByRole('status'));
  });

  it('shows the sign-in panel with Cancel during a step that signs in; a cancel is a notice and the card shows the new state', async () => {
    const { bridge } = await renderApp();
    bridge.api.grants.planChange.mockResolvedValueOnce(ok(removal));
    const answer = deferred<Result<ChangeOutcome>>();
    bridge.api.grants.applyPlan.mockReturnValueOnce(answer.promise);
    await click(button('Take back See your contacts'));
    await click(within(dialog()).getByRole('button', { name: 'Take back' }));

    act(() => bridge.emitFlowProgress({ flowId: 'f3', providerId: 'sandbox', stage: 'waiting-for-callback' }));
    const signIn = screen.getByRole('status', { name: 'Finish signing in in your browser' });
    expect(signIn.textContent).toContain('Changing permissions for Sandbox');
    const cancel = within(signIn).getByRole('button', { name: 'Cancel' });
    expect(document.activeElement).toBe(cancel);
    await click(cancel);
    expect(bridge.api.grants.cancelFlow).toHaveBeenCalledTimes(1);
    act(() => bridge.emitFlowProgress({ flowId: 'f3', providerId: 'sandbox', stage: 'cancelled', error: { code: 'AUTH_CANCELLED', message: 'x' } }));
    expect(screen.queryByRole('status', { name: 'Finish signing in in your browser' })).toBeNull();

    bridge.data.connections = [
      {
        ...aliceConnection,
        state: 'disconnected',
        grantedScopes: [],
        granted: [],
        notGrantedScopes: [],
        notGranted: [],
        restore: [explained('contacts.read', { title: 'See your contacts' })],
      },
    ];
    await act(async () => answer.resolve(fail('AUTH_CANCELLED')));
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByRole('status').textContent).toContain('The change was cancelled in the browser.');
    expect(await within(card()).findByText('Disconnected — reconnect to restore')).toBeTruthy();
  });

  it('an error is an alert about the change', async () => {
    const { bridge } = await renderApp();
    bridge.api.grants.applyPlan.mockResolvedValueOnce(fail('AUTH_DENIED'));
    await click(button('Take back See your contacts'));
    await click(within(dialog()).getByRole('button', { name: 'Take back' }));
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain("You declined access on Sandbox's sign-in page, so the change did not finish.");
    // Beside the control that asked for it: in the connection's Permissions section.
    expect(alert.closest('section')?.querySelector('h3')?.textContent).toBe('Permissions');
  });
});
