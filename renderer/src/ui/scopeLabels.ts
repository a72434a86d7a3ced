import { CATEGORIES } from '../../../shared/catalog/types';
import type { AccessLevel, Category, Sensitivity } from '../../../shared/catalog/types';

/** Category names as shown; "Administration", so it never reads like the "Admin" access badge. */
export const CATEGORY_LABELS: Readonly<Record<Category, string>> = {
  identity: 'Identity',
  mail: 'Mail',
  calendar: 'Calendar',
  files: 'Files',
  chat: 'Chat',
  code: 'Code',
  tasks: 'Tasks',
  contacts: 'Contacts',
  admin: 'Administration',
  workspace: 'Workspace',
  other: 'Other',
};

export const ACCESS_LABELS: Readonly<Record<AccessLevel, string>> = {
  read: 'Read',
  write: 'Write',
  delete: 'Delete',
  admin: 'Admin',
};

/** Basic scopes get no badge: only what deserves a second look is marked. */
export const SENSITIVITY_LABELS: Readonly<Record<Sensitivity, string | null>> = {
  basic: null,
  sensitive: 'Sensitive',
  restricted: 'Restricted',
};

/** The catalog's category order: identity first, then the person's own content. */
export function categoryRank(category: Category): number {
  return CATEGORIES.indexOf(category);
}

/** A copy sorted by category, keeping the given order within each category. */
export function sortByCategory<T extends { category: Category }>(items: readonly T[]): T[] {
  // Array.prototype.sort is stable, so equal categories keep their order.
  return [...items].sort((a, b) => categoryRank(a.category) - categoryRank(b.category));
}
