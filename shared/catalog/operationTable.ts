import type { ActionInfo, BodySchema, HttpMethod } from './types';

/**
 * One operation of a provider's table: the action it belongs to, the method and URL template,
 * and its reference page, both as the page's address and as the short name a provider's table
 * of documented bodies uses for it.
 */
export interface OperationRow {
  action: string;
  method: HttpMethod;
  url: string;
  source: string;
  page: string;
}

/**
 * A provider's actions with the operations its table gives each, in table order, and the JSON
 * body its reference page documents where `bodies` has one. A row naming no action of the list,
 * or a body no row's page names, is a mistake in the catalog, refused when the module loads.
 */
export function withOperations(actions: readonly ActionInfo[], rows: readonly OperationRow[], bodies: Readonly<Record<string, BodySchema>> = {}): ActionInfo[] {
  const known = new Set(actions.map((a) => a.id));
  const unknown = rows.find((row) => !known.has(row.action));
  if (unknown) throw new Error(`An operation row names no action of its provider: ${unknown.action}`);
  const unused = Object.keys(bodies).find((page) => !rows.some((row) => row.page === page));
  if (unused) throw new Error(`A documented body belongs to no operation: ${unused}`);
  return actions.map((action) => {
    const operations = rows
      .filter((row) => row.action === action.id)
      .map(({ method, url, source, page }) => ({ method, url, source, ...(Object.hasOwn(bodies, page) ? { body: bodies[page]! } : {}) }));
    return operations.length > 0 ? { ...action, operations: [...(action.operations ?? []), ...operations] } : action;
  });
}
