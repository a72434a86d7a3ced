import { randomUUID } from 'node:crypto';
import { ScopekeeperError } from '../../../shared/ipc/errors';
import type { ChangeOutcome, ChangePlan } from '../../../shared/ipc/contract';
import { effectiveGranted } from '../../../shared/scopes/format';
import type { ConfigurationCache } from '../oauth/configurations';
import { providerFailure } from '../oauth/providers/errors';
import type { Emit } from '../ipc/events';
import type { Ports } from '../ports';
import type { ConnectionRecord, HistoryEntry } from '../vault/schema';
import type { Vault } from '../vault/vault';
import { configure, providerSession } from './connect';
import { explainActions, explainScopes } from './explain';
import { planChange, planDisconnect, planOnlyBroader, scopesOnlyFor, type PlanDraft } from './plan';
import type { Connections } from './connections';
import type { ConnectableProvider, ProviderRegistry } from './providers';
import { broaderEntry, historyEntry, permissionCount, stampGranted, toSecret, type ConnectionLocks } from './records';
import { withListNarrowed, type ScopeModes } from './scopeMode';
import { retireTokens } from './replaced';
import { isGrantGone, type TokenRefresher } from './refresh';
import { notGranted } from './scopes';
import type { SignIn } from './signIn';
import { scopeBoxesAfter, withoutChangeMarks } from './timeBoxes';
import type { TimeBox } from '../../../shared/timeBox';
import type { ChangePolicy } from './changePolicy';

const PLAN_LIFETIME_MS = 10 * 60_000;

interface StoredPlan {
  id: string;
  draft: PlanDraft;
  /** Chosen at confirmation: what the plan adds ends after this long. */
  lasts?: TimeBox | undefined;
  connectionId: string;
  /** The other choice offered with it (an implied take-back's "only the broader ones"): applying one drops both. */
  sibling?: string;
  /** The connection as planned; a plan for a connection that changed since is refused. */
  basedOn: string;
  /** The tool whose call needs what the plan adds (a broker step-up); its sign-in and history name it. */
  forTool?: string | undefined;
  expiresAt: number;
}

/**
 * Taking back or adding permissions: a plan first, shown to the person, then carried out step by
 * step. Every step that can fail leaves a consistent, visible state.
 */
export class ChangeService {
  private readonly plans = new Map<string, StoredPlan>();

  constructor(
    private readonly connections: Pick<Connections, 'record' | 'view' | 'providerName'>,
    private readonly providers: Pick<ProviderRegistry, 'connectable'>,
    private readonly signIn: Pick<SignIn, 'inBrowser' | 'assertNoFlow'>,
    private readonly refresher: TokenRefresher,
    private readonly vault: Vault,
    private readonly emit: Emit,
    private readonly ports: Pick<Ports, 'browser' | 'clock' | 'fetch'>,
    private readonly configurations: ConfigurationCache,
    /** Shared with TokenService, so a change never runs alongside a refresh of the same grant. */
    private readonly locks: ConnectionLocks,
    private readonly policy: ChangePolicy,
    private readonly modes: Pick<ScopeModes, 'assertWithin'>,
  ) {}

  /** `forTool`: the tool whose call needs the change (the broker's step-up), named in its sign-in and history. */
  async planChange(connectionId: string, add: readonly string[], remove: readonly string[], forTool?: string): Promise<ChangePlan> {
    const { record, provider } = await this.connected(connectionId);
    const input = { info: provider.info, granted: record.grantedScopes, add, remove };
    const draft = await this.policy.allowed(record, provider, planChange(input));
    const only = planOnlyBroader(input, draft);
    if (only === undefined) return this.store(record, provider, draft, forTool);
    const alternative = this.store(record, provider, only, forTool);
    const plan = this.store(record, provider, draft, forTool);
    this.pair(plan.planId, alternative.planId);
    return { ...plan, onlyBroader: alternative };
  }

  /** Two plans offered as choices for one question: applying either drops the other. */
  private pair(one: string, other: string): void {
    const a = this.plans.get(one);
    const b = this.plans.get(other);
    if (a === undefined || b === undefined) return;
    a.sibling = other;
    b.sibling = one;
  }

