// @vitest-environment happy-dom
import { act, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../App';
import { appStore } from '../../store';
import { renderWithBridge, resetApp } from '../../testing/renderWithBridge';
import { openSettingsAt } from '../../testing/openSettings';

afterEach(resetApp);

async function openSettings() {
  const rendered = renderWithBridge(<App />);
  await act(() => appStore.getState().init());
  openSettingsAt('Permissions');
  const section = await screen.findByRole('region', { name: 'Review' });
  const field = within(section).getByRole('textbox', { name: 'Suggest taking back what no tool used for (days)' }) as HTMLInputElement;
  const save = (value: string) => {
    fireEvent.change(field, { target: { value } });
    return act(async () => within(section).getByRole('button', { name: 'Save' }).click());
  };
  return { ...rendered, section, field, save };
}

describe('Settings › Review', () => {
  it('shows the saved number of days and saves a new one', async () => {
    const { bridge, field, save, section } = await openSettings();
    expect(field.value).toBe('90');
    await save('30');
    expect(bridge.api.review.setUnusedDays).toHaveBeenCalledWith({ unusedDays: 30 });
    expect(within(section).getByRole('status').textContent).toContain('Review now looks for 30 days without use.');
    expect(field.value).toBe('30');
  });

  it('refuses what is not a whole number of days from 1 to 3650 before anything is sent', async () => {
    const { bridge, field, save } = await openSettings();
    for (const value of ['0', '3651', '1.5', 'ninety', '']) {
      await save(value);
      expect(screen.getByText('Enter a whole number of days from 1 to 3650.')).toBeTruthy();
      expect(field.getAttribute('aria-invalid')).toBe('true');
    }
    expect(bridge.api.review.setUnusedDays).not.toHaveBeenCalled();
  });
});
