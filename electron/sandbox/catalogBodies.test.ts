import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { sandboxProvider } from '../../shared/catalog';
import type { BodyField, BodySchema } from '../../shared/catalog/types';
import { requestBodies } from './workspace';

/**
 * The Sandbox catalog's request bodies (what an MCP host is shown) say what the workspace API
 * really accepts: the same fields, types, required fields, and no other field.
 */

const API_BODY: Record<string, keyof typeof requestBodies> = {
  'POST /files': 'newFile',
  'PUT /files/{fileId}': 'fileUpdate',
  'PUT /files/{fileId}/sharing': 'sharing',
  'POST /messages': 'newMessage',
  'POST /tasks': 'newTask',
  'PATCH /tasks/{taskId}': 'taskUpdate',
  'POST /calendar/events': 'newEvent',
  'PATCH /workspace': 'settingsUpdate',
  'POST /webhooks': 'newWebhook',
};

interface JsonShape {
  type?: string;
  items?: JsonShape;
  properties?: Record<string, JsonShape>;
  required?: string[];
  additionalProperties?: boolean;
}

/** The parts both sides state: types (items included), fields, required ones, closed or not. */
function shape(described: JsonShape | BodyField | BodySchema): unknown {
  const schema = described as JsonShape;
  return {
    type: schema.type,
    ...(schema.items ? { items: shape(schema.items) } : {}),
    ...(schema.properties ? { properties: Object.fromEntries(Object.entries(schema.properties).map(([k, v]) => [k, shape(v)])) } : {}),
    ...(schema.type === 'object' ? { required: [...(schema.required ?? [])].sort() } : {}),
    ...(schema.additionalProperties !== undefined ? { additionalProperties: schema.additionalProperties } : {}),
  };
}

const operations = sandboxProvider('http://127.0.0.1:4890').actions.flatMap((a) => a.operations ?? []);
const key = (op: { method: string; url: string }) => `${op.method} ${op.url.replace('http://127.0.0.1:4890/api', '')}`;

describe('Sandbox request bodies', () => {
  it('every operation that sends a body describes it, and only those', () => {
    expect(operations.filter((op) => op.body).map(key).sort()).toEqual(Object.keys(API_BODY).sort());
  });

  it.each(Object.entries(API_BODY))('%s: the catalog describes the body the API accepts', (operation, name) => {
    const described = operations.find((op) => key(op) === operation)!.body!;
    const accepted = z.toJSONSchema(requestBodies[name], { io: 'input' }) as JsonShape;
    expect(shape(described)).toEqual(shape(accepted));
    expect(described.additionalProperties).toBe(false);
  });
});
