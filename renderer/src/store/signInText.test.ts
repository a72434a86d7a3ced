import { describe, expect, it } from 'vitest';
import { cameBackText } from './signInText';

describe('what a sign-in says it brought', () => {
  it('names what came back, and what a fixed list had taken back at once', () => {
    expect(cameBackText({ kind: 'signed-in-again', cameBack: [], notAdded: [] })).toBe('');
    expect(cameBackText({ kind: 'signed-in-again', cameBack: [{ scope: 'files:write', title: 'Edit your files' }], notAdded: [] })).toBe(' Came back: “Edit your files” (files:write).');
    expect(cameBackText({ kind: 'signed-in-again', cameBack: [], notAdded: [], takenBack: [{ scope: 'calendar:write', title: 'Change your calendar' }] })).toBe(
      ' Granted beyond the fixed list: “Change your calendar” (calendar:write); Scopekeeper takes it back now.',
    );
  });
});
