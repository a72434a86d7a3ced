import { describe, expect, it } from 'vitest';
import { withSandboxHarnesses } from '../../../e2e/brokerFixture';
import { refusal, type BrokerHarness } from '../../../e2e/brokerHarness';
import type { ConnectionView, ReviewView } from '../../../shared/ipc/contract';

/**
 * An app update brings a Sandbox action a connection did not know: it arrives "New", off (tools
 * cannot use it, nothing is asked for it) unless Settings turns new actions on in Follow mode; a
 * fixed list keeps it off either way; reviewing it clears New. The app is started again over the
 * same folder, as after an update.
 */
const harnesses = withSandboxHarnesses();
const NEW = 'see-file-details';

/** A connection made before the update, and the app started again with the updated catalog. */
async function updated(): Promise<{ h: BrokerHarness; connectionId: string }> {
  const before = await harnesses.start();
  const connectionId = await before.connectSandbox(['files:read']);
  const view = (await before.invoke('grants:detail', { connectionId })) as ConnectionView;
  expect(view.actions.map((a) => a.id)).not.toContain(NEW);
  await harnesses.stop();
  return { h: await harnesses.start({ dataDir: before.dataDir, sandboxCatalogUpdate: true }), connectionId };
}
const action = async (h: BrokerHarness, connectionId: string) => ((await h.invoke('grants:detail', { connectionId })) as ConnectionView).actions.find((a) => a.id === NEW);

describe('new actions from an update', () => {
  it('arrive New and off, even though the grant covers them: tools are refused, the Review lists them', async () => {
    const { h, connectionId } = await updated();
    expect(await action(h, connectionId)).toMatchObject({ isNew: true, held: true, available: false });
    const review = (await h.invoke('review:list')) as ReviewView;
    expect(review.newActions).toEqual([expect.objectContaining({ connectionId, actions: [{ id: NEW, title: 'See a file’s details', off: true }] })]);
    const agent = await h.tool('reader');
    expect((await refusal(agent.send('request', { connectionId, actions: [NEW] }))).code).toBe('not_approved');
    // What the connection had is as it was: an action that is off never blocks turning another off.
    const reading = ((await h.invoke('grants:detail', { connectionId })) as ConnectionView).actions.find((a) => a.id === 'read-files');
    expect(reading).toMatchObject({ available: true });
    expect(reading?.turnOffBlocked).toBeUndefined();
  });

  it('with Settings → New actions enabled by default on, they work in Follow mode and stay New until reviewed', async () => {
    const { h, connectionId } = await updated();
    expect(await h.invoke('settings:new-actions')).toEqual({ on: false });
    await h.invoke('settings:set-new-actions', { on: true });
    expect(await action(h, connectionId)).toMatchObject({ isNew: true, available: true });
    expect((await action(h, connectionId))?.held).toBeUndefined();
    // A tool may ask for it: the person is asked as for any action.
    const agent = await h.tool('reader');
    const { result } = await h.approve(agent, { connectionId, actions: [NEW] });
    expect(result.actions).toEqual([NEW]);
    // A fixed list keeps them off whatever the setting says.
    await h.invoke('grants:set-scope-mode', { connectionId, mode: 'fixed' });
    expect(await action(h, connectionId)).toMatchObject({ isNew: true, held: true });
  });

  it('Mark as reviewed clears New and turns it on; an action the provider lacks is refused', async () => {
    const { h, connectionId } = await updated();
    const reviewed = (await h.invoke('grants:review-actions', { connectionId, actionIds: [NEW] })) as ConnectionView;
    const after = reviewed.actions.find((a) => a.id === NEW);
    expect(after?.isNew).toBeUndefined();
    expect(after?.available).toBe(true);
    expect(((await h.invoke('review:list')) as ReviewView).newActions).toEqual([]);
    await expect(h.invoke('grants:review-actions', { connectionId, actionIds: ['no-such-action'] })).rejects.toMatchObject({ code: 'INVALID_REQUEST' });
  });
});