  /** Enabling an action adds what it misses; disabling removes what no other enabled action needs. */
  async planAction(connectionId: string, actionId: string, enable: boolean): Promise<ChangePlan> {
    const { record, provider } = await this.connected(connectionId);
    const info = provider.info;
    const status = explainActions(info, record.grantedScopes).find((a) => a.id === actionId);
    if (!status) throw new ScopekeeperError('INVALID_REQUEST', `There is no action “${actionId}” for ${info.name}.`);
    const change = enable
      ? { add: status.missingScopes, remove: [] }
      : { add: [], remove: scopesOnlyFor(info, actionId, record.grantedScopes) };
    if (change.add.length === 0 && change.remove.length === 0) {
      throw new ScopekeeperError('CHANGE_REFUSED', enable ? `“${status.title}” already works.` : `“${status.title}” uses only permissions other things need too.`, {
        reason: 'action-unchanged',
        action: status.title,
        enable,
      });
    }
    return this.store(record, provider, await this.policy.allowed(record, provider, planChange({ info, granted: record.grantedScopes, ...change })));
  }

  async planDisconnect(connectionId: string): Promise<ChangePlan> {
    const { record, provider, draft } = await this.disconnectDraft(connectionId);
    return this.store(record, provider, draft);
  }

  /** What removing a connection would do, without keeping a plan to apply (Remove all shows it first). */
  async disconnectDraft(connectionId: string): Promise<{ record: ConnectionRecord; provider: ConnectableProvider; draft: PlanDraft }> {
    const record = this.connections.record(connectionId);
    const provider = await this.providers.connectable(record.providerId);
    const live = record.state === 'connected' && this.vault.hasSecret(record.id);
    return { record, provider, draft: planDisconnect(provider.info, record.grantedScopes, { live }) };
  }

  /**
   * Carries out a confirmed plan, one change per connection at a time. `lasts`: what the plan adds
   * is taken back after this long (Expiries); only a plan that adds can be given one.
   */
  async apply(planId: string, lasts?: TimeBox): Promise<ChangeOutcome> {
    const planned = this.plans.get(planId);
    if (lasts !== undefined && planned !== undefined && planned.draft.add.length === 0) {
      throw new ScopekeeperError('INVALID_REQUEST', 'Only permissions being added can be given for a while; this change adds none.');
    }
    const plan = planned === undefined ? undefined : { ...planned, lasts };
    this.plans.delete(planId);
    if (plan?.sibling !== undefined) this.plans.delete(plan.sibling);
    if (!plan || plan.expiresAt < this.ports.clock.now().getTime()) {
      throw new ScopekeeperError('PLAN_STALE', 'This change was not confirmed in time. Review it again.');
    }
    return this.locks.run(plan.connectionId, async () => {
      const record = this.connections.record(plan.connectionId);
      if (JSON.stringify(record) !== plan.basedOn) {
        throw new ScopekeeperError('PLAN_STALE', 'This connection changed after the plan was made. Review the change again.');
      }
      const provider = await this.providers.connectable(record.providerId);
      // A take-back narrows a fixed list with it, so the list stays what the connection may hold.
      const outcome = await this.carryOut(plan, withListNarrowed(provider.info, record, plan.draft.remove), provider);
      this.emit('grants:changed', { connectionId: record.id });
      return outcome;
    });
  }

  private async carryOut(plan: StoredPlan, record: ConnectionRecord, provider: ConnectableProvider): Promise<ChangeOutcome> {
    const { draft } = plan;
    if (draft.kind === 'disconnect') return this.disconnect(plan, record, provider);
    switch (draft.strategy) {
      case 'revoke-and-reconsent':
        return this.revokeAndReconsent(plan, record, provider);
      case 'narrow-refresh':
        return this.narrowRefresh(plan, record, provider);
      case 'provider-console':
        return this.openConsole(plan, record, provider);
      default:
        return this.add(plan, record, provider);
    }
  }

