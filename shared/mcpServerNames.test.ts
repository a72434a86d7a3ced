import { describe, expect, it } from 'vitest';
import { namePart, serverNamesMatching } from './mcpServerNames';

describe('naming an MCP server as an agent does', () => {
  it('means the server written exactly so, else those the same in tool names in any letter case', () => {
    expect([...serverNamesMatching(['Notes', 'Mail'], 'Notes')]).toEqual(['Notes']);
    expect([...serverNamesMatching(['My notes', 'Mail'], 'my_NOTES')]).toEqual(['My notes']);
    expect([...serverNamesMatching(['Notes', 'notes'], 'notes')]).toEqual(['notes']);
    expect([...serverNamesMatching(['Notes!', 'Notes?'], 'notes')]).toEqual(['Notes!', 'Notes?']);
    expect([...serverNamesMatching(['Notes'], 'Note')]).toEqual([]);
    expect([...serverNamesMatching(['Notes'], 'n-o-t-e-s')]).toEqual([]);
  });

  it('makes a name part tool names allow', () => {
    expect(namePart('Team notes (work)')).toBe('Team_notes_work');
    expect(namePart('***')).toBe('server');
  });
});
