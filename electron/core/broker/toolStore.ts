import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { mkdirSync, renameSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { readJsonText, writeJsonAtomically } from '../files/jsonFile';
import { APPROVAL_MODES, resourceSchema, SECRET_STORES, type ApprovalMode, type Resource } from './protocol';
import { APPROVAL_TIME_BOXES, TIME_BOX_MS } from '../../../shared/timeBox';

/**
 * The tools the person approved and what each may do. A tool is known by the secret issued at its
 * first approval (only its SHA-256 is stored), never by the name it claims: two processes calling
 * themselves "notes-agent" are two tools unless they present the same secret.
 *
 * Kept in its own file beside the vault (mode 0600, written whole and renamed into place): who
 * may use a connection is a concern apart from where its tokens are sealed.
 */

const isoDate = z.iso.datetime();
const approvalSchema = z.object({
  connectionId: z.string().min(1),
  actionId: z.string().min(1),
  mode: z.enum(APPROVAL_MODES),
  grantedAt: isoDate,
  /** 'once': until the first call or this time; 'hour' … 'month': that long after grantedAt; 'always': none. */
  expiresAt: isoDate.optional(),
  /**
   * The person also let the tool receive access tokens for this approval, in its own step of the
   * dialog: what such a token carries (`narrowed`: only these scopes; else the connection's whole
   * grant as shown then). Ends with the approval; no other approval has it.
   */
  handout: z.object({ scopes: z.array(z.string().min(1)).min(1), narrowed: z.boolean() }).optional(),
  /** False once the person turned off confirming each call of an action that sends, deletes or shares. */
  confirmEachCall: z.boolean().optional(),
  /** Only calls naming this resource (path parameter values, resourceLimit.ts); absent: any. */
  resource: resourceSchema.optional(),
});
export type Approval = z.infer<typeof approvalSchema>;
export type Handout = NonNullable<Approval['handout']>;

/**
 * An access token given to the tool (never the token itself): for which approval, when, and until
 * when it works (absent: the provider gave it no expiry). One per connection and action.
 */
const givenSchema = z.object({
  connectionId: z.string().min(1),
  actionId: z.string().min(1),
  at: isoDate,
  expiresAt: isoDate.optional(),
  /** Only the action's scopes (else the connection's own token). */
  narrowed: z.boolean(),
});
export type GivenToken = z.infer<typeof givenSchema>;

/** A damaged entry (or list) is dropped and the rest kept: the list only tells what was given, it grants nothing. */
const givenListSchema = z.unknown().transform((list) => (Array.isArray(list) ? list : []).flatMap((entry: unknown) => givenSchema.safeParse(entry).data ?? []));

const toolSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  /** Hex SHA-256 of the secret; the secret itself is only ever with the tool. */
  secretHash: z.string().regex(/^[0-9a-f]{64}$/),
  createdAt: isoDate,
  // A tool-level `tokenHandout` of older files is dropped on reading: it carried over to approvals
  // whose question never showed it. The handout is per approval now.
  approvals: z.array(approvalSchema),
  /** The executable the OS showed holding the socket when this tool was first seen (broker/peer.ts). */
  program: z.string().optional(),
  /** Other executables that presented this tool's secret since (a copied secret, or an update). */
  otherPrograms: z.array(z.object({ program: z.string(), firstSeenAt: isoDate })).optional(),
  /** Where the tool last said (in `hello`) it keeps its secret: its own word, not checked. */
  secretStore: z.enum(SECRET_STORES).optional(),
  /** Tokens given that may still work; files written before it have none. */
  handedOut: givenListSchema.optional(),
});
export type ToolRecord = z.infer<typeof toolSchema>;
export type SecretStore = NonNullable<ToolRecord['secretStore']>;

/**
 * Version 2 is a file holding an approval limited to a resource. An older Scopekeeper reads only
 * version 1 and moves a newer file aside: it must never read a limited approval as one for
 * everything (it would drop the `resource` it does not know). Version 1 files load as they are.
 */
const documentSchema = z.object({ version: z.union([z.literal(1), z.literal(2)]), tools: z.array(toolSchema) });

const ONCE_LIFETIME_MS = 10 * 60_000;
/** Enough to show that a secret travels; a flood of executables cannot grow the file further. */
const MAX_OTHER_PROGRAMS = 20;

function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

export function expiryFor(mode: ApprovalMode, now: Date): string | undefined {
  if (mode === 'always') return undefined;
  return new Date(now.getTime() + (mode === 'once' ? ONCE_LIFETIME_MS : TIME_BOX_MS[APPROVAL_TIME_BOXES[mode]])).toISOString();
}

/** Tools saved before names were kept apart: each later one of a shared name gets its own, as `create` would give it. */
function distinctNames(tools: ToolRecord[]): ToolRecord[] {
  const taken = new Set<string>();
  return tools.map((tool) => {
    let name = tool.name;
    for (let n = 2; taken.has(name); n++) name = `${tool.name} (${n})`;
    taken.add(name);
    return name === tool.name ? tool : { ...tool, name };
  });
}

