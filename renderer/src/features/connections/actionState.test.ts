import { describe, expect, it } from 'vitest';
import type { ActionView } from '../../../../shared/ipc/contract';
import { actionState, turnOffLine } from './actionState';

const action = (overrides: Partial<ActionView>): ActionView => ({ id: 'a', title: 'Read your files', available: true, missingScopes: [], ...overrides });

describe('actionState', () => {
  it('missing only for a permission asked for and not granted; never asked is not requested', () => {
    const refused = new Set(['files:write']);
    expect(actionState(action({}), refused)).toBe('available');
    expect(actionState(action({ available: false, missingScopes: ['files:write'] }), refused)).toBe('missing');
    expect(actionState(action({ available: false, missingScopes: ['tasks:write'] }), refused)).toBe('not-requested');
    expect(actionState(action({ available: false, missingScopes: ['tasks:write', 'files:write'] }), refused)).toBe('missing');
  });
});

describe('turnOffLine', () => {
  it('names the enabled actions that still need it', () => {
    expect(turnOffLine(action({ turnOffBlocked: { neededBy: ['Edit your files'], comesWith: [] } }))).toBe('Needed by Edit your files: turn that off first');
    expect(turnOffLine(action({ turnOffBlocked: { neededBy: ['Send messages', 'Read files', 'Share files'], comesWith: [] } }))).toBe(
      'Needed by Send messages, Read files and Share files: turn those off first',
    );
  });

  it('else the broader permission it comes with', () => {
    expect(turnOffLine(action({ turnOffBlocked: { neededBy: [], comesWith: ['Create and change your files'] } }))).toBe(
      'Comes with “Create and change your files”: take that back under Permissions',
    );
  });

  it('nothing when Turn off works, or the action is not enabled', () => {
    expect(turnOffLine(action({}))).toBeNull();
    expect(turnOffLine(action({ available: false, turnOffBlocked: { neededBy: ['X'], comesWith: [] } }))).toBeNull();
  });
});
