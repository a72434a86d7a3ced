// @vitest-environment happy-dom
import { act, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FlowProgress, FlowPurpose, StepUpEnded } from '../../../../shared/ipc/contract';
import { App } from '../../App';
import { appStore } from '../../store';
import { aliceConnection, sandboxProvider } from '../../testing/fakeBridge';
import { renderWithBridge, resetApp } from '../../testing/renderWithBridge';

afterEach(resetApp);

const PURPOSE: FlowPurpose = { kind: 'step-up', connectionId: aliceConnection.id, tool: 'notes-agent', adding: ['Create and change your files'] };
const LINK = 'http://127.0.0.1:4890/auth?client_id=scopekeeper-sandbox&code_challenge=abc';
const progress = (stage: FlowProgress['stage'], extra: Partial<FlowProgress> = {}): FlowProgress => ({ flowId: 'f1', providerId: 'sandbox', stage, purpose: PURPOSE, ...extra });
const ended = (result: StepUpEnded['result'], extra: Partial<StepUpEnded> = {}): StepUpEnded => ({ ...PURPOSE, providerName: 'Sandbox', result, notGranted: [], ...extra });

async function stepUpRunning() {
  const rendered = renderWithBridge(<App />, { providers: [sandboxProvider], connections: [aliceConnection] });
  await screen.findByRole('button', { name: 'Check access' });
  await act(() => appStore.getState().init());
  act(() => rendered.bridge.emitFlowProgress(progress('opening-browser')));
  const panel = screen.getByRole('status', { name: 'Finish signing in in your browser' });
  return { ...rendered, panel };
}

describe('a tool’s step-up in the window', () => {
  it('names the tool and what it adds, takes focus, and ends with the result where the panel was', async () => {
    const { bridge, panel } = await stepUpRunning();
    expect(panel.textContent).toContain('Adding “Create and change your files” for notes-agent on Sandbox:');
    expect(panel.textContent).not.toContain('Connecting');
    expect(document.activeElement).toBe(panel);

    act(() => bridge.emitFlowProgress(progress('exchanging-code')));
    act(() => bridge.emitFlowProgress(progress('finished')));
    // Nothing said yet: the save is still going on, and no sign-in notice of a connect appears.
    expect(screen.queryByRole('status', { name: 'Finish signing in in your browser' })).toBeNull();
    expect(screen.queryByText(/Nothing was connected/)).toBeNull();

    act(() => bridge.emitStepUpEnded(ended('added')));
    const result = screen.getByText('Added “Create and change your files” for notes-agent.').closest('[role="status"]');
    expect(result).not.toBeNull();
    expect(document.activeElement).toBe(result);
  });

  it('says what was not granted, a cancel, a no on the provider’s page, and a failure', async () => {
    const { bridge } = await stepUpRunning();
    const cases: [StepUpEnded, RegExp][] = [
      [ended('not-granted', { notGranted: ['Create and change your files'] }), /^Sandbox did not grant “Create and change your files”, so notes-agent’s call was refused\./],
      [ended('cancelled'), /^Cancelled: “Create and change your files” was not added, so notes-agent’s call was refused\./],
      [ended('denied'), /^You chose not to allow “Create and change your files” on Sandbox’s page, so notes-agent’s call was refused\./],
    ];
    act(() => bridge.emitFlowProgress(progress('cancelled')));
    for (const [event, text] of cases) {
      act(() => bridge.emitStepUpEnded(event));
      expect(screen.getByRole('status').textContent).toMatch(text);
    }
    act(() => bridge.emitStepUpEnded(ended('failed', { error: { code: 'AUTH_TIMEOUT', message: 'x' } })));
    expect(screen.getByRole('alert').textContent).toMatch(/Sandbox/);
  });

  it('offers the sign-in link to copy while it waits, and says so when the browser did not open', async () => {
    const writeText = vi.fn(async () => undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const { bridge, panel } = await stepUpRunning();
    expect(within(panel).queryByRole('button', { name: 'Copy sign-in link' })).toBeNull();
    act(() => bridge.emitFlowProgress(progress('waiting-for-callback', { signInUrl: LINK, browserFailed: true })));
    expect(panel.textContent).toContain('Your browser did not open. Copy the sign-in link and open it in your browser.');
    await act(async () => fireEvent.click(within(panel).getByRole('button', { name: 'Copy sign-in link' })));
    expect(writeText).toHaveBeenCalledWith(LINK);
    expect(panel.textContent).toContain('Copied.');
  });
});
