/**
 * The sandbox workspace's data: each account's files, messages, tasks, calendar events, settings
 * and webhooks. Plain records with zod schemas, so the state file is checked when it is read back.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';

const isoDate = z.iso.datetime();

export const fileSchema = z.object({
  id: z.string(),
  name: z.string(),
  content: z.string(),
  updatedAt: isoDate,
  /** Who else may see it (files:admin). */
  sharedWith: z.array(z.string()),
});
export const messageSchema = z.object({ id: z.string(), from: z.string(), to: z.string(), text: z.string(), sentAt: isoDate });
export const taskSchema = z.object({ id: z.string(), title: z.string(), done: z.boolean(), createdAt: isoDate });
export const eventSchema = z.object({ id: z.string(), title: z.string(), start: isoDate, end: isoDate });
export const webhookSchema = z.object({ id: z.string(), url: z.string(), createdAt: isoDate });

export const workspaceSchema = z.object({
  files: z.array(fileSchema),
  trash: z.array(fileSchema),
  messages: z.array(messageSchema),
  tasks: z.array(taskSchema),
  events: z.array(eventSchema),
  settings: z.object({ name: z.string(), timezone: z.string() }),
  webhooks: z.array(webhookSchema),
});
export type Workspace = z.infer<typeof workspaceSchema>;
export type WorkspaceFile = z.infer<typeof fileSchema>;

/** Request bodies, strict: unknown fields are a client's mistake worth saying. */
const text = (max: number) => z.string().trim().min(1).max(max);
export const requestBodies = {
  newFile: z.strictObject({ name: text(200), content: z.string().max(100_000).default('') }),
  fileUpdate: z.strictObject({ name: text(200).optional(), content: z.string().max(100_000).optional() }),
  sharing: z.strictObject({ sharedWith: z.array(z.email()).max(50) }),
  newMessage: z.strictObject({ to: text(200), text: text(10_000) }),
  newTask: z.strictObject({ title: text(500) }),
  taskUpdate: z.strictObject({ title: text(500).optional(), done: z.boolean().optional() }),
  newEvent: z.strictObject({ title: text(500), start: isoDate, end: isoDate }),
  settingsUpdate: z.strictObject({ name: text(100).optional(), timezone: text(100).optional() }),
  newWebhook: z.strictObject({ url: z.url({ protocol: /^https?$/ }).max(500) }),
};

/** What a new account finds: a little of everything, so reading works before writing. */
export function seedWorkspace(accountId: string, now: Date): Workspace {
  const at = now.toISOString();
  const hour = (h: number) => new Date(now.getTime() + h * 3_600_000).toISOString();
  return {
    files: [
      { id: randomUUID(), name: 'Welcome.txt', content: `Hello ${accountId}, this is your sandbox workspace.`, updatedAt: at, sharedWith: [] },
      { id: randomUUID(), name: 'Plans.md', content: '# Plans\n- Try Scopekeeper', updatedAt: at, sharedWith: [] },
    ],
    trash: [],
    messages: [{ id: randomUUID(), from: 'sam@sandbox.test', to: `${accountId}@sandbox.test`, text: 'Lunch on Friday?', sentAt: at }],
    tasks: [{ id: randomUUID(), title: 'Review the quarterly notes', done: false, createdAt: at }],
    events: [{ id: randomUUID(), title: 'Team sync', start: hour(24), end: hour(25) }],
    settings: { name: `${accountId}’s workspace`, timezone: 'UTC' },
    webhooks: [],
  };
}