const expired = (g: GivenToken, now: Date) => g.expiresAt !== undefined && Date.parse(g.expiresAt) <= now.getTime();

/** The later of two expiries; none (never expires) when either has none. */
function laterExpiry(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined || b === undefined) return undefined;
  return Date.parse(a) >= Date.parse(b) ? a : b;
}

/** The tool without the given tokens that `keep` rejects (the record itself when it drops none). */
function keepGiven(tool: ToolRecord, keep: (g: GivenToken) => boolean): ToolRecord {
  if (!tool.handedOut || tool.handedOut.every(keep)) return tool;
  return { ...tool, handedOut: tool.handedOut.filter(keep) };
}

export class ToolStore {
  private tools: ToolRecord[];
  /** The batched write `gave` waits for, while one is due. */
  private due: Promise<void> | undefined;
  private unsaved = false;

  private constructor(
    private readonly path: string,
    tools: ToolRecord[],
  ) {
    this.tools = tools;
  }

  /** Reads the file; a missing one is an empty store, an unreadable one is moved aside (never trusted). */
  static open(path: string, now: Date): ToolStore {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    const raw = readJsonText(path);
    if (raw === undefined) return new ToolStore(path, []);
    try {
      const tools = distinctNames(documentSchema.parse(JSON.parse(raw)).tools);
      return new ToolStore(path, tools.map((t) => keepGiven(t, (g) => !expired(g, now))));
    } catch {
      // Approvals are the person's to give again; a damaged file must not grant anything.
      renameSync(path, `${path}.corrupt-${now.toISOString().replace(/[:.]/g, '-')}`);
      return new ToolStore(path, []);
    }
  }

  list(): readonly ToolRecord[] {
    return this.tools;
  }

  /** The tool whose secret this is, if any (constant-time comparison of the hashes). */
  bySecret(secret: string): ToolRecord | undefined {
    const hash = Buffer.from(hashSecret(secret), 'hex');
    return this.tools.find((t) => timingSafeEqual(Buffer.from(t.secretHash, 'hex'), hash));
  }

  byId(id: string): ToolRecord | undefined {
    return this.tools.find((t) => t.id === id);
  }

  /**
   * The name a new tool that calls itself `claimed` is shown by: one name per tool, so a second
   * "my-agent" (another secret) is "my-agent (2)". Claimed names have no parentheses
   * (protocol.ts), so no tool can claim another's shown name.
   */
  uniqueName(claimed: string): string {
    const taken = new Set(this.tools.map((t) => t.name));
    if (!taken.has(claimed)) return claimed;
    let n = 2;
    while (taken.has(`${claimed} (${n})`)) n++;
    return `${claimed} (${n})`;
  }

  /** A new tool (named apart from the others) and its secret, returned once, for the tool to keep. */
  create(name: string, now: Date, program?: string, secretStore?: SecretStore): { tool: ToolRecord; secret: string } {
    const secret = randomBytes(32).toString('base64url');
    const tool: ToolRecord = {
      id: randomUUID(),
      name: this.uniqueName(name),
      secretHash: hashSecret(secret),
      createdAt: now.toISOString(),
      approvals: [],
      ...(program ? { program } : {}),
      ...(secretStore ? { secretStore } : {}),
    };
    this.tools = [...this.tools, tool];
    return { tool, secret };
  }

  /** The approval in force for this tool, action and connection, if any. */
  approval(tool: ToolRecord, connectionId: string, actionId: string, now: Date): Approval | undefined {
    return tool.approvals.find(
      (a) => a.connectionId === connectionId && a.actionId === actionId && (a.expiresAt === undefined || Date.parse(a.expiresAt) > now.getTime()),
    );
  }

  /** Adds (or renews) approvals and writes the file; a renewed approval keeps no earlier handout or limit. */
  approve(
    toolId: string,
    connectionId: string,
    actionIds: readonly string[],
    mode: ApprovalMode,
    handouts: Readonly<Record<string, Handout>>,
    now: Date,
    resource?: Resource,
  ): ToolRecord {
    return this.update(toolId, (tool) => {
      const others = tool.approvals.filter((a) => a.connectionId !== connectionId || !actionIds.includes(a.actionId));
      const expiresAt = expiryFor(mode, now);
      const added = actionIds.map((actionId) => ({
        connectionId,
        actionId,
        mode,
        grantedAt: now.toISOString(),
        ...(expiresAt ? { expiresAt } : {}),
        ...(Object.hasOwn(handouts, actionId) ? { handout: handouts[actionId] } : {}),
        ...(resource ? { resource: { ...resource } } : {}),
      }));
      return { ...tool, approvals: [...others, ...added] };
    });
  }

  /**
   * An 'once' approval is used up by its call. Counts and "last used" come from the usage log, so
   * an ordinary call writes nothing here.
   */
  useOnce(toolId: string, connectionId: string, actionId: string): void {
    this.update(toolId, (tool) => ({
      ...tool,
      approvals: tool.approvals.filter((a) => !(a.connectionId === connectionId && a.actionId === actionId && a.mode === 'once')),
    }));
  }

