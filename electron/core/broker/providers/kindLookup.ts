import type { FreshToken } from '../tokens';

/** The kind the provider says a resource is, or why it did not say (its own error, in a word or two). */
export type KindAnswer = { kind: string } | { unknown: string };

/**
 * How the broker learns, from the provider, the kind of a resource a call names, for an action that
 * covers one kind of what its operations serve (`resourceKind` in the catalog). One per provider
 * that needs it, beside this file; resourceKinds.ts picks it by provider id.
 */
export interface KindLookup {
  /** What the provider calls such a resource, singular: "conversation". */
  what: string;
  /** The host the lookup asks, for a refusal when it cannot be reached. */
  host: string;
  /** Asks the provider with the connection's token; throws only when the provider cannot be reached. */
  kindOf(resource: string, token: FreshToken, fetch: typeof globalThis.fetch, signal: AbortSignal): Promise<KindAnswer>;
  /** One resource of `kind` in plain words, with its article: "a direct message". */
  describe(kind: string): string;
}
