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

/**
 * What the marks mean, in plain words, where they are shown. Google's classes: sensitive scopes
 * reach private user data, restricted ones highly sensitive data (such as mail) and need a
 * verification that can include a security assessment; the catalog gives other providers'
 * content-reading scopes the 'sensitive' mark too.
 * @see https://support.google.com/cloud/answer/15549135
 * @see https://developers.google.com/identity/protocols/oauth2/production-readiness/restricted-scope-verification
 */
export const SENSITIVITY_DEFINITIONS: Readonly<Record<Exclude<Sensitivity, 'basic'>, string>> = {
  sensitive: 'it reaches your own content, such as your files, messages, contacts or events.',
  restricted: 'it reaches your most private data in bulk, such as all of your mail or every file; Google lets an app ask for it only after a review that includes a security assessment.',
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
