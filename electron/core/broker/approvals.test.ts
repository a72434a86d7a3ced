import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApprovalDesk, type ApprovalDraft } from './approvals';

const draft: ApprovalDraft = { kind: 'access', tool: { name: 'my-agent', known: false }, providerName: 'Sandbox', candidates: [], actions: [], tokenHandout: false };
const FIVE_MINUTES = 5 * 60_000;

afterEach(() => {
  vi.useRealTimers();
});

describe('ApprovalDesk', () => {
  it('a question nobody answers expires: the window hears it, the tool gets a typed timeout, a late answer grants nothing', async () => {
    vi.useFakeTimers();
    const events: unknown[] = [];
    const desk = new ApprovalDesk((channel, payload) => void events.push([channel, payload]), () => new Date(), FIVE_MINUTES);
    const asking = desk.ask(draft, new AbortController().signal);
    const settled = asking.catch((error: unknown) => error);
    const [, request] = events[0] as [string, { requestId: string; expiresAt: string; requestedAt: string }];
    expect(Date.parse(request.expiresAt) - Date.parse(request.requestedAt)).toBe(FIVE_MINUTES);

    vi.advanceTimersByTime(FIVE_MINUTES - 1);
    expect(desk.list()).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(events[1]).toEqual(['broker:approval-closed', { requestId: request.requestId, outcome: 'timed-out' }]);
    expect(await settled).toMatchObject({ code: 'timeout' });
    expect(desk.list()).toEqual([]);
    expect(() => desk.answer(request.requestId, { decision: 'allow-always' })).toThrow(expect.objectContaining({ code: 'PLAN_STALE' }));
  });

  it('never asks for a tool that is already gone', async () => {
    const events: unknown[] = [];
    const desk = new ApprovalDesk((channel, payload) => void events.push([channel, payload]), () => new Date(), FIVE_MINUTES);
    const gone = new AbortController();
    gone.abort();
    await expect(desk.ask(draft, gone.signal)).rejects.toMatchObject({ code: 'timeout' });
    expect(events).toEqual([]);
    expect(desk.list()).toEqual([]);
  });
});
