import { describe, expect, it } from 'vitest';
import { bodySchemaSchema, bodyValidator } from './body';
import { CATALOG, sandboxProvider } from './index';
import type { BodySchema } from './types';

const issues = (schema: BodySchema, value: unknown): string[] => {
  const parsed = bodyValidator(schema).safeParse(value);
  return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('catalog request bodies', () => {
  it('every body any provider declares is one the broker passes on and a validator reads', () => {
    const bodies = [...CATALOG, sandboxProvider('http://127.0.0.1:4890')].flatMap((p) => p.actions.flatMap((a) => (a.operations ?? []).flatMap((op) => (op.body ? [op.body] : []))));
    expect(bodies.length).toBeGreaterThan(0);
    for (const body of bodies) {
      expect(bodySchemaSchema.parse(body)).toEqual(body);
      for (const name of body.required) expect(Object.keys(body.properties)).toContain(name);
    }
  });

  it('a shape that is no body description is refused', () => {
    expect(bodySchemaSchema.safeParse({ type: 'object', properties: { a: { type: 'date', description: 'x' } }, required: [] }).success).toBe(false);
    expect(bodySchemaSchema.safeParse({ type: 'object', properties: {}, required: [], $ref: '#/x' }).success).toBe(false);
  });
});

describe('bodyValidator', () => {
  const closed: BodySchema = {
    type: 'object',
    properties: {
      to: { type: 'string', description: 'to' },
      count: { type: 'integer', description: 'n' },
      kind: { type: 'string', description: 'k', enum: ['a', 'b'] },
      tags: { type: 'array', description: 't', items: { type: 'string', description: 'tag' } },
      meta: { type: 'object', description: 'm', properties: { on: { type: 'boolean', description: 'on' } }, required: ['on'] },
    },
    required: ['to'],
    additionalProperties: false,
  };

  it('accepts what the description allows', () => {
    expect(issues(closed, { to: 'x', count: 2, kind: 'a', tags: ['t'], meta: { on: true, more: 1 } })).toEqual([]);
  });

  it('names each field of the wrong type, a missing required one, an unknown one', () => {
    expect(issues(closed, { to: 5 })).toEqual(['to: Invalid input: expected string, received number']);
    expect(issues(closed, { to: 'x', count: 1.5 })).toEqual(['count: Invalid input: expected int, received number']);
    expect(issues(closed, { to: 'x', kind: 'c' })[0]).toMatch(/^kind: /);
    expect(issues(closed, { to: 'x', tags: [1] })[0]).toMatch(/^tags\.0: /);
    expect(issues(closed, { to: 'x', meta: {} })[0]).toMatch(/^meta\.on: /);
    expect(issues(closed, {})[0]).toMatch(/^to: /);
    expect(issues(closed, { to: 'x', cc: 'y' })).toEqual(['Unrecognized key: "cc"'].map((m) => `: ${m}`));
    expect(issues(closed, 'text')[0]).toMatch(/expected object/);
  });

  it('an open body (a provider that takes more fields) lets other fields through, still typed', () => {
    const open: BodySchema = { ...closed, additionalProperties: undefined };
    expect(issues(open, { to: 'x', cc: 'y' })).toEqual([]);
    expect(issues(open, { to: 1, cc: 'y' })[0]).toMatch(/^to: /);
  });
});
