// @vitest-environment happy-dom
import { act, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../App';
import { renderWithBridge, resetApp } from '../../testing/renderWithBridge';

afterEach(() => {
  window.history.replaceState(null, '', '/');
  resetApp();
});

const mainNav = (view: string) => act(() => within(screen.getByRole('navigation', { name: 'Main' })).getByRole('button', { name: view }).click());
const tabs = () => within(screen.getByRole('tablist', { name: 'Settings' })).getAllByRole('tab');
const selected = () => tabs().find((t) => t.getAttribute('aria-selected') === 'true')?.textContent;
const panelHeadings = () => within(screen.getByRole('tabpanel')).getAllByRole('heading', { level: 3 }).map((h) => h.textContent);

async function openApp() {
  const rendered = renderWithBridge(<App />);
  await screen.findByRole('button', { name: 'Connect Sandbox' });
  await act(async () => {});
  return rendered;
}

describe('Settings, a side list of sections', () => {
  it('lists the sections and shows one at a time, Permissions first', async () => {
    await openApp();
    mainNav('Settings');
    expect(tabs().map((t) => t.textContent)).toEqual([
      'Permissions',
      'Providers and clients',
      'Sandbox',
      'General',
      'Notifications',
      'Policy',
      'Remove all',
    ]);
    expect(panelHeadings()).toEqual(['Permissions', 'Review', 'New actions']);
    expect(screen.getByRole('tabpanel', { name: 'Permissions' })).toBeTruthy();
    act(() => screen.getByRole('tab', { name: 'General' }).click());
    expect(panelHeadings()).toEqual(['General', 'The scopekeeper command']);
    expect(screen.queryByRole('region', { name: 'Permissions' })).toBeNull();
  });

  it('is one Tab stop; the arrow keys, Home and End move between sections and show each', async () => {
    await openApp();
    mainNav('Settings');
    expect(tabs().map((t) => t.tabIndex)).toEqual([0, -1, -1, -1, -1, -1, -1]);
    const list = screen.getByRole('tablist', { name: 'Settings' });
    screen.getByRole('tab', { name: 'Permissions' }).focus();
    fireEvent.keyDown(list, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(screen.getByRole('tab', { name: 'Providers and clients' }));
    expect(panelHeadings()).toEqual(['Providers and clients']);
    fireEvent.keyDown(list, { key: 'End' });
    expect(document.activeElement).toBe(screen.getByRole('tab', { name: 'Remove all' }));
    expect(panelHeadings()).toEqual(['Remove all']);
    fireEvent.keyDown(list, { key: 'ArrowDown' });
    expect(selected()).toContain('Remove all');
    fireEvent.keyDown(list, { key: 'Home' });
    expect(selected()).toContain('Permissions');
    expect(tabs().map((t) => t.tabIndex)).toEqual([0, -1, -1, -1, -1, -1, -1]);
  });

  it('remembers the section shown when the person comes back from another view', async () => {
    await openApp();
    mainNav('Settings');
    act(() => screen.getByRole('tab', { name: 'Notifications' }).click());
    mainNav('Connections');
    expect(screen.queryByRole('tablist')).toBeNull();
    mainNav('Settings');
    expect(panelHeadings()).toEqual(['Notifications']);
  });

  it('a "Use your own OAuth app" link opens Providers and clients at that form, from any section', async () => {
    await openApp();
    mainNav('Settings');
    act(() => screen.getByRole('tab', { name: 'Remove all' }).click());
    mainNav('Connections');
    await act(async () => {
      window.location.hash = '#own-client-sandbox';
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    });
    expect(panelHeadings()[0]).toBe('Providers and clients');
    const form = document.getElementById('own-client-sandbox') as HTMLDetailsElement;
    expect(form.open).toBe(true);
    expect(document.activeElement).toBe(form.querySelector('summary'));
  });
});
