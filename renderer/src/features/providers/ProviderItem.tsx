import type { JSX } from 'react';
import { useAppStore } from '../../store';
import { connectButtonId } from './connectButtonId';

export function ProviderItem({ providerId }: { providerId: string }): JSX.Element | null {
  const provider = useAppStore((s) => s.providers.find((p) => p.id === providerId));
  const flowRunning = useAppStore((s) => s.flow !== null);
  const connect = useAppStore((s) => s.connect);
  if (provider === undefined) return null;

  const buttonId = connectButtonId(provider.id);
  const reasonId = `${buttonId}-unavailable`;

  return (
    <li className="provider">
      <div className="provider-text">
        <h3>{provider.name}</h3>
        <p>{provider.description}</p>
      </div>
      <div className="provider-action">
        <button
          id={buttonId}
          type="button"
          className="primary"
          disabled={!provider.available || flowRunning}
          aria-describedby={provider.available ? undefined : reasonId}
          onClick={() => void connect(provider.id)}
        >
          Connect {provider.name}
        </button>
        {!provider.available && (
          <p id={reasonId} className="unavailable">
            {provider.unavailableReason ?? 'Not available on this computer.'}
          </p>
        )}
      </div>
    </li>
  );
}
