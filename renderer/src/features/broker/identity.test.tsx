// @vitest-environment happy-dom
import { act, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { BrokerApprovalRequest, BrokerToolView } from '../../../../shared/ipc/contract';
import { appStore } from '../../store';
import { renderWithBridge, resetApp } from '../../testing/renderWithBridge';
import { ApprovalDialog } from './ApprovalDialog';
import { ToolsView } from './ToolsView';

afterEach(resetApp);

/** The tool's detail, chosen in the Tools view's list (one detail is shown at a time). */
function shown(name: string): HTMLElement {
  fireEvent.click(within(screen.getByRole('listbox', { name: 'Approved tools' })).getByRole('option', { name: new RegExp(`^${name.replace(/[()]/g, '\\$&')} \\d+ approval`) }));
  return screen.getByRole('article', { name });
}

const tool = (overrides: Partial<BrokerToolView>): BrokerToolView => ({
  id: 'tool-1',
  name: 'my-agent',
  createdAt: '2025-03-01T09:00:00.000Z',
  calls: 0,
  tokenHandout: false,
  approvals: [{ connectionId: 'c1', connection: { id: 'c1', providerName: 'Sandbox', account: 'alex@sandbox.test' }, actionId: 'read-files', actionTitle: 'Read your files', mode: 'always', tokenHandout: false, calls: 0 }],
  handedOut: [],
  ...overrides,
});

describe('the Tools view, two tools that call themselves "my-agent"', () => {
  it('shows each apart: its own card, where it was first seen from, its own Revoke buttons', async () => {
    renderWithBridge(<ToolsView />, {
      tools: [
        tool({ program: '/usr/bin/node' }),
        tool({ id: 'tool-2', name: 'my-agent (2)', createdAt: '2025-03-02T09:00:00.000Z', program: '/usr/bin/python3.11' }),
        tool({ id: 'tool-3', name: 'elsewhere' }),
      ],
    });
    await act(() => appStore.getState().loadTools());

    const first = shown('my-agent');
    expect(first.textContent).toMatch(/First seen .* from \/usr\/bin\/node/);
    expect(within(first).getByRole('button', { name: 'Revoke my-agent' })).toBeTruthy();
    expect(screen.getAllByRole('button', { name: 'Revoke my-agent' })).toHaveLength(1);
    const second = shown('my-agent (2)');
    expect(second.textContent).toMatch(/First seen .* from \/usr\/bin\/python3\.11/);
    expect(within(second).getByRole('button', { name: 'Revoke my-agent (2)' })).toBeTruthy();
    expect(within(second).getByRole('button', { name: 'Revoke Read your files for my-agent (2)' })).toBeTruthy();
    expect(shown('elsewhere').textContent).toMatch(/First seen .* from an unknown program/);
  });

  it('warns when another program presented a tool’s secret', async () => {
    renderWithBridge(<ToolsView />, { tools: [tool({ program: '/usr/bin/node', otherPrograms: [{ program: '/usr/bin/curl', firstSeenAt: '2025-03-03T09:00:00.000Z' }] })] });
    await act(() => appStore.getState().loadTools());
    const warning = within(shown('my-agent')).getByRole('note');
    expect(warning.textContent).toMatch(/Its secret was also used by \/usr\/bin\/curl \(first on .*\)\. If you did not run that, revoke this tool\./);
  });
});

describe('the Tools view, where a tool keeps its secret', () => {
  it('says what the tool says: the system keychain, a file only you can read, or nothing said', async () => {
    renderWithBridge(<ToolsView />, {
      tools: [tool({ secretStore: 'keychain' }), tool({ id: 'tool-2', name: 'filed', secretStore: 'file' }), tool({ id: 'tool-3', name: 'quiet' })],
    });
    await act(() => appStore.getState().loadTools());
    const said = (name: string) => within(shown(name)).getByText(/keeps its secret/).textContent;
    expect(said('my-agent')).toBe('“my-agent” says it keeps its secret in the system keychain.');
    expect(said('filed')).toBe('“filed” says it keeps its secret in a file only you can read.');
    expect(said('quiet')).toBe('“quiet” has not said where it keeps its secret.');
  });
});

describe('the approval dialog', () => {
  const request = (tool: BrokerApprovalRequest['tool']): BrokerApprovalRequest => ({
    requestId: 'r1',
    kind: 'access',
    tool,
    providerName: 'Sandbox',
    connection: { id: 'c1', providerName: 'Sandbox', account: 'alex@sandbox.test' },
    candidates: [],
    actions: [{ id: 'read-files', title: 'Read your files', needs: [] }],
    tokenHandout: false,
    requestedAt: '2025-03-01T09:00:00.000Z',
    expiresAt: '2025-03-01T09:05:00.000Z',
  });

  it('names a second "my-agent" apart, says why, and shows the program the system sees', async () => {
    renderWithBridge(<ApprovalDialog />);
    act(() => appStore.getState().addApproval(request({ name: 'my-agent (2)', claimedName: 'my-agent', known: false, program: '/usr/bin/python3.11' })));
    const dialog = await screen.findByRole('dialog', { name: '“my-agent (2)” wants to use your Sandbox account' });
    expect(dialog.textContent).toContain('Another tool is already called “my-agent”: this is a different one (it has another secret), shown as “my-agent (2)”.');
    expect(dialog.textContent).toContain('Program: /usr/bin/python3.11');
  });

  it('says plainly when the program is not known', async () => {
    renderWithBridge(<ApprovalDialog />);
    act(() => appStore.getState().addApproval(request({ name: 'my-agent', known: true, program: 'unknown program' })));
    const dialog = await screen.findByRole('dialog', { name: '“my-agent” wants to use your Sandbox account' });
    expect(dialog.textContent).toContain('Program: unknown program (this system does not tell which program is asking)');
  });
});
