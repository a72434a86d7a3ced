import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { brokerEndpoint, defaultDataDir } from '../core/broker/endpoint';
import { appDataFolder } from '../core/files/appDataFolder';
import { readJsonText, writeJsonAtomically } from '../core/files/jsonFile';
import { toolNameSchema, toolSecretSchema, type ListResult, type RequestParams, type RequestResult } from '../core/broker/protocol';
import { BrokerClient } from './client';
import { chooseSecretStore, systemKeychain, type Keychain, type ToolSecretStore } from './secretStore';

/**
 * Where a tool keeps the secret Scopekeeper issued it when no keychain answers (secretStore.ts):
 * `secrets.json` in the user's config folder for Scopekeeper's tools (`~/.config/scopekeeper-tools`
 * on Linux, `~/Library/Application Support/scopekeeper-tools` on macOS, `%APPDATA%\scopekeeper-tools`
 * on Windows, or SCOPEKEEPER_TOOLS_DIR), mode 0600, one secret per tool name.
 */
export function toolsDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  return env.SCOPEKEEPER_TOOLS_DIR || appDataFolder('scopekeeper-tools', env, platform);
}

const secretsSchema = z.record(z.string(), toolSecretSchema);

export class SecretFile {
  readonly path: string;

  constructor(directory: string) {
    this.path = join(directory, 'secrets.json');
  }

  get(tool: string): string | undefined {
    return this.read()[tool];
  }

  set(tool: string, secret: string): void {
    mkdirSync(join(this.path, '..'), { recursive: true, mode: 0o700 });
    writeJsonAtomically(this.path, { ...this.read(), [tool]: secret }, 2);
  }

  private read(): Record<string, string> {
    try {
      const text = readJsonText(this.path);
      return text === undefined ? {} : secretsSchema.parse(JSON.parse(text));
    } catch (error) {
      throw new Error(`${this.path} is not a secrets file Scopekeeper wrote (${error instanceof Error ? error.message : String(error)}).`, { cause: error });
    }
  }
}

/** The broker's address: SCOPEKEEPER_BROKER, or the socket in the app's data folder. */
export function endpointFromEnvironment(env: NodeJS.ProcessEnv = process.env): string {
  return env.SCOPEKEEPER_BROKER ?? brokerEndpoint(defaultDataDir(env));
}

/** A `--name` the broker's `hello` would refuse, as a sentence; undefined when it is a tool name. Checked before connecting. */
export function toolNameProblem(name: string): string | undefined {
  if (toolNameSchema.safeParse(name).success) return undefined;
  return `“${name}” cannot be a tool name: use 1 to 64 letters, digits, spaces, dots, dashes and underscores, starting with a letter or digit (e.g. my-agent).`;
}

/** One tool's conversation with the broker: hello with its saved secret, and saving a new one. */
export class ToolSession {
  private constructor(
    readonly client: BrokerClient,
    readonly name: string,
    private readonly secrets: ToolSecretStore,
  ) {}

  /**
   * Connects and says hello. The keychain is read only once the broker answers, so a tool waiting
   * for the app asks it nothing. Throws (the connection closed) on a name the broker would refuse,
   * on `BrokerNotRunning`, or on a refused hello.
   */
  static async open(name: string, env: NodeJS.ProcessEnv = process.env, keychain: Keychain | undefined = systemKeychain(env)): Promise<ToolSession> {
    const problem = toolNameProblem(name);
    if (problem) throw new Error(problem);
    const client = await BrokerClient.connect(endpointFromEnvironment(env));
    try {
      const secrets = chooseSecretStore(new SecretFile(toolsDir(env)), keychain);
      const session = new ToolSession(client, name, secrets);
      await session.hello(await secrets.get(name));
      return session;
    } catch (error) {
      client.close();
      throw error;
    }
  }

  /** Who this tool is, and where it says it keeps its secret (shown in the Tools view as its word). */
  private async hello(secret: string | undefined): Promise<void> {
    await this.client.send('hello', { tool: this.name, ...(secret ? { secret } : {}), secretStore: this.secrets.kind });
  }

  list(): Promise<ListResult> {
    return this.client.send<ListResult>('list');
  }

  /** Asks the person; keeps the secret issued at the first approval. `signal` withdraws the question. */
  async request(params: Pick<RequestParams, 'connectionId' | 'providerId' | 'server' | 'actions' | 'reason' | 'resource'>, signal?: AbortSignal): Promise<RequestResult> {
    const result = await this.client.send<RequestResult>('request', params, signal ? { signal } : {});
    if (result.secret) {
      const said = this.secrets.kind;
      await this.secrets.set(this.name, result.secret);
      // The keychain refused it: tell the broker the secret went to the file after all.
      if (this.secrets.kind !== said) await this.hello(result.secret);
    }
    return result;
  }

  close(): void {
    this.client.close();
  }
}