  /** Revoke, mark disconnected (the tokens are dead), then ask again for what stays. */
  private async revokeAndReconsent(plan: StoredPlan, record: ConnectionRecord, provider: ConnectableProvider): Promise<ChangeOutcome> {
    const { draft } = plan;
    const name = provider.info.name;
    // The new consent needs the browser: refuse before revoking rather than strand the connection.
    this.signIn.assertNoFlow();
    this.progress(plan, 0, 'running');
    await this.revoke(record, provider);
    const now = this.now();
    const disconnected: ConnectionRecord = { ...record, state: 'disconnected', restoreScopes: draft.target, grantedScopes: [], grantedAt: {}, updatedAt: now };
    await this.vault.save(disconnected, null, [
      this.entry(record, 'revoked', draft.remove, `${draft.historyNote ?? ''}${name} forgot the whole grant to take back ${permissionCount(draft.remove.length)}; you were asked to approve the other ${permissionCount(draft.target.length)} again.`),
    ]);
    this.progress(plan, 0, 'done');
    this.progress(plan, 1, 'running');
    try {
      const result = await this.signIn.inBrowser(provider, draft.target, {});
      const granted = effectiveGranted(provider.info, draft.target, result.tokens.scope, result.tokens.refreshToken !== undefined);
      // Each kept permission keeps the time it was first granted: the person never stopped granting
      // it (the history says the provider forgot the whole grant and it was approved again).
      const history = [
        this.entry(record, 'granted', granted, `You approved ${permissionCount(granted.length)} again after ${name} forgot the whole grant.`),
        ...this.partial(record, draft.target, granted),
        ...broaderEntry(record, provider.info, this.now(), draft.target, granted),
      ];
      await this.vault.save(this.reconnected(record, plan, result.tokens, granted, draft.target), toSecret(result.tokens), history);
      this.progress(plan, 1, 'done');
      return this.outcome(record.id, `${name} no longer grants ${this.titles(provider, draft.remove)}.`, draft.target.filter((s) => !granted.includes(s)));
    } catch (error) {
      this.progress(plan, 1, 'failed');
      await this.vault.save({ ...disconnected, updatedAt: this.now() }, null, [
        this.entry(record, 'disconnected', draft.target, 'The new consent did not finish; reconnect to restore the remaining permissions.'),
      ]);
      throw error;
    }
  }

  /** A narrower token (RFC 6749 §6); the new refresh token is saved before anything else. */
  private async narrowRefresh(plan: StoredPlan, record: ConnectionRecord, provider: ConnectableProvider): Promise<ChangeOutcome> {
    const { draft } = plan;
    this.progress(plan, 0, 'running');
    try {
      await this.narrowTo(record, provider, draft.target, draft.remove, draft.historyNote ?? '');
    } catch (error) {
      this.progress(plan, 0, 'failed');
      throw error;
    }
    this.progress(plan, 0, 'done');
    return this.outcome(record.id, draft.providerRemembers ?? 'Done.', []);
  }

  /**
   * Narrows the connection's token to `target` (taking back `remove`), the history entry led by
   * `why` (empty for a change the person asked for now; an expiry says so). Also what an expiry does.
   */
  async narrowTo(record: ConnectionRecord, provider: ConnectableProvider, target: string[], remove: string[], why: string): Promise<void> {
    const secret = await this.vault.readSecret(record.id);
    if (!secret.refreshToken) throw new ScopekeeperError('PROVIDER_ERROR', `${provider.info.name} gave Scopekeeper no refresh token, so it cannot narrow this connection.`);
    let tokens;
    try {
      tokens = await this.refresher.refresh(provider, secret.refreshToken, { scopes: target });
    } catch (error) {
      if (isGrantGone(error)) throw await this.refresher.markRevoked(record, provider, error);
      await this.vault.appendHistory([this.entry(record, 'refresh-failed', remove, `${why}The narrower refresh failed: ${(error as Error).message}`)]);
      throw error;
    }
    const granted = effectiveGranted(provider.info, target, tokens.scope, tokens.refreshToken !== undefined);
    const now = this.ports.clock.now();
    const next: ConnectionRecord = { ...withoutChangeMarks(record), ...scopeBoxesAfter(record, granted, [], undefined, now), grantedScopes: granted, grantedAt: stampGranted(record.grantedAt, granted, this.now()), updatedAt: this.now() };
    await this.vault.save(next, { ...toSecret(tokens), refreshToken: tokens.refreshToken ?? secret.refreshToken }, [
      this.entry(record, 'revoked', remove, `${why}Scopekeeper’s token no longer carries them; ${provider.info.name} still remembers the consent.`),
      ...broaderEntry(record, provider.info, this.now(), target, granted),
    ]);
  }

  private async openConsole(plan: StoredPlan, record: ConnectionRecord, provider: ConnectableProvider): Promise<ChangeOutcome> {
    const url = provider.info.consoleUrl;
    this.progress(plan, 0, 'running');
    await this.ports.browser.open(url);
    await this.vault.appendHistory([this.entry(record, 'console-opened', plan.draft.remove, `${plan.draft.historyNote ?? ''}Opened ${url} to remove them there.`)]);
    this.progress(plan, 0, 'done');
    return this.outcome(record.id, `Remove ${this.titles(provider, plan.draft.remove)} on ${provider.info.name}’s page, then reconnect so Scopekeeper sees the change.`, []);
  }

