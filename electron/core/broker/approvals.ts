import { randomUUID } from 'node:crypto';
import { ScopekeeperError } from '../../../shared/ipc/errors';
import type { BrokerApprovalRequest, BrokerDecision } from '../../../shared/ipc/contract';
import type { Emit } from '../ipc/events';
import { BrokerError, LIMITS } from './protocol';

export interface Answer {
  decision: BrokerDecision;
  connectionId?: string | undefined;
  tokenHandout?: boolean | undefined;
  /** The tool named a resource and the person chose "Any …" instead of only that one. */
  anyResource?: boolean | undefined;
}

interface Pending {
  request: BrokerApprovalRequest;
  resolve(answer: Answer): void;
  timer: NodeJS.Timeout;
}

export type ApprovalDraft = Omit<BrokerApprovalRequest, 'requestId' | 'requestedAt' | 'expiresAt'>;

/**
 * Questions for the person: pushed to the window as `broker:approval-requested`, answered through
 * `broker:answer`. A question nobody answers in time is a refusal (`timeout`); one whose tool went
 * away is withdrawn. At most LIMITS.maxPendingApprovals wait at once.
 */
export class ApprovalDesk {
  private readonly pending = new Map<string, Pending>();

  constructor(
    private readonly emit: Emit,
    private readonly now: () => Date,
    private readonly timeoutMs: number,
    /** Told of every question as it is asked (a tool waits on the person): the window comes forward, a notification when out of sight. */
    private readonly askAttention: (request: BrokerApprovalRequest) => void = () => undefined,
  ) {}

  list(): BrokerApprovalRequest[] {
    return [...this.pending.values()].map((p) => p.request);
  }

  /** Asks and waits for the answer. `signal` withdraws the question (the tool disconnected). */
  ask(draft: ApprovalDraft, signal: AbortSignal): Promise<Answer> {
    // Gone already (e.g. while its call waited in line): the person is never asked.
    if (signal.aborted) return Promise.reject(new BrokerError('timeout', 'The tool went away before the person was asked.'));
    if (this.pending.size >= LIMITS.maxPendingApprovals) {
      return Promise.reject(new BrokerError('busy', 'Too many questions are waiting for the person already. Try again later.'));
    }
    const requestedAt = this.now();
    const request: BrokerApprovalRequest = {
      ...draft,
      requestId: randomUUID(),
      requestedAt: requestedAt.toISOString(),
      expiresAt: new Date(requestedAt.getTime() + this.timeoutMs).toISOString(),
    };
    return new Promise<Answer>((resolve, reject) => {
      const close = (outcome: 'answered' | 'timed-out' | 'withdrawn'): void => {
        clearTimeout(this.pending.get(request.requestId)?.timer);
        this.pending.delete(request.requestId);
        signal.removeEventListener('abort', withdraw);
        this.emit('broker:approval-closed', { requestId: request.requestId, outcome });
      };
      const withdraw = (): void => {
        close('withdrawn');
        reject(new BrokerError('timeout', 'The tool went away before the person answered.'));
      };
      const timer = setTimeout(() => {
        close('timed-out');
        reject(new BrokerError('timeout', 'Nobody answered the approval request in time.'));
      }, this.timeoutMs);
      timer.unref();
      this.pending.set(request.requestId, {
        request,
        timer,
        resolve: (answer) => {
          close('answered');
          resolve(answer);
        },
      });
      signal.addEventListener('abort', withdraw, { once: true });
      this.emit('broker:approval-requested', request);
      this.askAttention(request);
    });
  }

  /** The person's answer from the window. */
  answer(requestId: string, answer: Answer): null {
    const pending = this.pending.get(requestId);
    if (!pending) throw new ScopekeeperError('PLAN_STALE', 'This request was already answered, withdrawn, or timed out.');
    const { request } = pending;
    if (answer.decision !== 'deny' && request.connection === undefined) {
      if (!answer.connectionId || !request.candidates.some((c) => c.id === answer.connectionId)) {
        throw new ScopekeeperError('INVALID_REQUEST', 'Choose which account the tool may use.');
      }
    }
    if (request.resource && answer.decision !== 'deny' && answer.anyResource !== true && answer.tokenHandout === true) {
      throw new ScopekeeperError(
        'INVALID_REQUEST',
        `A token handed to the tool cannot be limited to one ${request.resource.noun}: it could reach every ${request.resource.noun} at ${request.providerName}. Choose “Any ${request.resource.noun}”, or no tokens.`,
      );
    }
    pending.resolve(answer);
    return null;
  }

  dispose(): void {
    for (const [requestId, pending] of this.pending) {
      clearTimeout(pending.timer);
      this.pending.delete(requestId);
    }
  }
}
