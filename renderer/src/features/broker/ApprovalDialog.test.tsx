// @vitest-environment happy-dom
import { act, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { BrokerApprovalRequest } from '../../../../shared/ipc/contract';
import type { Result } from '../../../../shared/ipc/errors';
import { App } from '../../App';
import { appStore } from '../../store';
import { aliceConnection, deferred, fail } from '../../testing/fakeBridge';
import { renderWithBridge, resetApp } from '../../testing/renderWithBridge';

afterEach(resetApp);

function question(requestId: string, tool: string): BrokerApprovalRequest {
  return {
    requestId,
    kind: 'access',
    tool: { name: tool, known: false },
    providerName: 'Sandbox',
    candidates: [{ id: aliceConnection.id, providerName: 'Sandbox', account: 'alice@example.test' }],
    actions: [{ id: 'send-messages', title: 'Send messages', needs: [] }],
    tokenHandout: false,
    requestedAt: '2025-03-01T10:00:00.000Z',
    expiresAt: '2025-03-01T10:05:00.000Z',
  };
}

async function renderApp() {
  const rendered = renderWithBridge(<App />, { connections: [aliceConnection] });
  await screen.findByRole('article', { name: 'Sandbox: alice@example.test' });
  // Everything else the window loads after the list (a question's state is then the test's own).
  await act(() => appStore.getState().init());
  return rendered;
}

/** The question as the window hears it from the main process. */
const ask = (request: BrokerApprovalRequest) => act(() => appStore.getState().addApproval(request));
const closed = (requestId: string, outcome: 'answered' | 'timed-out' | 'withdrawn') => act(() => appStore.getState().approvalClosed({ requestId, outcome }));
const approvalDialog = () => screen.queryByRole('dialog', { name: /wants to use your Sandbox account/ });
const status = () => screen.getAllByRole('status').map((s) => s.textContent).join(' | ');

describe('a question that ends without the person’s answer', () => {
  it('the tool stopped waiting: the dialog closes and says so; nothing was answered', async () => {
    const { bridge } = await renderApp();
    await ask(question('q1', 'my-agent'));
    expect(approvalDialog()).not.toBeNull();
    await closed('q1', 'withdrawn');
    expect(approvalDialog()).toBeNull();
    expect(status()).toContain('“my-agent” stopped waiting');
    expect(status()).toContain('nothing was allowed');
    expect(bridge.api.broker.answer).not.toHaveBeenCalled();
  });

  it('the question expired: the dialog closes and says so', async () => {
    await renderApp();
    await ask(question('q1', 'my-agent'));
    await closed('q1', 'timed-out');
    expect(approvalDialog()).toBeNull();
    expect(status()).toContain('The question expired');
    expect(status()).toContain('“my-agent”');
  });

  it('a question still waiting behind the shown one goes quietly; the shown one stays', async () => {
    await renderApp();
    await ask(question('q1', 'first-agent'));
    await ask(question('q2', 'second-agent'));
    await closed('q2', 'withdrawn');
    expect(approvalDialog()?.textContent).toContain('“first-agent” wants to use your Sandbox account');
    expect(screen.queryByText(/stopped waiting/)).toBeNull();
    // An answered question closes without a word: the person answered it.
    await closed('q1', 'answered');
    expect(approvalDialog()).toBeNull();
    expect(screen.queryByText(/stopped waiting|expired/)).toBeNull();
  });

  it('an answer clicked as the tool gave up is stale: the person is told nothing was allowed', async () => {
    const { bridge } = await renderApp();
    const answered = deferred<Result<null>>();
    bridge.api.broker.answer.mockImplementationOnce(() => answered.promise);
    await ask(question('q1', 'my-agent'));
    await act(async () => within(approvalDialog()!).getByRole('button', { name: 'Always allow' }).click());
    await act(async () => answered.resolve(fail('PLAN_STALE')));
    expect(approvalDialog()).toBeNull();
    expect(status()).toMatch(/already ended.*nothing was allowed/);
    expect(screen.queryByRole('alert')).toBeNull();
  });
});

describe('the handout step', () => {
  const withTokens = (providerName: string, notAlone: 'whole-grant' | 'no-endpoint'): BrokerApprovalRequest => ({
    ...question('q1', 'notes-agent'),
    providerName,
    candidates: [{ id: aliceConnection.id, providerName, account: 'alice@example.test' }],
    tokenHandout: true,
    handout: { narrowed: true, everything: [], notAlone },
  });
  const handoutStep = async (request: BrokerApprovalRequest) => {
    await renderApp();
    await ask(request);
    act(() => within(screen.getByRole('dialog')).getByRole('button', { name: 'Always allow' }).click());
    return screen.findByRole('dialog', { name: 'Also give “notes-agent” access tokens?' });
  };

  it('says disconnecting ends a given token where the provider can end it with the connection', async () => {
    const step = await handoutStep(withTokens('Sandbox', 'whole-grant'));
    expect(step.textContent).toContain('a token already given keeps working until it expires. Disconnecting the account ends it at once.');
  });

  it('does not promise that where the provider lets no app end a token (Microsoft)', async () => {
    const step = await handoutStep(withTokens('Microsoft', 'no-endpoint'));
    expect(step.textContent).toContain('Microsoft lets no app end a token early, so disconnecting the account does not end it either.');
    expect(step.textContent).not.toContain('ends it at once');
  });
});

describe('how long a tool is allowed', () => {
  it('is 7 days unless the person picks 1 hour, 1 day or 30 days beside the button, which then says so', async () => {
    const { bridge } = await renderApp();
    await ask(question('q1', 'my-agent'));
    const dialog = within(approvalDialog()!);
    expect(dialog.getByRole('button', { name: 'Allow for 7 days' })).not.toBeNull();
    const howLong = dialog.getByRole('combobox', { name: 'How long to allow' });
    expect(within(howLong).getAllByRole('option').map((o) => o.textContent)).toEqual(['1 hour', '1 day', '7 days', '30 days']);
    fireEvent.change(howLong, { target: { value: 'allow-day' } });
    act(() => dialog.getByRole('button', { name: 'Allow for 1 day' }).click());
    expect(bridge.api.broker.answer).toHaveBeenCalledWith(expect.objectContaining({ requestId: 'q1', decision: 'allow-day' }));
  });
});
