import { HTTP_METHODS } from './types';
import type { BodyField, HttpMethod, OperationInfo } from './types';

/**
 * Catalog data written as tables, a row a line, for the long lists a provider's reference gives
 * (operations, body fields): read like the reference, and a malformed row throws when the catalog
 * loads, so a typo cannot pass as data. Blank lines are skipped; columns are split on whitespace,
 * the last column taking the rest of the line.
 */
function rows(table: string, columns: number): string[][] {
  return table
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line) => {
      const cells = line.split(/\s+/);
      const row = [...cells.slice(0, columns - 1), cells.slice(columns - 1).join(' ')];
      if (cells.length < columns || row.some((cell) => cell === '')) throw new Error(`A catalog table row needs ${columns} columns: ${line}`);
      return row;
    });
}

/** `METHOD /path reference-page` a row: the URL is `api` + path, the source `docs` + page. */
export function operationTable(api: string, docs: string, table: string): OperationInfo[] {
  return rows(table, 3).map(([method, path, page]) => {
    if (!HTTP_METHODS.includes(method as HttpMethod) || !path!.startsWith('/') || /\s/.test(page!)) {
      throw new Error(`Not an operation row: ${method} ${path} ${page}`);
    }
    return { method: method as HttpMethod, url: `${api}${path}`, source: `${docs}${page}` };
  });
}

const SCALARS = ['string', 'integer', 'number', 'boolean', 'object'] as const;
type Scalar = (typeof SCALARS)[number];

function scalar(type: string, row: string): Scalar {
  if (!(SCALARS as readonly string[]).includes(type)) throw new Error(`Not a body field type: ${row}`);
  return type as Scalar;
}

/**
 * `name type description` a row. `type` is string, integer, number, boolean or object; `type[]`
 * an array of them; `a|b|c` a string with those values only.
 */
export function fieldTable(table: string): Record<string, BodyField> {
  const fields: Record<string, BodyField> = {};
  for (const [name, type, description] of rows(table, 3)) {
    const row = `${name} ${type}`;
    if (type!.endsWith('[]')) {
      fields[name!] = { type: 'array', description: description!, items: { type: scalar(type!.slice(0, -2), row), description: `One of ${name}.` } };
    } else if (type!.includes('|')) {
      fields[name!] = { type: 'string', description: description!, enum: type!.split('|') };
    } else {
      fields[name!] = { type: scalar(type!, row), description: description! };
    }
  }
  return fields;
}
