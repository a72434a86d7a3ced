import { z } from 'zod';
import { APPROVAL_MODES } from '../timeBox';

/**
 * A managed policy file (README, "Managed policy"): what an organisation, or a careful person,
 * allows on this machine. Version 1; every object is strict, so a misspelt key is refused (a rule
 * nobody sees would be worse than a refusal), with the field named in the message.
 */
export const POLICY_VERSION = 1;

const providerId = z.string().min(1).max(100);
const scope = z.string().min(1).max(500);
/** `*` stands for any run of characters (none included); every other character is itself. */
const scopePattern = z.string().min(1).max(500).refine((p) => p.replaceAll('*', '') !== '', 'a pattern needs at least one character besides *');

const scopeRule = z.strictObject({
  /** Scopes refused exactly as written (the catalog's spelling), and any scope that includes one of them. */
  scopes: z.array(scope).max(500).optional(),
  /** Scopes refused by pattern: "files:*", "https://www.googleapis.com/auth/gmail.*". */
  patterns: z.array(scopePattern).max(100).optional(),
});

export const policyFileSchema = z.strictObject({
  version: z.literal(POLICY_VERSION),
  providers: z
    .strictObject({
      /** Only these providers (catalog ids, "sandbox", or an added server's id) can be connected. */
      allowed: z.array(providerId).max(200).optional(),
      /** These can never be connected. */
      blocked: z.array(providerId).max(200).optional(),
    })
    .optional(),
  /** Provider id → scopes never granted on this machine. */
  blockedScopes: z.record(providerId, scopeRule).optional(),
  tools: z
    .strictObject({
      /** The longest approval a tool can be given: once, hour, day, week, month or always. */
      maxApproval: z.enum(APPROVAL_MODES).optional(),
      /** false: no tool ever receives an access token; tools call through Scopekeeper only. */
      tokenHandout: z.boolean().optional(),
      /** Provider id → actions whose every call the person confirms, whatever the approval says. */
      alwaysConfirm: z.record(providerId, z.array(z.string().min(1).max(100)).max(200)).optional(),
    })
    .optional(),
  customServers: z
    .strictObject({
      /** false: no server can be added, and none added before can be connected. */
      allowed: z.boolean().optional(),
      /** Only servers with one of these issuers (exact, without a trailing slash). */
      issuers: z.array(z.url().max(500)).max(100).optional(),
    })
    .optional(),
  /** "fixed": every connection keeps a fixed scope list (see issue 21's Fixed scope mode). */
  requiredScopeMode: z.literal('fixed').optional(),
});
export type PolicyFile = z.infer<typeof policyFileSchema>;

/** Larger than any sensible policy: refused before it is parsed. */
export const MAX_POLICY_BYTES = 256 * 1024;

/**
 * The first problems of a policy that is not version 1 as documented, in words naming the field:
 * "tools.maxApproval: Invalid option: expected one of …". At most three.
 */
export function policyProblems(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => {
      const field = issue.path.map(String).join('.');
      const keys = issue.code === 'unrecognized_keys' ? issue.keys.map((k) => (field ? `${field}.${k}` : k)) : [];
      if (keys.length > 0) return `unknown field ${keys.join(', ')} (this version of Scopekeeper does not know it)`;
      return `${field || 'the file'}: ${issue.message}`;
    })
    .join('; ');
}

/** A policy file's text read as version 1, or why it is refused (a sentence naming the field). */
export function parsePolicyText(text: string): { ok: true; policy: PolicyFile } | { ok: false; problem: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { ok: false, problem: `it is not valid JSON (${error instanceof Error ? error.message : String(error)})` };
  }
  const parsed = policyFileSchema.safeParse(raw);
  return parsed.success ? { ok: true, policy: parsed.data } : { ok: false, problem: policyProblems(parsed.error) };
}
