import { describe, expect, it } from 'vitest';
import { fieldTable, operationTable } from './tables';

describe('catalog tables', () => {
  it('reads operation rows onto the API host and the reference', () => {
    expect(operationTable('https://api.example', 'https://docs.example/', '\n  GET  /a/{id}   ref#get-a\n\n POST /a  ref#create-a \n')).toEqual([
      { method: 'GET', url: 'https://api.example/a/{id}', source: 'https://docs.example/ref#get-a' },
      { method: 'POST', url: 'https://api.example/a', source: 'https://docs.example/ref#create-a' },
    ]);
  });

  it.each(['FETCH /a ref', 'GET a ref', 'GET /a', 'GET /a ref extra'])('refuses the operation row %j when the catalog loads', (row) => {
    expect(() => operationTable('https://api.example', 'https://docs.example/', row)).toThrow(/row/);
  });

  it('reads field rows: scalars, arrays, and a list of values', () => {
    expect(fieldTable('title string The title.\nlabels string[] Labels to add.\nstate on|off Whether it is on.')).toEqual({
      title: { type: 'string', description: 'The title.' },
      labels: { type: 'array', description: 'Labels to add.', items: { type: 'string', description: 'One of labels.' } },
      state: { type: 'string', description: 'Whether it is on.', enum: ['on', 'off'] },
    });
  });

  it.each(['title strung The title.', 'title string', 'labels thing[] Labels.'])('refuses the field row %j', (row) => {
    expect(() => fieldTable(row)).toThrow(/row|type/);
  });
});
