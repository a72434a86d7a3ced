// @vitest-environment happy-dom
import { act, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../App';
import { aliceConnection, changePlan, explained, ok } from '../../testing/fakeBridge';
import { renderWithBridge, resetApp } from '../../testing/renderWithBridge';

afterEach(resetApp);

const ALICE = 'Sandbox: alice@example.test';
const card = () => screen.getByRole('article', { name: ALICE });
const dialog = () => screen.getByRole('dialog');
const click = (element: HTMLElement) => act(async () => element.click());

const read = explained('contacts.read', { title: 'See your contacts' });
const write = explained('contacts.write', { title: 'Edit your contacts' });
const WHY = 'Edit your contacts also lets an app see your contacts, so it goes too.';
const onlyBroader = changePlan({
  planId: 'plan-only-broader',
  remove: [write],
  steps: [{ kind: 'narrow-refresh', description: 'Scopekeeper asks Sandbox for a new token without Edit your contacts.' }],
  actionsLost: ['Edit contacts'],
  providerRemembers: 'Sandbox still remembers that you allowed Edit your contacts.',
});
const implied = changePlan({
  planId: 'plan-implied',
  remove: [read, write],
  steps: [{ kind: 'narrow-refresh', description: 'Scopekeeper asks Sandbox for a new token without See your contacts, Edit your contacts.' }],
  actionsLost: ['See contacts', 'Edit contacts'],
  implied: { asked: [read], broader: [write], why: WHY },
  onlyBroader,
});

async function openImplied() {
  const rendered = renderWithBridge(<App />, { connections: [aliceConnection] });
  await screen.findByRole('article', { name: ALICE });
  rendered.bridge.api.grants.planChange.mockResolvedValueOnce(ok(implied));
  await click(within(card()).getByRole('button', { name: 'Take back See your contacts' }));
  return rendered;
}

describe('an implied take-back', () => {
  it('is named for what was asked, says which broader permissions go too and why, and shows the other choice’s own plan', async () => {
    await openImplied();
    const confirm = dialog();
    expect(within(confirm).getByRole('heading', { level: 2 }).textContent).toBe('Take back “See your contacts”?');
    expect(within(confirm).getByText(WHY)).toBeTruthy();
    expect(within(confirm).getByRole('list', { name: 'You take back' }).textContent).toContain('Edit your contacts');
    const other = within(confirm).getByRole('region', { name: 'Or take back only the broader ones' });
    expect(other.textContent).toContain('You keep “See your contacts”.');
    expect(within(other).getByRole('list', { name: 'Broader ones taken back' }).textContent).toBe('Edit your contacts contacts.write');
    expect(within(other).getByRole('list', { name: 'How the broader ones are taken back' }).textContent).toBe(onlyBroader.steps[0]!.description);
    expect(within(other).getByRole('list', { name: 'Lost with the broader ones' }).textContent).toBe('Edit contacts');
    expect(within(other).getByText(onlyBroader.providerRemembers!)).toBeTruthy();
    expect(within(confirm).getByRole('button', { name: 'Take back' })).toBeTruthy();
    expect(within(confirm).getByRole('button', { name: 'Take back only the broader ones' })).toBeTruthy();
  });

  it('Take back only the broader ones applies that plan, and only that one', async () => {
    const { bridge } = await openImplied();
    bridge.api.grants.applyPlan.mockResolvedValueOnce(ok({ connection: aliceConnection, message: 'Sandbox no longer grants Edit your contacts.', notGranted: [] }));
    await click(within(dialog()).getByRole('button', { name: 'Take back only the broader ones' }));
    expect(bridge.api.grants.applyPlan).toHaveBeenCalledTimes(1);
    expect(bridge.api.grants.applyPlan).toHaveBeenCalledWith({ planId: 'plan-only-broader' });
    expect((await within(card()).findByRole('status')).textContent).toContain('Sandbox no longer grants Edit your contacts.');
  });

  it('Take back applies the whole plan', async () => {
    const { bridge } = await openImplied();
    await click(within(dialog()).getByRole('button', { name: 'Take back' }));
    expect(bridge.api.grants.applyPlan).toHaveBeenCalledWith({ planId: 'plan-implied' });
  });
});
