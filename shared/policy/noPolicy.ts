import type { PolicyInForce } from './inForce';

/**
 * No file anywhere: nothing is restricted. Kept apart from inForce.ts, whose schemas are zod: the
 * window's store starts from this value, and importing it from there put zod in the first load.
 */
export const NO_POLICY: PolicyInForce = { sources: [], lockedDown: false, providersBlocked: [], blockedScopes: [], alwaysConfirm: [] };
