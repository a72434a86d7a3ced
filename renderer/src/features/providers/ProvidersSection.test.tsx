// @vitest-environment happy-dom
import { act, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ProviderView } from '../../../../shared/ipc/contract';
import { appStore } from '../../store';
import { customProvider, fail, offlineProvider, sandboxProvider } from '../../testing/fakeBridge';
import { renderWithBridge, resetApp } from '../../testing/renderWithBridge';
import { ErrorAlert } from '../notices/ErrorAlert';
import { NoticeMessage } from '../notices/NoticeMessage';
import { ProvidersSettings } from '../settings/ProvidersSettings';
import { ProvidersSection } from './ProvidersSection';

afterEach(resetApp);

async function renderLoaded(providers: ProviderView[] = [sandboxProvider, offlineProvider]) {
  const rendered = renderWithBridge(
    <>
      <ErrorAlert />
      <NoticeMessage />
      <ProvidersSection />
      <ProvidersSettings />
    </>,
    { providers },
  );
  await act(() => appStore.getState().init());
  return rendered;
}

const checkbox = (name: string) => screen.getByRole('checkbox', { name }) as HTMLInputElement;
const connectSandbox = () => act(async () => screen.getByRole('button', { name: 'Connect Sandbox' }).click());

function openPicker(name: string): HTMLElement {
  const summary = screen.getByText(`Choose permissions for ${name}`);
  const details = summary.closest('details');
  if (details === null) throw new Error('the picker is not a <details>');
  act(() => {
    details.open = true;
  });
  return details;
}

describe('the scope picker', () => {
  it('offers every scope option, by category, with the defaults ticked', async () => {
    await renderLoaded();
    const picker = openPicker('Sandbox');
    expect(within(picker).getByText('Choose permissions for Sandbox').tagName).toBe('SUMMARY');

    const boxes = within(picker).getAllByRole('checkbox') as HTMLInputElement[];
    // Files comes before Contacts in the catalog's category order.
    expect(boxes.map((box) => [box.closest('fieldset')?.querySelector('legend')?.textContent, box.checked])).toEqual([
      ['Files', false],
      ['Contacts', true],
      ['Contacts', false],
    ]);
    expect(checkbox('See your files').checked).toBe(false);
    expect(checkbox('See your contacts').checked).toBe(true);
    expect(checkbox('Edit your contacts').checked).toBe(false);
  });

  it('Connect asks for the defaults when the picker was never touched', async () => {
    const { bridge } = await renderLoaded();
    await connectSandbox();
    expect(bridge.api.grants.connect).toHaveBeenCalledWith({ providerId: 'sandbox', scopes: ['contacts.read'] });
  });

  it('Connect asks for exactly the ticked scopes, typed ones included', async () => {
    const { bridge } = await renderLoaded();
    const picker = openPicker('Sandbox');

    fireEvent.click(checkbox('See your files'));
    fireEvent.click(checkbox('See your contacts'));
    fireEvent.click(checkbox('Edit your contacts'));

    const input = within(picker).getByRole('textbox', { name: 'Add a scope by name' });
    fireEvent.change(input, { target: { value: '  tasks:write ' } });
    fireEvent.click(within(picker).getByRole('button', { name: 'Add scope' }));
    expect(checkbox('tasks:write').checked).toBe(true);
    expect((input as HTMLInputElement).value).toBe('');

    // A scope the picker already shows is ticked, not added twice.
    fireEvent.change(input, { target: { value: 'contacts.read' } });
    fireEvent.click(within(picker).getByRole('button', { name: 'Add scope' }));
    expect(screen.getAllByRole('checkbox', { name: 'See your contacts' })).toHaveLength(1);

    await connectSandbox();
    expect(bridge.api.grants.connect).toHaveBeenCalledWith({
      providerId: 'sandbox',
      scopes: ['files.read', 'contacts.read', 'contacts.write', 'tasks:write'],
    });
  });

  it('refuses a typed scope with a space, and says why', async () => {
    await renderLoaded();
    const picker = openPicker('Sandbox');
    const input = within(picker).getByRole('textbox', { name: 'Add a scope by name' });
    fireEvent.change(input, { target: { value: 'read write' } });
    fireEvent.click(within(picker).getByRole('button', { name: 'Add scope' }));

    expect(input.getAttribute('aria-invalid')).toBe('true');
    const problem = document.getElementById(input.getAttribute('aria-describedby') ?? '');
    expect(problem?.textContent).toBe('A scope has no spaces: add one scope at a time.');
    expect(within(picker).getAllByRole('checkbox')).toHaveLength(3);
  });

  it('lists default scopes the options do not name, so they can be unticked', async () => {
    await renderLoaded();
    openPicker('Offline Co');
    expect(checkbox('read').checked).toBe(true);
  });
});