  /** Incremental (only the new scopes) or union; the person may approve less: record what was granted. */
  private async add(plan: StoredPlan, record: ConnectionRecord, provider: ConnectableProvider): Promise<ChangeOutcome> {
    const { draft } = plan;
    const step = draft.steps[0];
    if (step?.kind !== 'authorize') throw new ScopekeeperError('INTERNAL', 'An addition plan must start with a sign-in.');
    const old = await this.vault.readSecret(record.id);
    this.progress(plan, 0, 'running');
    const { forTool } = plan;
    const purpose = forTool === undefined ? {} : { purpose: { kind: 'step-up' as const, connectionId: record.id, tool: forTool, adding: this.titleList(provider, draft.add) } };
    let result;
    try {
      result = await this.signIn.inBrowser(provider, step.scopes, step.params, purpose);
    } catch (error) {
      this.progress(plan, 0, 'failed');
      throw error;
    }
    // Incremental: the response covers old and new scopes; when it says nothing, assume the target.
    const requested = draft.strategy === 'incremental' ? draft.target : step.scopes;
    const granted = effectiveGranted(provider.info, requested, result.tokens.scope, result.tokens.refreshToken !== undefined);
    const gained = granted.filter((s) => !record.grantedScopes.includes(s));
    const refused = notGranted(draft.add, granted);
    const lost = notGranted(record.grantedScopes, granted);
    const history: HistoryEntry[] = [
      ...(gained.length ? [this.entry(record, 'upgraded', gained, forTool === undefined ? `Added ${permissionCount(gained.length)}.` : `Added ${this.titles(provider, gained)} for ${forTool}.`)] : []),
      ...this.partial(record, draft.add, granted),
      ...(lost.length ? [this.entry(record, 'revoked', lost, `${permissionCount(lost.length)} left out of the new consent.`)] : []),
      ...broaderEntry(record, provider.info, this.now(), [...record.grantedScopes, ...requested], granted),
    ];
    await this.vault.save(this.reconnected(record, plan, result.tokens, granted, requested), toSecret(result.tokens), history);
    // The sign-in replaced the connection's tokens: the old ones are ended where the provider ends exactly them.
    await retireTokens(provider, this.configurations, this.ports.fetch, old, result.tokens);
    this.progress(plan, 0, 'done');
    const message = refused.length
      ? `${provider.info.name} did not grant ${this.titles(provider, refused)}.${gained.length ? '' : ' Your permissions are unchanged.'}`
      : `${provider.info.name} now grants ${this.titles(provider, gained)}.`;
    return this.outcome(record.id, message, refused);
  }

  private async disconnect(plan: StoredPlan, record: ConnectionRecord, provider: ConnectableProvider): Promise<ChangeOutcome> {
    const { draft } = plan;
    const { name, consoleUrl } = provider.info;
    const last = draft.steps.length - 1;
    if (draft.strategy !== 'forget-only') {
      this.progress(plan, 0, 'running');
      if (draft.strategy === 'revoke-all') await this.revoke(record, provider);
      else await this.ports.browser.open(consoleUrl);
      this.progress(plan, 0, 'done');
    }
    this.progress(plan, last, 'running');
    const message =
      draft.strategy === 'revoke-all'
        ? `${name} revoked Scopekeeper’s access; the connection is removed.`
        : draft.strategy === 'forget-only'
          ? `Removed here. Scopekeeper held no working access at ${name} for it, so there was nothing to revoke there.`
          : `Removed here. ${name} keeps the consent until you remove it at ${consoleUrl}.`;
    await this.vault.remove(record.id, [this.entry(record, 'removed', record.grantedScopes, message)]);
    this.progress(plan, last, 'done');
    return { connection: null, message, notGranted: [] };
  }

  /** Ends the grant at the provider (its protocol module's way), or throws saying where the person can. */
  async revoke(record: ConnectionRecord, provider: ConnectableProvider): Promise<void> {
    if (record.state === 'disconnected' || !this.vault.hasSecret(record.id)) return;
    await this.revokeSecret(provider, await this.vault.readSecret(record.id));
  }

