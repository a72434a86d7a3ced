import { z } from 'zod';
import type { BodyField, BodySchema } from './types';

/**
 * Request bodies as the catalog describes them (`OperationInfo.body`): the shape itself, checked
 * where it crosses a process (the broker's `list`), and a validator built from one, so a tool's
 * body is checked against the same description an MCP host is shown.
 */

const FIELD_TYPES = ['string', 'integer', 'number', 'boolean', 'array', 'object'] as const;

/** A `BodyField`, as data: only the keys the catalog type has. */
export const bodyFieldSchema: z.ZodType<BodyField> = z.lazy(() =>
  z.strictObject({
    type: z.enum(FIELD_TYPES),
    description: z.string(),
    enum: z.array(z.string()).optional(),
    items: bodyFieldSchema.optional(),
    properties: z.record(z.string(), bodyFieldSchema).optional(),
    required: z.array(z.string()).optional(),
  }),
);

export const bodySchemaSchema: z.ZodType<BodySchema> = z.strictObject({
  type: z.literal('object'),
  properties: z.record(z.string(), bodyFieldSchema),
  required: z.array(z.string()),
  additionalProperties: z.boolean().optional(),
});

function objectOf(properties: Readonly<Record<string, BodyField>>, required: readonly string[], closed: boolean): z.ZodType {
  const shape = Object.fromEntries(
    Object.entries(properties).map(([name, field]) => {
      const value = fieldValidator(field);
      return [name, required.includes(name) ? value : value.optional()];
    }),
  );
  return closed ? z.strictObject(shape) : z.looseObject(shape);
}

function fieldValidator(field: BodyField): z.ZodType {
  switch (field.type) {
    case 'string':
      return field.enum ? z.enum(field.enum as [string, ...string[]]) : z.string();
    case 'integer':
      return z.number().int();
    case 'number':
      return z.number();
    case 'boolean':
      return z.boolean();
    case 'array':
      return z.array(field.items ? fieldValidator(field.items) : z.unknown());
    case 'object':
      // A nested object's other fields are the provider's business: only the top level may be closed.
      return field.properties ? objectOf(field.properties, field.required ?? [], false) : z.record(z.string(), z.unknown());
  }
}

/** A validator for bodies `schema` describes: types, enums and required fields; unknown top-level fields refused where it is closed. */
export function bodyValidator(schema: BodySchema): z.ZodType {
  return objectOf(schema.properties, schema.required, schema.additionalProperties === false);
}
