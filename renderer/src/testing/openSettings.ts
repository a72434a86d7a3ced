import { act, screen, within } from '@testing-library/react';

/** Opens Settings from the main navigation, at a section named as its side list names it ("Providers and clients"). */
export function openSettingsAt(section: string): void {
  act(() => within(screen.getByRole('navigation', { name: 'Main' })).getByRole('button', { name: 'Settings' }).click());
  act(() => screen.getByRole('tab', { name: section }).click());
}
