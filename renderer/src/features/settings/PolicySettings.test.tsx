// @vitest-environment happy-dom
import { act, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { PolicyInForce } from '../../../../shared/policy/inForce';
import { App } from '../../App';
import { appStore } from '../../store';
import { renderWithBridge, resetApp } from '../../testing/renderWithBridge';
import { openSettingsAt } from '../../testing/openSettings';
import { ProvidersSection } from '../providers/ProvidersSection';
import { sandboxProvider } from '../../testing/fakeBridge';

afterEach(resetApp);

const MACHINE = '/etc/scopekeeper/policy.json';
const OWN = '/home/alex/.config/Scopekeeper/policy.json';

const POLICY: PolicyInForce = {
  sources: [
    { origin: 'organisation', path: MACHINE, state: 'in-force' },
    { origin: 'own', path: OWN, state: 'in-force' },
  ],
  lockedDown: false,
  providersBlocked: [],
  blockedScopes: [{ providerId: 'sandbox', scope: 'contacts.write', by: 'organisation' }, { providerId: 'sandbox', pattern: 'files.*', by: 'own' }],
  tokenHandoutBlocked: { by: 'organisation' },
  maxApproval: { mode: 'week', by: 'own' },
  alwaysConfirm: [{ providerId: 'sandbox', actionId: 'send-messages', actionTitle: 'Send messages as you', by: 'organisation' }],
};

describe('Settings › Policy', () => {
  it('says each rule in words with the file it came from', async () => {
    renderWithBridge(<App />, { policy: POLICY });
    openSettingsAt('Policy');
    const rules = await screen.findByRole('list', { name: 'Rules in force' });
    expect(within(rules).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      `Sandbox: never grant Edit your contacts (contacts.write). From ${MACHINE}`,
      `Sandbox: never grant any permission matching files.*. From ${OWN}`,
      `A tool's approval lasts at most 7 days. From ${OWN}`,
      `Tools never receive access tokens: they make their calls through Scopekeeper. From ${MACHINE}`,
      `Sandbox: you confirm every call of “Send messages as you”, whatever the approval says. From ${MACHINE}`,
    ]);
    expect(screen.getByRole('list', { name: 'Policy files' }).textContent).toContain(`Your organisation's policy file: ${MACHINE} (in force)`);
  });

  it('says a refused file, why, and that nothing new can be granted; a change of file arrives as an event', async () => {
    const { bridge } = renderWithBridge(<App />);
    openSettingsAt('Policy');
    await screen.findByText('No policy is in force: nothing is restricted beyond what you choose.');
    act(() =>
      bridge.emitPolicyChanged({ ...POLICY, lockedDown: true, sources: [{ origin: 'organisation', path: MACHINE, state: 'refused', problem: 'unknown field tools.maxApprovals' }], blockedScopes: [], tokenHandoutBlocked: undefined, maxApproval: undefined } as PolicyInForce),
    );
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain(`Your organisation's policy file could not be used: ${MACHINE}: unknown field tools.maxApprovals.`);
    expect(alert.textContent).toContain('nothing new can be granted');
  });
});

describe('the scope picker under a policy', () => {
  it('shows a blocked scope disabled, unticked, with whose rule it is; a blocked provider cannot be connected', async () => {
    const { bridge } = renderWithBridge(<ProvidersSection />, { policy: { ...POLICY, blockedScopes: [{ providerId: 'sandbox', scope: 'contacts.read', by: 'organisation' }] } });
    await act(() => appStore.getState().init());
    const box = screen.getByRole('checkbox', { name: 'See your contacts' }) as HTMLInputElement;
    expect(box.disabled).toBe(true);
    expect(box.checked).toBe(false);
    expect(box.getAttribute('aria-describedby')).toBeTruthy();
    expect(document.getElementById(box.getAttribute('aria-describedby')!)?.textContent?.trim()).toBe("Blocked by your organisation's policy");
    await act(async () => screen.getByRole('button', { name: 'Connect Sandbox' }).click());
    // The default it blocks is not asked for.
    expect(bridge.api.grants.connect).toHaveBeenLastCalledWith(expect.objectContaining({ providerId: 'sandbox', scopes: [] }));

    act(() => bridge.emitPolicyChanged({ ...POLICY, providersBlocked: [{ providerId: 'sandbox', by: 'own' }] }));
    const connect = screen.getByRole('button', { name: 'Connect Sandbox' }) as HTMLButtonElement;
    expect(connect.disabled).toBe(true);
    expect(document.getElementById(connect.getAttribute('aria-describedby')!)?.textContent).toBe('Blocked by your own policy');
  });

  it('greys a broader permission that includes a blocked one, with the same words', async () => {
    const options = sandboxProvider.scopeOptions.map((o) => (o.scope === 'contacts.write' ? { ...o, includes: ['contacts.read'] } : o));
    renderWithBridge(<ProvidersSection />, { providers: [{ ...sandboxProvider, scopeOptions: options }], policy: { ...POLICY, blockedScopes: [{ providerId: 'sandbox', scope: 'contacts.read', by: 'organisation' }] } });
    await act(() => appStore.getState().init());
    const broader = screen.getByRole('checkbox', { name: 'Edit your contacts' }) as HTMLInputElement;
    expect(broader.disabled).toBe(true);
    expect(document.getElementById(broader.getAttribute('aria-describedby')!)?.textContent?.trim()).toBe("Blocked by your organisation's policy");
    expect((screen.getByRole('checkbox', { name: 'See your files' }) as HTMLInputElement).disabled).toBe(false);
  });
});
