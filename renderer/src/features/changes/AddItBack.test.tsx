// @vitest-environment happy-dom
import { act, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../App';
import { aliceConnection, ok } from '../../testing/fakeBridge';
import { renderWithBridge, resetApp } from '../../testing/renderWithBridge';

afterEach(resetApp);

const ALICE = 'Sandbox: alice@example.test';
const card = () => screen.getByRole('article', { name: ALICE });
const click = (element: HTMLElement) => act(async () => element.click());

async function takeBackContacts(keptByProvider = false) {
  const rendered = renderWithBridge(<App />, { connections: [aliceConnection] });
  await screen.findByRole('article', { name: ALICE });
  if (keptByProvider) rendered.bridge.api.grants.applyPlan.mockResolvedValueOnce(ok({ connection: aliceConnection, message: 'Remove it on Sandbox’s page.', notGranted: [] }));
  await click(within(card()).getByRole('button', { name: 'Take back See your contacts' }));
  await click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Take back' }));
  return rendered;
}

describe('after a take-back', () => {
  it('the outcome offers Add it back, which asks for exactly what was taken back, with the normal consent', async () => {
    const { bridge } = await takeBackContacts();
    const outcome = await within(card()).findByRole('status');
    await click(within(outcome).getByRole('button', { name: 'Add it back' }));
    expect(bridge.api.grants.planChange).toHaveBeenLastCalledWith({ connectionId: aliceConnection.id, add: ['contacts.read'] });
    // The confirmation every addition gets; nothing is applied before it.
    const confirm = screen.getByRole('dialog');
    expect(within(confirm).getByRole('list', { name: 'You add' }).textContent).toContain('contacts.read');
    expect(bridge.api.grants.applyPlan).toHaveBeenCalledTimes(1);
  });

  it('offered from the change’s own answer, even when the refetched list that lands first is older', async () => {
    const rendered = renderWithBridge(<App />, { connections: [aliceConnection] });
    await screen.findByRole('article', { name: ALICE });
    const after = { ...aliceConnection, grantedScopes: ['openid', 'profile'], granted: aliceConnection.granted.slice(0, 2) };
    // The list still has the permission (a newer refetch is on its way, as under load).
    rendered.bridge.api.grants.applyPlan.mockResolvedValueOnce(ok({ connection: after, message: 'Sandbox no longer grants See your contacts.', notGranted: [] }));
    await click(within(card()).getByRole('button', { name: 'Take back See your contacts' }));
    await click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Take back' }));
    const outcome = await within(card()).findByRole('status');
    expect(within(outcome).getByRole('button', { name: 'Add it back' })).toBeTruthy();
  });

  it('no Add it back when nothing was taken back (a plan that only adds, or the provider kept it)', async () => {
    await takeBackContacts(true);
    const outcome = await within(card()).findByRole('status');
    expect(within(outcome).queryByRole('button', { name: 'Add it back' })).toBeNull();
  });

  it('an addition’s outcome offers no Add it back', async () => {
    renderWithBridge(<App />, { connections: [aliceConnection] });
    await screen.findByRole('article', { name: ALICE });
    await click(within(card()).getByRole('button', { name: 'Ask again for Edit your contacts' }));
    await click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Ask for it' }));
    const outcome = await within(card()).findByRole('status');
    expect(outcome.textContent).toContain('now grants');
    expect(within(outcome).queryByRole('button', { name: 'Add it back' })).toBeNull();
  });
});
