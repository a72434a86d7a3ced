import { describe, expect, it, vi } from 'vitest';
import type { BrokerApprovalRequest } from '../../../shared/ipc/contract';
import type { AppNotification } from '../ports';
import type { VaultSettings } from '../vault/schema';
import { questionAttention } from './attention';
import { Notifications } from './notifications';

function setup(saved: VaultSettings = {}, show: (n: AppNotification) => void = () => undefined) {
  let settings = saved;
  const shown: AppNotification[] = [];
  const emitted: [string, unknown][] = [];
  const vault = { settings: () => settings, saveSettings: async (next: VaultSettings) => void (settings = next) };
  const notify = new Notifications(vault, { show: (n) => (shown.push(n), show(n)) }, (channel, payload) => void emitted.push([channel, payload]));
  return { notify, shown, emitted, saved: () => settings };
}

const ended: AppNotification = { kind: 'grant-ended', title: 'Sandbox access ended', body: 'b', opens: { connectionId: 'c1' } };
const expiring: AppNotification = { kind: 'expiring', title: 'Access ends in an hour', body: 'b' };

describe('notifications and the person’s settings', () => {
  it('shows every kind by default', () => {
    const { notify, shown } = setup();
    notify.show(ended);
    notify.show(expiring);
    expect(shown).toEqual([ended, expiring]);
  });

  it('leaves out the kinds turned off, and everything when quiet', async () => {
    const { notify, shown } = setup();
    await notify.save({ off: ['expiring'], quiet: false });
    notify.show(ended);
    notify.show(expiring);
    expect(shown).toEqual([ended]);
    await notify.save({ off: [], quiet: true });
    notify.show(ended);
    expect(shown).toEqual([ended]);
  });

  it('keeps a kind a newer Scopekeeper turned off, without showing it to this one', async () => {
    const { notify, saved } = setup({ notifications: { off: ['weekly-digest', 'review'], quiet: false } });
    expect(notify.settings()).toEqual({ off: ['review'], quiet: false });
    await notify.save({ off: [], quiet: false });
    expect(saved().notifications).toEqual({ off: ['weekly-digest'], quiet: false });
  });

  it('a notifier that throws does not break the work that notified', () => {
    const { notify } = setup({}, () => {
      throw new Error('no notification server');
    });
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(() => notify.show(ended)).not.toThrow();
  });

  it('a clicked notification tells the window what to open', () => {
    const { notify, emitted } = setup();
    notify.open({ requestId: 'r1' });
    notify.open(undefined);
    expect(emitted).toEqual([
      ['app:open', { requestId: 'r1' }],
      ['app:open', {}],
    ]);
  });
});

describe('a tool’s question', () => {
  // As the broker asks it: my-agent wants to read files through alex's Sandbox account.
  const request = {
    ...{ requestId: 'r1', kind: 'access', providerName: 'Sandbox', candidates: [], tokenHandout: false },
    ...{ requestedAt: '2025-03-01T09:00:00.000Z', expiresAt: '2025-03-01T09:05:00.000Z' },
    tool: { name: 'my-agent', known: false },
    connection: { id: 'c1', providerName: 'Sandbox', account: 'alex@sandbox.test' },
    actions: [{ id: 'files.read', title: 'Read your files', needs: [] }],
  } satisfies BrokerApprovalRequest;

  it('is a notification only while the window is out of sight, and the window comes forward either way', () => {
    const { notify, shown } = setup();
    let inView = true;
    const bringForward = vi.fn(() => void (inView = true));
    const ask = questionAttention({ bringForward, inView: () => inView }, notify);
    ask(request);
    expect(shown).toEqual([]);
    inView = false;
    ask(request);
    expect(shown).toEqual([
      {
        kind: 'tool-asks',
        title: 'my-agent asks to use Sandbox',
        body: 'Read your files at Sandbox (alex@sandbox.test). Open Scopekeeper to answer; the tool waits until you do.',
        opens: { requestId: 'r1' },
      },
    ]);
    expect(bringForward).toHaveBeenCalledTimes(2);
  });

  it('is not a notification where the host cannot tell (no inView), nor when the person turned the kind off', async () => {
    const { notify, shown } = setup();
    questionAttention({ bringForward: () => undefined }, notify)(request);
    questionAttention(undefined, notify)(request);
    await notify.save({ off: ['tool-asks'], quiet: false });
    questionAttention({ bringForward: () => undefined, inView: () => false }, notify)(request);
    expect(shown).toEqual([]);
  });
});
