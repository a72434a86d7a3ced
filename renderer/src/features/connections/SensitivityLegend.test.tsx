// @vitest-environment happy-dom
import { act, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConnectionView } from '../../../../shared/ipc/contract';
import { appStore } from '../../store';
import { aliceConnection, explained } from '../../testing/fakeBridge';
import { renderWithBridge, resetApp } from '../../testing/renderWithBridge';
import { ConnectionsSection } from './ConnectionsSection';

afterEach(resetApp);

async function showGranted(granted: ConnectionView['granted']): Promise<HTMLElement> {
  const connection = { ...aliceConnection, grantedScopes: granted.map((s) => s.scope), granted };
  renderWithBridge(<ConnectionsSection />, { connections: [connection] });
  await act(() => appStore.getState().init());
  return screen.getByRole('article', { name: 'Sandbox: alice@example.test' });
}

const legend = (article: HTMLElement) => within(article).queryByRole('note', { name: 'What the marks mean' });

describe('the Sensitive and Restricted marks', () => {
  it('are defined in plain words where they are shown, only the ones shown', async () => {
    const article = await showGranted([explained('contacts.read', { sensitivity: 'sensitive' }), explained('openid')]);
    const note = legend(article)!;
    expect(note.textContent).toMatch(/^Sensitive: .*your own/);
    expect(note.textContent).not.toContain('Restricted');
  });

  it('defines Restricted next to Sensitive when a restricted permission is granted', async () => {
    const article = await showGranted([explained('mail.read', { sensitivity: 'restricted' }), explained('contacts.read', { sensitivity: 'sensitive' })]);
    expect(legend(article)!.textContent).toMatch(/Sensitive: .*Restricted: .*security assessment/);
  });

  it('says nothing when no granted permission carries a mark', async () => {
    expect(legend(await showGranted([explained('openid')]))).toBeNull();
  });
});
