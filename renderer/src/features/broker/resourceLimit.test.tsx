// @vitest-environment happy-dom
import { act, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { BrokerApprovalRequest, BrokerToolView } from '../../../../shared/ipc/contract';
import { appStore } from '../../store';
import { renderWithBridge, resetApp } from '../../testing/renderWithBridge';
import { ApprovalDialog } from './ApprovalDialog';
import { ToolsView } from './ToolsView';

/**
 * A tool that names the one repository it will work on: the person may allow only that one (the
 * default) or any; a limited approval gets no access tokens, which the dialog says instead of
 * offering them; the Tools view shows the limit beside the action.
 */

afterEach(resetApp);

const request = (tokenHandout = false): BrokerApprovalRequest => ({
  requestId: 'r1',
  kind: 'access',
  tool: { name: 'issue-bot', known: false },
  providerName: 'GitHub',
  connection: { id: 'c1', providerName: 'GitHub', account: 'octocat' },
  candidates: [],
  actions: [{ id: 'create-issues', title: 'Open issues', needs: [], effect: 'sends' }],
  tokenHandout,
  // GitHub's token is the connection's own (the handout step is not reached in these tests).
  ...(tokenHandout
    ? { handout: { narrowed: false, everything: [{ connectionId: 'c1', can: ['Full control of private repositories'] }], notAlone: 'own-token' } as BrokerApprovalRequest['handout'] }
    : {}),
  resource: { label: 'octo/hello', noun: 'repository' },
  requestedAt: '2025-03-01T09:00:00.000Z',
  expiresAt: '2025-03-01T09:05:00.000Z',
});

async function ask(tokenHandout = false) {
  const rendered = renderWithBridge(<ApprovalDialog />);
  act(() => appStore.getState().addApproval(request(tokenHandout)));
  const dialog = await screen.findByRole('dialog', { name: '“issue-bot” wants to use your GitHub account' });
  return { ...rendered, dialog };
}

const radio = (dialog: HTMLElement, name: string) => within(dialog).getByRole<HTMLInputElement>('radio', { name });

describe('the approval dialog, when the tool names a repository', () => {
  it('offers only that repository, chosen first, or any', async () => {
    const { dialog, bridge } = await ask();
    expect(within(dialog).getByRole('group', { name: 'Which repository?' })).toBeTruthy();
    expect(radio(dialog, 'Only octo/hello').checked).toBe(true);
    expect(radio(dialog, 'Any repository').checked).toBe(false);
    await act(async () => within(dialog).getByRole('button', { name: 'Always allow' }).click());
    expect(bridge.api.broker.answer).toHaveBeenCalledWith({ requestId: 'r1', decision: 'allow-always', anyResource: false });
  });

  it('sends the person’s choice of any repository', async () => {
    const { dialog, bridge } = await ask();
    fireEvent.click(radio(dialog, 'Any repository'));
    await act(async () => within(dialog).getByRole('button', { name: 'Allow for 7 days' }).click());
    expect(bridge.api.broker.answer).toHaveBeenCalledWith({ requestId: 'r1', decision: 'allow-week', anyResource: true });
  });

  it('gives a limited approval no tokens, and says so; “Any repository” leads to the token step', async () => {
    const { dialog, bridge } = await ask(true);
    expect(dialog.textContent).toContain('A token cannot be limited to octo/hello, so with “Only octo/hello” the tool gets no access tokens.');
    fireEvent.click(radio(dialog, 'Any repository'));
    expect(dialog.textContent).toContain('It also asks for access tokens: you decide that next, separately');
    fireEvent.click(radio(dialog, 'Only octo/hello'));
    await act(async () => within(dialog).getByRole('button', { name: 'Always allow' }).click());
    expect(bridge.api.broker.answer).toHaveBeenCalledWith({ requestId: 'r1', decision: 'allow-always', tokenHandout: false, anyResource: false });
  });
});

describe('the Tools view', () => {
  it('shows the limit beside the action', async () => {
    const tool: BrokerToolView = {
      id: 't1',
      name: 'issue-bot',
      createdAt: '2025-03-01T09:00:00.000Z',
      calls: 0,
      tokenHandout: false,
      handedOut: [],
      approvals: [
        { connectionId: 'c1', actionId: 'create-issues', actionTitle: 'Open issues', mode: 'always', tokenHandout: false, calls: 0, resource: 'octo/hello' },
        { connectionId: 'c1', actionId: 'read-private-repos', actionTitle: 'Read private repositories', mode: 'always', tokenHandout: false, calls: 0 },
      ],
    };
    renderWithBridge(<ToolsView />, { tools: [tool] });
    await act(() => appStore.getState().loadTools());
    const card = screen.getByRole('article', { name: 'issue-bot' });
    expect(within(card).getAllByRole('row').map((row) => row.querySelector('td')?.textContent ?? null)).toEqual([
      null,
      'Open issues — only octo/hello',
      'Read private repositories',
    ]);
  });
});
