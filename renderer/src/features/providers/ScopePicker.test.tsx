// @vitest-environment happy-dom
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ProviderView } from '../../../../shared/ipc/contract';
import { customProvider, sandboxProvider } from '../../testing/fakeBridge';
import { initialChoice } from './scopeChoice';
import { ScopePicker } from './ScopePicker';

afterEach(cleanup);

function renderPicker(provider: ProviderView): HTMLElement {
  render(<ScopePicker provider={provider} choice={initialChoice(provider)} onToggle={() => {}} onAdd={() => {}} />);
  const details = screen.getByText(`Choose permissions for ${provider.name}`).closest('details');
  if (details === null) throw new Error('the picker is not a <details>');
  details.open = true;
  return details;
}

/** The body's first paragraph: what is ticked before the person touches anything, and why. */
function firstLine(picker: HTMLElement): string {
  return picker.querySelector('.scope-picker-body > p')?.textContent ?? '';
}

describe('the scope picker says what it ticked for you', () => {
  it('with defaults: names them as everyday ones and says admin and restricted ones are never ticked', () => {
    const picker = renderPicker(sandboxProvider);
    expect(firstLine(picker)).toBe(
      'Ticked for you: Sandbox’s everyday permissions. Admin access and restricted permissions are never ticked for you; tick them yourself if you need them.',
    );
    expect(within(picker).getByRole('checkbox', { name: 'See your contacts' })).toHaveProperty('checked', true);
  });

  it('without defaults: nothing is ticked, Connect only signs you in', () => {
    const picker = renderPicker({ ...customProvider, name: 'Google', scopeOptions: sandboxProvider.scopeOptions });
    expect(firstLine(picker)).toBe('Nothing is ticked for you: Connect asks Google only to sign you in. Tick the permissions you want to give.');
    for (const box of within(picker).getAllByRole('checkbox')) expect(box).toHaveProperty('checked', false);
  });

  it('the line says no internal codes or scope strings', () => {
    for (const provider of [sandboxProvider, customProvider]) {
      const line = firstLine(renderPicker(provider));
      expect(line).not.toBe('');
      for (const scope of [...provider.defaultScopes, 'files:admin', 'admin']) expect(line).not.toContain(scope);
      expect(line).not.toMatch(/[A-Z]{2,}_[A-Z]+/);
      cleanup();
    }
  });
});
