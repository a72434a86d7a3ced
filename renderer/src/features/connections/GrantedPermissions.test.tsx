// @vitest-environment happy-dom
import { act, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ExplainedScope } from '../../../../shared/ipc/contract';
import { appStore } from '../../store';
import { explained } from '../../testing/fakeBridge';
import { renderWithBridge, resetApp } from '../../testing/renderWithBridge';
import { GrantedPermissions } from './GrantedPermissions';

afterEach(resetApp);

const OPENID = explained('openid', { title: 'Know it is you', category: 'identity' });
const FILES = [
  explained('files:read', { title: 'See your files', category: 'files' }),
  explained('files:write', { title: 'Create and change your files', category: 'files' }),
  explained('files:admin', { title: 'Manage files and who sees them', category: 'files' }),
];
const TASKS = explained('tasks:read', { title: 'See your tasks', category: 'tasks' });
const ALL = [OPENID, ...FILES, TASKS];

function renderRows(granted: readonly ExplainedScope[] = ALL) {
  const rendered = renderWithBridge(<GrantedPermissions connectionId="conn-1" granted={granted} titles={new Map()} />);
  return {
    ...rendered,
    rerenderRows: (next: readonly ExplainedScope[]) => rendered.rerender(<GrantedPermissions connectionId="conn-1" granted={next} titles={new Map()} />),
  };
}

const group = () => screen.getByRole('group', { name: 'Granted permissions' });
const tabStops = () => within(group()).getAllByRole('button').filter((button) => button.tabIndex === 0);
const focusedName = () => (document.activeElement as HTMLElement | null)?.getAttribute('aria-label') ?? document.activeElement?.textContent;
const press = (key: string) => fireEvent.keyDown(document.activeElement!, { key });

/** From the first row's title (where Tab enters), presses each key and checks where focus went. */
function walkFromFirstRow(steps: readonly (readonly [key: string, focused?: string])[]): void {
  renderRows();
  act(() => tabStops()[0]!.focus());
  for (const [key, expected] of steps) {
    press(key);
    if (expected !== undefined) expect(focusedName(), `after ${key}`).toBe(expected);
  }
}

describe('the granted permissions, by keyboard', () => {
  it('are one Tab stop: the first row’s title, and only it', () => {
    renderRows();
    expect(tabStops().map((button) => button.textContent)).toEqual(['Know it is you']);
    // Every row still has its own buttons, named for it.
    expect(within(group()).getAllByRole('button', { name: /^Take back / })).toHaveLength(4);
  });

  it('move with the arrow keys, Home and End, and the Tab stop follows', () => {
    walkFromFirstRow([
      ['ArrowDown', 'See your files'],
      ['ArrowRight', 'Take back See your files'],
      ['ArrowDown', 'Take back Create and change your files'],
      ['End', 'Take back See your tasks'],
      ['ArrowDown', 'Take back See your tasks'],
      ['ArrowLeft', 'See your tasks'],
      ['End'],
      ['ArrowRight'],
      // The identity row keeps you signed in and has no Take back: its title instead.
      ['Home', 'Know it is you'],
      ['ArrowUp', 'Know it is you'],
      ['ArrowDown'],
      ['ArrowDown'],
    ]);
    expect(tabStops().map((button) => button.getAttribute('aria-label') ?? button.textContent)).toEqual(['Take back Create and change your files']);
  });

  it('keep the Take back column for ↓ after → on a row that has none (the first, signing in)', () => {
    walkFromFirstRow([
      ['ArrowRight', 'Know it is you'],
      ['ArrowDown', 'Take back See your files'],
    ]);
  });

  it('leave keys with a modifier, and keys they do not use, to the page', () => {
    renderRows();
    act(() => tabStops()[0]!.focus());
    expect(fireEvent.keyDown(document.activeElement!, { key: 'ArrowDown', shiftKey: true })).toBe(true);
    expect(fireEvent.keyDown(document.activeElement!, { key: 'a' })).toBe(true);
    expect(focusedName()).toBe('Know it is you');
    expect(fireEvent.keyDown(document.activeElement!, { key: 'ArrowDown' })).toBe(false);
  });

  it('keep focus in the list when the focused row goes away (taken back): on the row now in its place', () => {
    const { rerenderRows } = renderRows();
    act(() => within(group()).getByRole('button', { name: 'Take back Create and change your files' }).focus());
    rerenderRows(ALL.filter((scope) => scope.scope !== 'files:write'));
    expect(focusedName()).toBe('Take back Manage files and who sees them');
    expect(tabStops()).toHaveLength(1);

    // The last row going away: the row before it.
    act(() => within(group()).getByRole('button', { name: 'Take back See your tasks' }).focus());
    rerenderRows([OPENID, FILES[0]!, FILES[2]!]);
    expect(focusedName()).toBe('Take back Manage files and who sees them');
  });

  it('keep focus in the row when its Take back is disabled (a change or a sign-in runs), where the browser would drop it', async () => {
    renderRows();
    act(() => within(group()).getByRole('button', { name: 'Take back See your files' }).focus());
    await act(async () => appStore.setState({ changeStatus: 'applying' }));
    expect(within(group()).getByRole('button', { name: 'Take back See your files' }).hasAttribute('disabled')).toBe(true);
    expect(focusedName()).toBe('See your files');
    // Still one Tab stop, one that can take focus.
    expect(tabStops().map((button) => button.textContent)).toEqual(['See your files']);

    // Done: the Take back column is where ↓ goes again.
    await act(async () => appStore.setState({ changeStatus: 'idle' }));
    press('ArrowDown');
    expect(focusedName()).toBe('Take back Create and change your files');
  });

  it('do not take focus back once it moved on elsewhere', () => {
    const { rerenderRows } = renderRows();
    const outside = document.body.appendChild(document.createElement('button'));
    act(() => within(group()).getByRole('button', { name: 'Take back See your files' }).focus());
    act(() => outside.focus());
    rerenderRows(ALL.filter((scope) => scope.scope !== 'files:read'));
    expect(document.activeElement).toBe(outside);
    expect(tabStops()).toHaveLength(1);
    outside.remove();
  });

  it('are one Tab stop in a very long (virtual) list too, and ↓ moves through the rendered rows', () => {
    const many = Array.from({ length: 250 }, (_, i) => explained(`scope.${String(i).padStart(3, '0')}`, { title: `Permission ${i}`, category: 'files' }));
    renderRows(many);
    const box = screen.getByRole('group', { name: '250 granted permissions, scroll to see them all' });
    expect(box.hasAttribute('tabindex')).toBe(false);
    const stops = within(box).getAllByRole('button').filter((button) => button.tabIndex === 0);
    expect(stops.map((button) => button.textContent)).toEqual(['Permission 0']);
    act(() => stops[0]!.focus());
    press('ArrowDown');
    press('ArrowRight');
    expect(focusedName()).toBe('Take back Permission 1');
  });
});
