import { CATALOG, sandboxProvider, type ActionEffect, type ProviderInfo } from '../../shared/catalog';
import type { ListResult } from '../core/broker/protocol';
import { BrokerRefusal } from './client';
import { didYouMean } from './suggest';
import { UsageError } from './usage';

/**
 * What a tool can ask for, from the catalog built into the command: each provider's actions that
 * are API calls (the broker forwards nothing else). Servers a person added themselves are known
 * only to the app; for them the broker answers.
 */
const PROVIDERS: readonly ProviderInfo[] = [sandboxProvider('http://127.0.0.1'), ...CATALOG];

export interface CallableAction {
  id: string;
  title: string;
  effect?: ActionEffect;
}

/** The provider's actions a tool can call, or undefined for a provider the catalog does not know. */
export function callableActions(providerId: string): CallableAction[] | undefined {
  const provider = PROVIDERS.find((p) => p.id === providerId);
  return provider?.actions.filter((a) => a.operations?.length).map(({ id, title, effect }) => ({ id, title, ...(effect ? { effect } : {}) }));
}

const EFFECT_WORDS: Record<ActionEffect, string> = { sends: 'sends', destroys: 'deletes', shares: 'shares' };

/**
 * `actions [provider]`: each provider's callable actions, one a line (id, plain title, and whether
 * it sends, deletes or shares, which the person confirms call by call); with `listed` (the app
 * answered), where this command may already use it.
 */
export function actionLines(providerId: string | undefined, listed: ListResult | undefined): string[] {
  if (providerId !== undefined) knownProvider(providerId);
  const lines: string[] = [];
  for (const provider of PROVIDERS.filter((p) => providerId === undefined || p.id === providerId)) {
    const actions = callableActions(provider.id)!;
    if (actions.length === 0) continue;
    lines.push(`${provider.id}  ${provider.name}`);
    for (const action of actions) {
      const approvedOn = (listed?.connections ?? []).filter((c) => c.providerId === provider.id && c.actions.some((a) => a.id === action.id)).map((c) => c.account);
      const notes = [action.effect ? EFFECT_WORDS[action.effect] : '', approvedOn.length ? `approved for this command on ${approvedOn.join(', ')}` : ''].filter(Boolean);
      lines.push(`  ${action.id.padEnd(24)} ${action.title}${notes.length ? `  (${notes.join('; ')})` : ''}`);
    }
  }
  return lines;
}

function knownProvider(providerId: string): void {
  if (PROVIDERS.some((p) => p.id === providerId)) return;
  throw new UsageError(`There is no provider “${providerId}” in Scopekeeper’s catalog.${didYouMean(providerId, PROVIDERS.map((p) => p.id))} The providers: ${PROVIDERS.map((p) => p.id).join(', ')}.`, false);
}

/**
 * Refuses an action id the provider does not have, before asking anyone, with the closest ids.
 * Says nothing for a provider only the app knows (a server the person added): the broker decides.
 */
export function checkActionIds(providerId: string | undefined, actionIds: readonly string[]): void {
  const actions = providerId === undefined ? undefined : callableActions(providerId);
  if (!actions) return;
  for (const id of actionIds) {
    if (actions.some((a) => a.id === id)) continue;
    const advice = didYouMean(id, actions.map((a) => a.id)) || ` See its actions with: scopekeeper actions ${providerId}`;
    throw new UsageError(`${PROVIDERS.find((p) => p.id === providerId)!.name} has no action “${id}” that a tool can call.${advice}`, false);
  }
}

/**
 * The broker's answer to an action id it does not know on a connection (a server the command
 * cannot look up itself) lists the provider's actions: the refusal then says which one was meant.
 */
export async function withSuggestions<T>(actionIds: readonly string[], asking: Promise<T>): Promise<T> {
  try {
    return await asking;
  } catch (error) {
    const known = error instanceof BrokerRefusal && error.code === 'bad_request' ? error.details?.actions : undefined;
    const unknown = Array.isArray(known) ? actionIds.find((id) => !known.includes(id)) : undefined;
    if (unknown === undefined) throw error;
    throw new BrokerRefusal('bad_request', `${(error as BrokerRefusal).message}${didYouMean(unknown, known as string[])}`, (error as BrokerRefusal).details);
  }
}
