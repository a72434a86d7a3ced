import { z } from 'zod';
import type { ProviderOverride } from './ports';

const overridesSchema = z.record(
  z.string().min(1),
  z.object({
    issuer: z.url({ protocol: /^https?$/ }),
    clientId: z.string().min(1),
    endpoints: z.object({ authorization: z.url(), token: z.url(), revocation: z.url().optional() }).optional(),
  }),
);

/**
 * Test personas for the Electron target arrive as JSON in an environment variable; anything
 * malformed stops start-up with the reason instead of silently signing in elsewhere.
 */
export function parseProviderOverrides(json: string): Record<string, ProviderOverride> {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (error) {
    throw new Error(`SCOPEKEEPER_E2E_PROVIDER_OVERRIDES is not JSON: ${(error as Error).message}`, { cause: error });
  }
  const parsed = overridesSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`SCOPEKEEPER_E2E_PROVIDER_OVERRIDES is malformed: ${parsed.error.message}`);
  return parsed.data;
}
