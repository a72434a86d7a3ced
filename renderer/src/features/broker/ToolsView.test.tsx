// @vitest-environment happy-dom
import { fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BrokerHandedOutView, BrokerToolView } from '../../../../shared/ipc/contract';

import { setBridgeForTests } from '../../bridge';
import { aliceConnection, createFakeBridge, fakeToolSetup, ok } from '../../testing/fakeBridge';
import { renderWithBridge, resetApp } from '../../testing/renderWithBridge';
import { localDateTime } from '../../ui/dateTime';
import { ToolsView } from './ToolsView';

afterEach(resetApp);

const mailer = (confirmEachCall: boolean): BrokerToolView => ({
  id: 'tool-1',
  name: 'mailer',
  createdAt: '2025-03-02T09:00:00.000Z',
  calls: 2,
  tokenHandout: false,
  approvals: [
    { connectionId: 'c1', actionId: 'send-messages', actionTitle: 'Send messages', mode: 'always', tokenHandout: false, calls: 2, effect: 'sends', confirmEachCall },
    { connectionId: 'c1', actionId: 'read-files', actionTitle: 'Read your files', mode: 'always', tokenHandout: false, calls: 0 },
  ],
  handedOut: [],
});

describe('Tools view', () => {
  it('with no tool yet, says how to connect one: the command, and the MCP configuration from the main process to copy', async () => {
    const bridge = createFakeBridge();
    setBridgeForTests(bridge.api);
    const writeText = vi.fn(async () => undefined);
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    render(<ToolsView />);
    expect(await screen.findByRole('heading', { name: 'Connect a tool' })).toBeTruthy();
    expect(await screen.findByText('No tool is approved yet.')).toBeTruthy();
    const commands = screen.getByRole('generic', { name: 'Commands to try' }).textContent;
    expect(commands).toContain('SCOPEKEEPER_DATA_DIR=/home/alex/sk-data /usr/bin/node /opt/scopekeeper/bin/scopekeeper.js request sandbox read-files');
    const snippet = await screen.findByLabelText('MCP configuration for Claude Desktop and Cursor');
    expect(JSON.parse(snippet.textContent!)).toEqual({ mcpServers: { scopekeeper: fakeToolSetup.launch } });
    expect(JSON.parse(screen.getByLabelText('MCP configuration for VS Code').textContent!)).toEqual({ servers: { scopekeeper: { type: 'stdio', ...fakeToolSetup.launch } } });
    for (const file of ['claude_desktop_config.json', '~/.cursor/mcp.json', '.vscode/mcp.json']) expect(screen.getByText(file)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Copy the MCP configuration' }));
    expect(await screen.findByText('Copied.')).toBeTruthy();
    expect(writeText).toHaveBeenCalledWith(snippet.textContent);
    vi.unstubAllGlobals();
  });

  it('has a switch per approval that sends, deletes or shares, and saves the person’s choice', async () => {
    const bridge = createFakeBridge();
    let saved = true;
    vi.mocked(bridge.api.broker.tools).mockImplementation(async () => ok([mailer(saved)]));
    vi.mocked(bridge.api.broker.confirmEachCall).mockImplementation(async ({ confirm }) => {
      saved = confirm;
      return ok(null);
    });
    setBridgeForTests(bridge.api);
    render(<ToolsView />);
    const ask = await screen.findByRole<HTMLInputElement>('checkbox', { name: 'Ask me before each call of Send messages by mailer' });
    expect(ask.checked).toBe(true);
    expect(screen.getAllByRole('checkbox')).toHaveLength(1);
    fireEvent.click(ask);
    await vi.waitFor(() => expect(ask.checked).toBe(false));
    expect(bridge.api.broker.confirmEachCall).toHaveBeenCalledWith({ toolId: 'tool-1', connectionId: 'c1', actionId: 'send-messages', confirm: false });
  });
});

const EXPIRES = '2025-03-02T14:05:00.000Z';
const given = (notAlone: BrokerHandedOutView['notAlone'], providerName = 'Sandbox'): BrokerHandedOutView => ({
  connection: { id: aliceConnection.id, providerName, account: aliceConnection.account },
  actionId: 'read-files',
  actionTitle: 'Read your files',
  at: '2025-03-02T13:05:00.000Z',
  expiresAt: EXPIRES,
  notAlone,
});
const reader = (handedOut: BrokerHandedOutView[]): BrokerToolView => ({
  id: 'tool-2',
  name: 'notes-agent',
  createdAt: '2025-03-02T09:00:00.000Z',
  calls: 0,
  tokenHandout: true,
  approvals: [{ connectionId: aliceConnection.id, actionId: 'read-files', actionTitle: 'Read your files', mode: 'always', tokenHandout: true, calls: 0 }],
  handedOut,
});

describe('Revoke, when a token given for it keeps working', () => {
  it('says until when and why beside the card, takes focus, and “End it now” asks to remove the connection', async () => {
    const { bridge } = renderWithBridge(<ToolsView />, { connections: [aliceConnection], tools: [reader([given('whole-grant')])] });
    vi.mocked(bridge.api.broker.revoke).mockImplementation(async () => {
      bridge.data.tools = [{ ...reader([given('whole-grant')]), approvals: [] }];
      return ok({ stillWorking: [given('whole-grant')] });
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Revoke Read your files for notes-agent' }));
    const card = screen.getByRole('article', { name: 'notes-agent' });
    const status = await within(card).findByRole('status');
    expect(status.textContent).toContain(
      `The token given to “notes-agent” for Read your files (alice@example.test) keeps working at Sandbox until it expires at ${localDateTime(EXPIRES)}, or until you disconnect. Sandbox cannot end one token alone: ending it ends the whole connection.`,
    );
    expect(document.activeElement).toBe(status);
    fireEvent.click(within(status).getByRole('button', { name: 'End it now (disconnects Sandbox alice@example.test)' }));
    await vi.waitFor(() => expect(bridge.api.grants.planDisconnect).toHaveBeenCalledWith({ connectionId: aliceConnection.id }));
    const confirm = await screen.findByRole('dialog', { name: 'Remove the Sandbox connection for alice@example.test?' });
    fireEvent.click(within(confirm).getByRole('button', { name: 'Remove connection' }));
    // Removed: the token ended with the connection, so the message goes.
    await vi.waitFor(() => expect(screen.queryByText(/keeps working at Sandbox/)).toBeNull());
  });

  it('offers no “End it now” where disconnecting would not end the token either', async () => {
    const { bridge } = renderWithBridge(<ToolsView />, { connections: [aliceConnection], tools: [reader([])] });
    vi.mocked(bridge.api.broker.revoke).mockImplementation(async () => ok({ stillWorking: [given('no-endpoint', 'Microsoft')] }));
    fireEvent.click(await screen.findByRole('button', { name: 'Revoke Read your files for notes-agent' }));
    const status = await screen.findByRole('status');
    expect(status.textContent).toContain(
      `keeps working at Microsoft until it expires at ${localDateTime(EXPIRES)}. Microsoft lets no app end a token early, so disconnecting does not end it either.`,
    );
    expect(within(status).queryByRole('button', { name: /End it now/ })).toBeNull();
  });

  it('a tool revoked whole: the message shows at the top of the list, since its card is gone', async () => {
    const { bridge } = renderWithBridge(<ToolsView />, { connections: [aliceConnection], tools: [reader([given('own-token', 'GitHub')])] });
    vi.mocked(bridge.api.broker.revoke).mockImplementation(async () => {
      bridge.data.tools = [];
      return ok({ stillWorking: [{ ...given('own-token', 'GitHub'), expiresAt: undefined }] as BrokerHandedOutView[] });
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Revoke notes-agent' }));
    await vi.waitFor(() => expect(screen.queryByRole('article', { name: 'notes-agent' })).toBeNull());
    const status = await screen.findByRole('status');
    expect(status.textContent).toContain('keeps working at GitHub until you disconnect. GitHub cannot end one token alone: it is this connection’s own.');
    expect(document.activeElement).toBe(status);
    fireEvent.click(within(status).getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('with no given token still working, says what was revoked beside the approvals and takes focus', async () => {
    const { bridge } = renderWithBridge(<ToolsView />, { connections: [aliceConnection], tools: [reader([])] });
    vi.mocked(bridge.api.broker.revoke).mockImplementation(async () => {
      bridge.data.tools = [{ ...reader([]), approvals: [] }];
      return ok({ stillWorking: [] });
    });
    const button = await screen.findByRole('button', { name: 'Revoke Read your files for notes-agent' });
    button.focus();
    fireEvent.click(button);
    const card = screen.getByRole('article', { name: 'notes-agent' });
    const status = await within(card).findByRole('status');
    expect(status.textContent).toContain('Revoked “Read your files” for “notes-agent”: it can no longer do that for you.');
    expect(document.activeElement).toBe(status);
    expect(within(card).getByText(/Nothing approved any more/)).toBeTruthy();
  });
});

describe('Tools as a list and a detail', () => {
  const named = (id: string, name: string): BrokerToolView => ({ ...reader([]), id, name });

  it('lists the tools; the first is shown, and the arrow keys choose another', async () => {
    renderWithBridge(<ToolsView />, { connections: [aliceConnection], tools: [named('t1', 'notes-agent'), named('t2', 'mailer')] });
    const list = await screen.findByRole('listbox', { name: 'Approved tools' });
    expect(within(list).getAllByRole('option').map((o) => o.textContent)).toEqual(['notes-agent1 approval · last used Never', 'mailer1 approval · last used Never']);
    expect(screen.getByRole('article', { name: 'notes-agent' })).toBeTruthy();
    fireEvent.keyDown(list, { key: 'ArrowDown' });
    expect(await screen.findByRole('article', { name: 'mailer' })).toBeTruthy();
    expect(screen.queryByRole('article', { name: 'notes-agent' })).toBeNull();
    expect(within(list).getByRole('option', { name: /^mailer 1 approval/ }).getAttribute('aria-selected')).toBe('true');
    fireEvent.click(screen.getByRole('button', { name: /Connect a tool/ }));
    expect(await screen.findByRole('heading', { name: 'Connect a tool' })).toBeTruthy();
    expect(screen.queryByRole('article')).toBeNull();
    // With tools approved, the connect pane does not say there is none.
    expect(screen.queryByText(/No tool is approved/)).toBeNull();
  });

  it('a tool revoked whole: the result at the top of the pane, focused, and no “yet” once none is left', async () => {
    const { bridge } = renderWithBridge(<ToolsView />, { connections: [aliceConnection], tools: [reader([])] });
    vi.mocked(bridge.api.broker.revoke).mockImplementation(async () => {
      bridge.data.tools = [];
      return ok({ stillWorking: [] });
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Revoke notes-agent' }));
    const status = await screen.findByRole('status');
    expect(status.textContent).toContain('Revoked “notes-agent”: it can no longer act for you.');
    expect(document.activeElement).toBe(status);
    expect(screen.getByText(/^No tool is approved now\./)).toBeTruthy();
    expect(screen.queryByText(/approved yet/)).toBeNull();
    expect(screen.getByRole('heading', { name: 'Connect a tool' })).toBeTruthy();
  });

  it('a revoke the main process refuses is said where it was pressed, in words', async () => {
    const { bridge } = renderWithBridge(<ToolsView />, { connections: [aliceConnection], tools: [reader([])] });
    vi.mocked(bridge.api.broker.revoke).mockImplementation(async () => ({ ok: false, error: { code: 'INVALID_REQUEST', message: 'There is no such tool.' } }));
    fireEvent.click(await screen.findByRole('button', { name: 'Revoke Read your files for notes-agent' }));
    const alert = await within(screen.getByRole('article', { name: 'notes-agent' })).findByRole('alert');
    expect(alert.textContent).not.toContain('Revoked');
    expect(screen.getByRole('button', { name: 'Revoke Read your files for notes-agent' })).toBeTruthy();
  });
});