  /** The tool's secret came from `program`: the first one kept, each other one noted once (the file is written only then). */
  sawProgram(toolId: string, program: string, now: Date): void {
    const tool = this.byId(toolId);
    if (!tool || tool.program === program || tool.otherPrograms?.some((p) => p.program === program)) return;
    if ((tool.otherPrograms?.length ?? 0) >= MAX_OTHER_PROGRAMS) return;
    this.update(toolId, (t) =>
      t.program === undefined ? { ...t, program } : { ...t, otherPrograms: [...(t.otherPrograms ?? []), { program, firstSeenAt: now.toISOString() }] },
    );
  }

  /** The tool said where it keeps its secret; the file is written only when that changed. */
  saidSecretStore(toolId: string, secretStore: SecretStore): void {
    const tool = this.byId(toolId);
    if (tool && tool.secretStore !== secretStore) this.update(toolId, (t) => ({ ...t, secretStore }));
  }

  /**
   * Takes back one action on one connection, every approval on a connection, or (neither given)
   * the whole tool, whose secret then opens nothing.
   */
  revoke(toolId: string, connectionId?: string, actionId?: string): boolean {
    const tool = this.byId(toolId);
    if (!tool) return false;
    if (connectionId === undefined && actionId === undefined) {
      this.tools = this.tools.filter((t) => t.id !== toolId);
      this.write();
      return true;
    }
    this.update(toolId, (t) => ({
      ...t,
      approvals: t.approvals.filter((a) => !((connectionId === undefined || a.connectionId === connectionId) && (actionId === undefined || a.actionId === actionId))),
    }));
    return true;
  }

  /** Turns confirming each call of one approved action on or off; false when there is no such approval. */
  setConfirmEachCall(toolId: string, connectionId: string, actionId: string, confirm: boolean): boolean {
    const approved = (a: Approval) => a.connectionId === connectionId && a.actionId === actionId;
    if (!this.byId(toolId)?.approvals.some(approved)) return false;
    this.update(toolId, (tool) => ({ ...tool, approvals: tool.approvals.map((a) => (approved(a) ? { ...a, confirmEachCall: confirm } : a)) }));
    return true;
  }

  /**
   * Notes a token given to the tool, in place of the last one for its connection and action (still
   * working until the later of their expiries), and drops the tool's expired ones. Resolves once
   * written: one write for every token given in the same turn of the event loop.
   */
  gave(toolId: string, given: GivenToken): Promise<void> {
    const same = (g: GivenToken) => g.connectionId === given.connectionId && g.actionId === given.actionId;
    const tool = this.byId(toolId);
    if (!tool) throw new Error(`no tool ${toolId}`);
    const before = tool.handedOut?.find(same);
    const { expiresAt, ...rest } = given;
    const until = before ? laterExpiry(before.expiresAt, expiresAt) : expiresAt;
    const kept = keepGiven(tool, (g) => !same(g) && !expired(g, new Date(given.at))).handedOut ?? [];
    const next = { ...tool, handedOut: [...kept, { ...rest, ...(until !== undefined ? { expiresAt: until } : {}) }] };
    this.tools = this.tools.map((t) => (t.id === toolId ? next : t));
    return this.writeSoon();
  }

  /** Every connection an approval or a given token names. */
  connectionIds(): Set<string> {
    return new Set(this.tools.flatMap((t) => [...t.approvals, ...(t.handedOut ?? [])].map((a) => a.connectionId)));
  }

  /** Drops approvals of connections that no longer exist, and the tokens given for them (they ended with it). */
  forgetConnection(connectionId: string): void {
    if (!this.connectionIds().has(connectionId)) return;
    this.tools = this.tools.map((t) => keepGiven({ ...t, approvals: t.approvals.filter((a) => a.connectionId !== connectionId) }, (g) => g.connectionId !== connectionId));
    this.write();
  }

  private update(toolId: string, change: (tool: ToolRecord) => ToolRecord): ToolRecord {
    const tool = this.byId(toolId);
    if (!tool) throw new Error(`no tool ${toolId}`);
    const next = change(tool);
    this.tools = this.tools.map((t) => (t.id === toolId ? next : t));
    this.write();
    return next;
  }

  /** Written whole and renamed into place, owner-only. */
  write(): void {
    const limited = this.tools.some((t) => t.approvals.some((a) => a.resource !== undefined));
    writeJsonAtomically(this.path, { version: limited ? 2 : 1, tools: this.tools });
    this.unsaved = false;
  }

  /** Writes once the current turn of the event loop ends, whatever changed until then (nothing if a write came first). */
  private writeSoon(): Promise<void> {
    this.unsaved = true;
    this.due ??= new Promise<void>((resolve, reject) => {
      setImmediate(() => {
        this.due = undefined;
        try {
          if (this.unsaved) this.write();
          resolve();
        } catch (error) {
          reject(error as Error);
        }
      });
    });
    return this.due;
  }
}