  /** The provider's own way to end Scopekeeper's access (its protocol module), or a clear refusal. */
  private async revokeSecret(provider: ConnectableProvider, secret: { accessToken: string; refreshToken?: string | undefined }): Promise<void> {
    const config = await configure(provider, this.configurations);
    const { context } = providerSession(provider, this.ports.fetch);
    const outcome = await provider.protocol.revoke(config, secret, context).catch((error: unknown) => {
      throw providerFailure(error, 'revocation', provider.protocol, provider.info);
    });
    if (outcome.kind === 'console') {
      throw new ScopekeeperError('PROVIDER_ERROR', outcome.sentence, { error: 'no_revocation_endpoint', advice: outcome.sentence });
    }
  }

  /**
   * The record after a change's sign-in. What was asked for before and never granted stays "asked
   * for" (less what the person just took back), so it can still be asked for again.
   */
  private reconnected(record: ConnectionRecord, plan: StoredPlan, tokens: { account?: string }, granted: string[], asked: string[]): ConnectionRecord {
    const { draft } = plan;
    const now = this.now();
    const { restoreScopes: _restore, ...rest } = withoutChangeMarks(record);
    const requested = [...new Set([...record.requestedScopes.filter((s) => !draft.remove.includes(s)), ...asked, ...draft.add])];
    const boxes = scopeBoxesAfter(record, granted, draft.add, plan.lasts, this.ports.clock.now());
    return { ...rest, ...boxes, account: tokens.account ?? record.account, requestedScopes: requested, grantedScopes: granted, grantedAt: stampGranted(record.grantedAt, granted, now), state: 'connected', updatedAt: now };
  }

  private partial(record: ConnectionRecord, asked: string[], granted: string[]): HistoryEntry[] {
    const refused = notGranted(asked, granted);
    return refused.length ? [this.entry(record, 'partial-approval', refused, `${permissionCount(refused.length)} asked for but not granted.`)] : [];
  }

  private async connected(connectionId: string): Promise<{ record: ConnectionRecord; provider: ConnectableProvider }> {
    const record = this.connections.record(connectionId);
    if (record.state === 'disconnected') {
      throw new ScopekeeperError('CHANGE_REFUSED', 'This connection is disconnected. Reconnect it first.', { reason: 'disconnected' });
    }
    return { record, provider: await this.providers.connectable(record.providerId) };
  }

  private store(record: ConnectionRecord, provider: ConnectableProvider, draft: PlanDraft, forTool?: string): ChangePlan {
    this.modes.assertWithin(provider.info, record, draft.add);
    const now = this.ports.clock.now().getTime();
    for (const [planId, stored] of this.plans) if (stored.expiresAt < now) this.plans.delete(planId);
    const id = randomUUID();
    this.plans.set(id, { id, draft, connectionId: record.id, basedOn: JSON.stringify(record), expiresAt: now + PLAN_LIFETIME_MS, forTool });
    const explain = (scopes: string[]): ChangePlan['add'] => explainScopes(provider.info, scopes, record.grantedScopes);
    return {
      planId: id,
      connectionId: record.id,
      providerName: provider.info.name,
      account: record.account,
      kind: draft.kind,
      strategy: draft.strategy,
      add: explain(draft.add),
      remove: explain(draft.remove),
      steps: draft.steps.map(({ kind, description }) => ({ kind, description })),
      opensBrowser: draft.opensBrowser,
      ...(draft.providerRemembers ? { providerRemembers: draft.providerRemembers } : {}),
      actionsLost: draft.actionsLost,
      actionsGained: draft.actionsGained,
      ...(draft.implied ? { implied: { asked: explain(draft.implied.asked), broader: explain(draft.implied.broader), why: draft.implied.why } } : {}),
    };
  }

  private progress(plan: StoredPlan, step: number, state: 'running' | 'done' | 'failed'): void {
    const description = plan.draft.steps[step]?.description ?? '';
    this.emit('change:progress', { planId: plan.id, step, of: plan.draft.steps.length, description, state });
  }

  private outcome(connectionId: string, message: string, refused: string[]): ChangeOutcome {
    return { connection: this.connections.view(this.connections.record(connectionId)), message, notGranted: refused };
  }

  private entry(record: ConnectionRecord, kind: HistoryEntry['kind'], scopes: readonly string[], message: string): HistoryEntry {
    return historyEntry(record, this.connections.providerName(record.providerId), this.now(), kind, scopes, message);
  }

  private titles(provider: ConnectableProvider, scopes: readonly string[]): string {
    return this.titleList(provider, scopes).join(', ') || 'nothing';
  }

  private titleList(provider: ConnectableProvider, scopes: readonly string[]): string[] {
    return explainScopes(provider.info, scopes, []).map((e) => e.title);
  }

  private now(): string {
    return this.ports.clock.now().toISOString();
  }
}
