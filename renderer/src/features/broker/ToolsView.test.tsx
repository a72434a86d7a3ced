// @vitest-environment happy-dom
import { fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BrokerToolView } from '../../../../shared/ipc/contract';

import { setBridgeForTests } from '../../bridge';
import { createFakeBridge, fakeToolSetup, ok } from '../../testing/fakeBridge';
import { resetApp } from '../../testing/renderWithBridge';
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
    expect(screen.getByText('No tool has been approved yet.')).toBeTruthy();
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
    // Below the tools, folded away: connecting another.
    expect((await screen.findByLabelText('MCP configuration for Claude Desktop and Cursor')).closest('details')).toBeTruthy();
    const ask = await screen.findByRole<HTMLInputElement>('checkbox', { name: 'Ask me before each call of Send messages by mailer' });
    expect(ask.checked).toBe(true);
    expect(screen.getAllByRole('checkbox')).toHaveLength(1);
    fireEvent.click(ask);
    await vi.waitFor(() => expect(ask.checked).toBe(false));
    expect(bridge.api.broker.confirmEachCall).toHaveBeenCalledWith({ toolId: 'tool-1', connectionId: 'c1', actionId: 'send-messages', confirm: false });
  });
});
