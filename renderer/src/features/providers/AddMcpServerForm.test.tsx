// @vitest-environment happy-dom
import { act, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { appStore } from '../../store';
import { sandboxProvider } from '../../testing/fakeBridge';
import { renderWithBridge, resetApp } from '../../testing/renderWithBridge';
import { AddMcpServerForm } from './AddMcpServerForm';

afterEach(resetApp);

async function renderForm() {
  const rendered = renderWithBridge(<AddMcpServerForm />, { providers: [sandboxProvider] });
  await act(() => appStore.getState().init());
  const form = screen.getByRole('form', { name: 'Add an MCP server', hidden: true });
  return { ...rendered, form: within(form) };
}

const type = (field: HTMLElement, value: string) => fireEvent.change(field, { target: { value } });

describe('Add an MCP server', () => {
  it('names the server after its host until the person names it, and sends what was typed', async () => {
    const { form, bridge } = await renderForm();
    type(form.getByLabelText('MCP server URL'), 'https://mcp.notes.example/mcp');
    expect((form.getByLabelText('Name') as HTMLInputElement).value).toBe('mcp.notes.example');
    type(form.getByLabelText('Name'), 'Notes');
    type(form.getByLabelText('MCP server URL'), 'https://mcp.notes.example/v2/mcp');
    expect((form.getByLabelText('Name') as HTMLInputElement).value).toBe('Notes');
    await act(async () => form.getByRole('button', { name: 'Add MCP server', hidden: true }).click());
    expect(bridge.api.providers.addMcp).toHaveBeenCalledWith({ url: 'https://mcp.notes.example/v2/mcp', name: 'Notes' });
    expect(form.getByRole('status', { hidden: true }).textContent).toBe('Notes was added. Choose its permissions, then connect it.');
  });

  it('says beside the URL why a server was refused, in the main process’s words, and opens the own client fields when it needs one', async () => {
    const { form, bridge } = await renderForm();
    const sentence = 'auth.example.com signs in only apps registered with it: register Scopekeeper there (redirect URI http://127.0.0.1/callback) and enter its client ID.';
    bridge.api.providers.addMcp.mockResolvedValueOnce({ ok: false, error: { code: 'INVALID_REQUEST', message: sentence, details: { reason: 'mcp-needs-own-client', field: 'url' } } });
    type(form.getByLabelText('MCP server URL'), 'https://mcp.example.com/mcp');
    await act(async () => form.getByRole('button', { name: 'Add MCP server', hidden: true }).click());
    const url = form.getByLabelText('MCP server URL');
    expect(url.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(url.getAttribute('aria-describedby')!.split(' ').at(-1)!)?.textContent).toBe(sentence);
    expect(document.activeElement).toBe(url);
    expect(form.getByText('Use your own OAuth app (optional)').closest('details')?.open).toBe(true);
    expect((url as HTMLInputElement).value).toBe('https://mcp.example.com/mcp');
  });

  it('asks for a URL before sending anything', async () => {
    const { form, bridge } = await renderForm();
    await act(async () => form.getByRole('button', { name: 'Add MCP server', hidden: true }).click());
    expect(bridge.api.providers.addMcp).not.toHaveBeenCalled();
    expect(form.getByLabelText('MCP server URL').getAttribute('aria-invalid')).toBe('true');
  });
});
