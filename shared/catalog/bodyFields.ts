import type { BodyField, BodySchema } from './types';

/**
 * Short constructors for documented request bodies (see BodySchema), so a provider's catalog
 * reads as the reference's field table: name, type, description, required.
 */
export const text = (description: string, values?: readonly string[]): BodyField => ({ type: 'string', description, ...(values ? { enum: values } : {}) });
export const flag = (description: string): BodyField => ({ type: 'boolean', description });
export const whole = (description: string): BodyField => ({ type: 'integer', description });
export const list = (description: string, items?: BodyField): BodyField => ({ type: 'array', description, ...(items ? { items } : {}) });

export function record(description: string, properties: Readonly<Record<string, BodyField>>, required: readonly string[] = []): BodyField {
  return { type: 'object', description, properties, ...(required.length > 0 ? { required } : {}) };
}

/** A request body; open to fields the catalog does not describe, as provider APIs are. */
export function body(properties: Readonly<Record<string, BodyField>>, required: readonly string[] = []): BodySchema {
  return { type: 'object', properties, required };
}
