import { useState } from 'react';
import type { JSX } from 'react';
import { useAppStore } from '../../store';
import { connectButtonId } from './connectButtonId';
import { chosenScopes, initialChoice, withScopeAdded, withScopeTicked } from './scopeChoice';
import type { ScopeChoice } from './scopeChoice';
import { ScopePicker } from './ScopePicker';

export function ProviderItem({ providerId }: { providerId: string }): JSX.Element | null {
  const provider = useAppStore((s) => s.providers.find((p) => p.id === providerId));
  // A Connect during a change would take the browser sign-in its next step needs.
  const busy = useAppStore((s) => s.flow !== null || s.changeStatus === 'applying');
  const connect = useAppStore((s) => s.connect);
  // null until the person changes the picker: Connect then asks for the current defaults.
  const [edited, setEdited] = useState<ScopeChoice | null>(null);
  if (provider === undefined) return null;

  const choice = edited ?? initialChoice(provider);
  const buttonId = connectButtonId(provider.id);
  const reasonId = `${buttonId}-unavailable`;

  return (
    <li className="provider">
      <div className="provider-text">
        <h3>{provider.name}</h3>
        <p>
          {provider.custom && <span className="scope-mark provider-mark">Added by you</span>}
          {provider.description}
        </p>
      </div>
      <div className="provider-action">
        <button
          id={buttonId}
          type="button"
          className="primary"
          disabled={!provider.available || busy}
          aria-describedby={provider.available ? undefined : reasonId}
          onClick={() => void connect(provider.id, chosenScopes(provider, choice))}
        >
          Connect {provider.name}
        </button>
        {!provider.available && (
          <p id={reasonId} className="unavailable">
            {provider.unavailableReason ?? 'Not available on this computer.'}
          </p>
        )}
      </div>
      <ScopePicker
        provider={provider}
        choice={choice}
        onToggle={(scope, ticked) => setEdited(withScopeTicked(choice, scope, ticked))}
        onAdd={(scope) => setEdited(withScopeAdded(provider, choice, scope))}
      />
    </li>
  );
}
