import type { ProviderView } from '../../../../shared/ipc/contract';
import { CATEGORIES } from '../../../../shared/catalog/types';
import { CATEGORY_LABELS } from '../../ui/scopeLabels';

/** What the scope picker holds for one provider. */
export interface ScopeChoice {
  /** The scopes that are ticked. */
  ticked: readonly string[];
  /** Scopes the person typed in, in the order they were added. */
  added: readonly string[];
}

export interface PickerEntry {
  scope: string;
  title: string;
}

export interface PickerGroup {
  /** A category, or 'added' for scopes outside the provider's catalog options. */
  key: string;
  label: string;
  entries: PickerEntry[];
}

/** Before the person touches the picker: the provider's default scopes, nothing added. */
export function initialChoice(provider: ProviderView): ScopeChoice {
  return { ticked: provider.defaultScopes, added: [] };
}

/**
 * The checkboxes, by category in catalog order. Default scopes the options do not list, and typed
 * ones, come last under "Added scopes", titled by their own string.
 */
export function pickerGroups(provider: ProviderView, choice: ScopeChoice): PickerGroup[] {
  const groups: PickerGroup[] = CATEGORIES.map((category) => ({
    key: category,
    label: CATEGORY_LABELS[category],
    entries: provider.scopeOptions
      .filter((option) => option.category === category)
      .map(({ scope, title }) => ({ scope, title })),
  }));
  const known = new Set(provider.scopeOptions.map((option) => option.scope));
  const extra = [...new Set([...provider.defaultScopes, ...choice.added])].filter((scope) => !known.has(scope));
  groups.push({ key: 'added', label: 'Added scopes', entries: extra.map((scope) => ({ scope, title: scope })) });
  return groups.filter((group) => group.entries.length > 0);
}

/** The ticked scopes, in the order the picker shows them: what Connect asks for. */
export function chosenScopes(provider: ProviderView, choice: ScopeChoice): string[] {
  const ticked = new Set(choice.ticked);
  return pickerGroups(provider, choice)
    .flatMap((group) => group.entries.map((entry) => entry.scope))
    .filter((scope) => ticked.has(scope));
}

export function withScopeTicked(choice: ScopeChoice, scope: string, ticked: boolean): ScopeChoice {
  const others = choice.ticked.filter((s) => s !== scope);
  return { ...choice, ticked: ticked ? [...others, scope] : others };
}

/** Adds a typed scope, ticked. A scope the picker already shows is only ticked. */
export function withScopeAdded(provider: ProviderView, choice: ScopeChoice, scope: string): ScopeChoice {
  const shown = pickerGroups(provider, choice).some((group) => group.entries.some((e) => e.scope === scope));
  const added = shown ? choice.added : [...choice.added, scope];
  return withScopeTicked({ ...choice, added }, scope, true);
}

/** RFC 6749 §3.3: scope-token = 1*( %x21 / %x23-5B / %x5D-7E ), so no spaces, quotes or backslashes. */
const SCOPE_TOKEN = /^[\x21\x23-\x5B\x5D-\x7E]+$/;
const MAX_SCOPE_LENGTH = 500;

export type ParsedScope = { ok: true; scope: string } | { ok: false; message: string };

/** A typed scope, checked the way the provider will read it. */
export function parseScopeInput(text: string): ParsedScope {
  const scope = text.trim();
  if (scope === '') return { ok: false, message: 'Type the scope exactly as the provider documents it.' };
  if (/\s/.test(scope)) return { ok: false, message: 'A scope has no spaces: add one scope at a time.' };
  if (scope.length > MAX_SCOPE_LENGTH) return { ok: false, message: 'That scope is too long.' };
  if (!SCOPE_TOKEN.test(scope)) {
    return { ok: false, message: 'A scope cannot contain quotes, backslashes or letters outside plain ASCII.' };
  }
  return { ok: true, scope };
}
