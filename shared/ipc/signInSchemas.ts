import { z } from 'zod';
import { connectionViewSchema } from './connectionSchemas';
import { scope } from './fields';

/** A permission named for a person: its title and its code. */
const namedScopeSchema = z.object({ scope, title: z.string() });
export type NamedScope = z.infer<typeof namedScopeSchema>;

/**
 * How a sign-in from Connect, Add another account or Reconnect ended, beside the connection it
 * concerns. Nothing is widened silently: an account already connected is left as it is.
 */
export const signInOutcomeSchema = z.object({
  /**
   * 'connected': a new connection. 'signed-in-again': an existing connection's tokens replaced
   * (a reconnect). 'already-connected': Connect signed in an account already connected here; the
   * connection was left as it was. 'same-account': "Add another account" signed in an account
   * already connected (the provider's session signed the same person in again); nothing changed.
   */
  kind: z.enum(['connected', 'signed-in-again', 'already-connected', 'same-account']),
  /** Permissions the connection did not have before, granted again by this sign-in. */
  cameBack: z.array(namedScopeSchema),
  /** A connection that keeps a fixed list: what the provider granted beyond it, taken back at once (absent: none). */
  takenBack: z.array(namedScopeSchema).optional(),
  /** Already connected: what this sign-in asked for that the connection does not have (Add permissions adds them). */
  notAdded: z.array(namedScopeSchema),
});
export type SignInOutcome = z.infer<typeof signInOutcomeSchema>;

/** The answer of a sign-in: the connection as the window shows it, and how the sign-in ended. */
export const signedInViewSchema = connectionViewSchema.extend({ signIn: signInOutcomeSchema.optional() });
export type SignedInView = z.infer<typeof signedInViewSchema>;
