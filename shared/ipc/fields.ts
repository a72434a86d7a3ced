import { z } from 'zod';

/** The limits every IPC schema puts on its ids, scope names and times. */
export const id = z.string().min(1).max(200);
export const scope = z.string().min(1).max(500);
export const isoDate = z.iso.datetime();

/**
 * The limit on a scope name, also checked on what a provider sends, when it arrives and before
 * anything is saved: a saved record then always passes the answers' checks on the way to the window.
 */
export const scopeSchema = scope;
export const connectionIdSchema = id;
