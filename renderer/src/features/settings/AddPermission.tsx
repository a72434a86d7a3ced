import { useState } from 'react';
import type { JSX } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../store';
import { PLACES } from '../../store/places';
import { ChangeButton } from '../changes/ChangeButton';
import { addableOptions } from './permissionRows';

/**
 * Asking a connected account for one more of its provider's permissions. `place`: where the
 * outcome is shown (Settings → Permissions by default, the connection's detail from there).
 */
export function AddPermission({ connectionId, place = PLACES.settingsPermissions }: { connectionId: string; place?: string }): JSX.Element | null {
  const name = useAppStore((s) => {
    const connection = s.connections.find((c) => c.id === connectionId);
    return connection === undefined ? null : `${connection.providerName}: ${connection.account}`;
  });
  // The options are the provider's own objects, so a shallow compare keeps this stable.
  const options = useAppStore(useShallow((s) => addableOptions(s.connections, s.providers, connectionId)));
  const planChange = useAppStore((s) => s.planChange);
  const [picked, setPicked] = useState('');
  if (name === null) return null;

  // What the select shows: the last pick while it can still be added, else the first option.
  const chosen = options.some((o) => o.scope === picked) ? picked : (options[0]?.scope ?? '');

  return (
    <li className="add-permission">
      <span className="add-permission-name">{name}</span>
      <select
        aria-label={`Add a permission to ${name}`}
        value={chosen}
        disabled={options.length === 0}
        onChange={(event) => setPicked(event.currentTarget.value)}
      >
        {options.map((option) => (
          <option key={option.scope} value={option.scope}>
            {option.title}
          </option>
        ))}
      </select>
      <ChangeButton
        label="Add"
        name={`Add to ${name}`}
        disabled={chosen === ''}
        onClick={() => void planChange(connectionId, { add: [chosen] }, place)}
      />
      {options.length === 0 && <span className="field-hint">Everything Scopekeeper knows for this provider is granted.</span>}
    </li>
  );
}
