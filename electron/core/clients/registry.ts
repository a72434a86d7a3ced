import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { ClientView } from '../../../shared/ipc/contract';
import type { OAuthClient } from '../ports';

/** The file's shape: provider id → client. Unknown keys are refused so a typo is not silently ignored. */
const clientSchema = z
  .object({
    clientId: z.string().trim().min(1).max(512),
    clientSecret: z.string().min(1).max(1024).optional(),
    redirectPort: z.number().int().min(1024).max(65535).optional(),
  })
  .strict();
const fileSchema = z.record(z.string().regex(/^[a-z][a-z0-9-]{0,63}$/, 'a provider id such as "google"'), clientSchema);

export type ClientsFile = z.infer<typeof fileSchema>;

/** A clients file that cannot be used: start-up stops with this sentence instead of signing in wrongly. */
export class ClientsFileError extends Error {
  override readonly name = 'ClientsFileError';
}

/**
 * Reads a clients file (resources/oauth-clients.json, or the file SCOPEKEEPER_OAUTH_CLIENTS names).
 * The error names the file and the field, never a value (a secret could be in it).
 */
export function parseClientsFile(text: string, origin: string): Map<string, OAuthClient> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new ClientsFileError(`The OAuth clients file ${origin} is not valid JSON.`);
  }
  const parsed = fileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length ? ` at ${issue.path.join('.')}` : '';
    throw new ClientsFileError(`The OAuth clients file ${origin} is malformed${where}: ${issue?.message ?? 'unexpected shape'}.`);
  }
  const clients = new Map<string, OAuthClient>();
  for (const [providerId, entry] of Object.entries(parsed.data)) {
    clients.set(providerId, {
      clientId: entry.clientId,
      ...(entry.clientSecret !== undefined ? { clientSecret: entry.clientSecret } : {}),
      ...(entry.redirectPort !== undefined ? { redirectPort: entry.redirectPort } : {}),
      source: 'built-in',
    });
  }
  return clients;
}

/** Reads and parses a clients file from disk; a missing or unreadable file is an error too. */
export function loadClientsFile(path: string): Map<string, OAuthClient> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ClientsFileError(`The OAuth clients file ${path} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}).`);
  }
  return parseClientsFile(text, path);
}

/** The person's own clients, as the vault keeps them: the secret sealed, opened only on demand. */
export interface OwnClientStore {
  ownClient(providerId: string): { clientId: string; hasSecret: boolean; redirectPort?: number | undefined } | undefined;
  /** Opens the sealed secret; undefined when the client has none. */
  ownClientSecret(providerId: string): Promise<string | undefined>;
}

const NO_OWN_CLIENTS: OwnClientStore = { ownClient: () => undefined, ownClientSecret: async () => undefined };

/** Clients that are neither the person's own nor in the build's file: those of remote MCP servers (their metadata document, or registered). */
export interface ClientSource {
  describe(providerId: string): ClientView | undefined;
  resolve(providerId: string): Promise<OAuthClient | undefined>;
}

const NO_CLIENTS: ClientSource = { describe: () => undefined, resolve: async () => undefined };

/**
 * Which client each provider signs in with: the person's own when they set one (Settings, kept in
 * the vault with its secret sealed), else the build's (resources/oauth-clients.json).
 * `describe` is what views show (never the secret); `resolve` opens the secret for a sign-in.
 */
export class ClientRegistry {
  constructor(
    private readonly builtIn: ReadonlyMap<string, OAuthClient> = new Map(),
    private readonly own: OwnClientStore = NO_OWN_CLIENTS,
    /** Asked after the person's own, before the build's. */
    private readonly other: ClientSource = NO_CLIENTS,
  ) {}

  hasBuiltIn(providerId: string): boolean {
    return this.builtIn.has(providerId);
  }

  /** What may be shown about the client in use: never the secret itself. */
  describe(providerId: string): ClientView | undefined {
    const own = this.own.ownClient(providerId);
    if (own) return { clientId: own.clientId, hasSecret: own.hasSecret, ...port(own.redirectPort), source: 'own' };
    const other = this.other.describe(providerId);
    if (other) return other;
    const builtIn = this.builtIn.get(providerId);
    if (!builtIn) return undefined;
    return { clientId: builtIn.clientId, hasSecret: builtIn.clientSecret !== undefined, ...port(builtIn.redirectPort), source: 'built-in' };
  }

  /** The client to sign in with, its secret opened: the person's own first, then the build's. */
  async resolve(providerId: string): Promise<OAuthClient | undefined> {
    const own = this.own.ownClient(providerId);
    if (own) {
      const secret = own.hasSecret ? await this.own.ownClientSecret(providerId) : undefined;
      return { clientId: own.clientId, ...(secret !== undefined ? { clientSecret: secret } : {}), ...port(own.redirectPort), source: 'own' };
    }
    const other = await this.other.resolve(providerId);
    if (other) return other;
    const builtIn = this.builtIn.get(providerId);
    return builtIn && { ...builtIn, source: 'built-in' };
  }
}

function port(redirectPort: number | undefined): { redirectPort?: number } {
  return redirectPort === undefined ? {} : { redirectPort };
}

/**
 * The build's clients: the file SCOPEKEEPER_OAUTH_CLIENTS names (builders, tests), else the shipped
 * resources/oauth-clients.json. A named file that is missing or malformed stops start-up with the
 * reason; a build without the shipped file simply has no built-in clients.
 */
export function loadBuiltInClients(env: { SCOPEKEEPER_OAUTH_CLIENTS?: string | undefined }, shippedPath: string): Map<string, OAuthClient> {
  const named = env.SCOPEKEEPER_OAUTH_CLIENTS;
  if (named) return loadClientsFile(named);
  try {
    return parseClientsFile(readFileSync(shippedPath, 'utf8'), shippedPath);
  } catch (error) {
    if (error instanceof ClientsFileError) throw error;
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
    throw new ClientsFileError(`The OAuth clients file ${shippedPath} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}).`);
  }
}
