// @vitest-environment happy-dom
import { act, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ReviewView, SuggestionView } from '../../../../shared/ipc/contract';
import { App } from '../../App';
import { appStore } from '../../store';
import { aliceConnection } from '../../testing/fakeBridge';
import { renderWithBridge, resetApp } from '../../testing/renderWithBridge';

afterEach(resetApp);

const replace: SuggestionView = {
  id: 'broader-than-needed:conn-alice:contacts.write',
  kind: 'broader-than-needed',
  connectionId: aliceConnection.id,
  providerName: 'Sandbox',
  account: 'alice@example.test',
  title: 'Replace “Edit your contacts” with “See your contacts”',
  reason: 'Tools use “See your contacts” only; “Edit your contacts” lets them do more than that.',
  change: { kind: 'change', add: ['contacts.read'], remove: ['contacts.write'] },
};
const remove: SuggestionView = {
  id: 'unused-connection:conn-alice',
  kind: 'unused-connection',
  connectionId: aliceConnection.id,
  providerName: 'Sandbox',
  account: 'alice@example.test',
  title: 'Remove connection?',
  reason: 'No tool has used this connection in 90 days.',
  change: { kind: 'disconnect' },
};

const nav = () => screen.getByRole('navigation', { name: 'Main' });

async function openReview(suggestions: SuggestionView[], newActions?: ReviewView['newActions']) {
  const rendered = renderWithBridge(<App />, { connections: [aliceConnection], review: { unusedDays: 90, suggestions, ...(newActions ? { newActions } : {}) } });
  await act(() => appStore.getState().init());
  fireEvent.click(within(nav()).getByRole('button', { name: /^Review/ }));
  await screen.findByRole('heading', { level: 2, name: 'Review' });
  return rendered;
}

describe('Review', () => {
  it('the nav says how many suggestions there are; each shows where, what and why', async () => {
    await openReview([replace, remove]);
    expect(within(nav()).getByRole('button', { name: 'Review (2 suggestions)' })).toBeTruthy();
    const items = within(screen.getByRole('list', { name: 'Suggestions' })).getAllByRole('listitem');
    expect(items.map((li) => li.textContent)).toEqual([
      expect.stringContaining('Sandbox alice@example.testReplace “Edit your contacts” with “See your contacts”Tools use'),
      expect.stringContaining('Remove connection?No tool has used this connection in 90 days.'),
    ]);
  });

  it('the count includes the New actions it lists, and with only those it is not “Nothing to review”', async () => {
    const fresh = [{ connectionId: aliceConnection.id, providerName: 'Sandbox', account: 'alice@example.test', actions: [{ id: 'file-details', title: 'See a file’s details', off: true }] }];
    await openReview([replace], fresh);
    expect(within(nav()).getByRole('button', { name: 'Review (1 suggestion, 1 new action)' })).toBeTruthy();
    expect(within(nav()).getByText('2')).toBeTruthy();
    resetApp();
    await openReview([], [{ ...fresh[0]!, actions: [...fresh[0]!.actions, { id: 'share-files', title: 'Share files', off: true }] }]);
    expect(within(nav()).getByRole('button', { name: 'Review (2 new actions)' })).toBeTruthy();
    expect(screen.queryByText(/^Nothing to review/)).toBeNull();
  });

  it('“Replace…” opens the usual confirmation with one plan that adds the narrower and takes back the broader', async () => {
    const { bridge } = await openReview([replace]);
    fireEvent.click(screen.getByRole('button', { name: `Replace… ${replace.title} (Sandbox alice@example.test)` }));
    expect(await screen.findByRole('dialog')).toBeTruthy();
    expect(bridge.api.grants.planChange).toHaveBeenCalledWith({ connectionId: aliceConnection.id, add: ['contacts.read'], remove: ['contacts.write'] });
    expect(bridge.api.grants.applyPlan).not.toHaveBeenCalled();
  });

  it('“Remove connection…” opens the usual removal plan', async () => {
    const { bridge } = await openReview([remove]);
    fireEvent.click(screen.getByRole('button', { name: 'Remove connection… Remove connection? (Sandbox alice@example.test)' }));
    expect(await screen.findByRole('dialog')).toBeTruthy();
    expect(bridge.api.grants.planDisconnect).toHaveBeenCalledWith({ connectionId: aliceConnection.id });
  });

  it('Dismiss takes it off the list and the badge, says for how long, and the empty state says what Review looks at', async () => {
    const { bridge } = await openReview([replace]);
    fireEvent.click(screen.getByRole('button', { name: `Dismiss ${replace.title} (Sandbox alice@example.test) for 90 days` }));
    expect(await screen.findByText('Dismissed for 90 days.')).toBeTruthy();
    expect(bridge.api.review.dismiss).toHaveBeenCalledWith({ suggestionId: replace.id });
    expect(screen.queryByRole('list', { name: 'Suggestions' })).toBeNull();
    expect(screen.getByText('Nothing to review: every permission is in use and no broader than needed.')).toBeTruthy();
    expect(screen.getByText(/Review looks for permissions no tool has used in 90 days on connections tools use/)).toBeTruthy();
    expect(within(nav()).getByRole('button', { name: 'Review' })).toBeTruthy();
  });
});