describe('adding a server', () => {
  function fillServer(values: { name: string; issuer: string; clientId: string }) {
    const form = screen.getByRole('form', { name: 'Add an OAuth or OpenID server' });
    fireEvent.change(within(form).getByLabelText('Name'), { target: { value: values.name } });
    fireEvent.change(within(form).getByLabelText('Issuer URL'), { target: { value: values.issuer } });
    fireEvent.change(within(form).getByLabelText('Client ID'), { target: { value: values.clientId } });
    return form;
  }

  it('adds it, refetches the providers and says so', async () => {
    const { bridge } = await renderLoaded();
    expect(screen.getByText('Add an OAuth or OpenID server').tagName).toBe('SUMMARY');
    const form = fillServer({ name: ' Acme Login ', issuer: 'https://login.acme.test', clientId: 'scopekeeper' });

    bridge.data.providers = [sandboxProvider, offlineProvider, customProvider];
    await act(async () => within(form).getByRole('button', { name: 'Add server' }).click());

    expect(bridge.api.providers.add).toHaveBeenCalledWith({
      name: 'Acme Login',
      issuer: 'https://login.acme.test',
      clientId: 'scopekeeper',
    });
    // Said beside the form that added it.
    const status = screen.getByRole('status');
    expect(status.textContent).toContain('Acme Login was added.');
    expect(status.closest('section')?.contains(form)).toBe(true);
    expect(screen.getByRole('button', { name: 'Connect Acme Login' })).toBeTruthy();
    expect(screen.getByRole('heading', { level: 3, name: 'Acme Login' })).toBeTruthy();
    expect(screen.getAllByText('Added by you').length).toBeGreaterThan(0);
    expect((within(form).getByLabelText('Name') as HTMLInputElement).value).toBe('');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('shows the error as an alert and keeps what was typed', async () => {
    const { bridge } = await renderLoaded();
    bridge.api.providers.add.mockResolvedValueOnce(fail('PROVIDER_UNREACHABLE'));
    const form = fillServer({ name: 'Acme Login', issuer: 'https://login.acme.test', clientId: 'scopekeeper' });
    await act(async () => within(form).getByRole('button', { name: 'Add server' }).click());

    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('Scopekeeper could not reach Acme Login, so nothing was added.');
    expect(alert.closest('section')?.contains(form)).toBe(true);
    expect(screen.queryByRole('status')).toBeNull();
    expect((within(form).getByLabelText('Issuer URL') as HTMLInputElement).value).toBe('https://login.acme.test');
    expect(bridge.api.providers.list).toHaveBeenCalledTimes(1);
  });

  it('checks the fields before asking the main process', async () => {
    const { bridge } = await renderLoaded();
    const form = fillServer({ name: '', issuer: 'ftp://files.acme.test', clientId: 'x' });
    await act(async () => within(form).getByRole('button', { name: 'Add server' }).click());

    expect(bridge.api.providers.add).not.toHaveBeenCalled();
    const name = within(form).getByLabelText('Name');
    expect(name.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(name);
    expect(within(form).getByText('Give the server a name, such as the company it belongs to.')).toBeTruthy();
    expect(within(form).getByText('The issuer URL must be a web address starting with https:// (or http://).')).toBeTruthy();
    expect(within(form).getByLabelText('Client ID').getAttribute('aria-invalid')).toBe('false');
  });
});
