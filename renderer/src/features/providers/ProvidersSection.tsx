import { useRef } from 'react';
import type { JSX, KeyboardEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../store';
import { ProviderItem } from './ProviderItem';
import { AddMcpServerForm } from './AddMcpServerForm';

/**
 * Arrow keys move between the Connect buttons, so the whole list is one Tab stop on the way in
 * (the roving tabindex is the first enabled button, or the one last focused).
 */
function moveBetweenConnectButtons(event: KeyboardEvent<HTMLUListElement>): void {
  const keys = ['ArrowDown', 'ArrowUp', 'Home', 'End'];
  const target = event.target;
  if (!keys.includes(event.key) || !(target instanceof HTMLButtonElement) || !target.classList.contains('connect-button')) return;
  const buttons = [...event.currentTarget.querySelectorAll<HTMLButtonElement>('button.connect-button:not(:disabled)')];
  const index = buttons.indexOf(target);
  const next =
    event.key === 'Home' ? 0 : event.key === 'End' ? buttons.length - 1 : event.key === 'ArrowDown' ? Math.min(index + 1, buttons.length - 1) : Math.max(index - 1, 0);
  const button = buttons[next];
  if (button === undefined) return;
  event.preventDefault();
  for (const b of buttons) b.tabIndex = b === button ? 0 : -1;
  button.focus();
}

/** "Connect an account": every provider with its Connect button and a choice of permissions. */
export function ProvidersSection(): JSX.Element {
  const providerIds = useAppStore(useShallow((s) => s.providers.map((p) => p.id)));
  const firstEnabled = useAppStore((s) => s.providers.find((p) => p.available)?.id);
  const status = useAppStore((s) => s.providersLoadStatus);
  const listRef = useRef<HTMLUListElement>(null);

  let placeholder: string | null = null;
  if (providerIds.length === 0) {
    if (status === 'ready') placeholder = 'No providers are set up.';
    else if (status === 'error') placeholder = 'Providers could not be loaded.';
    else placeholder = 'Loading providers…';
  }

  return (
    <section className="section connect-pane" aria-labelledby="providers-heading">
      <h2 id="providers-heading" tabIndex={-1}>
        Connect an account
      </h2>
      <p className="field-hint">
        Choose a provider and sign in in your browser; you approve what it may do on the provider&apos;s own page. Use the
        arrow keys to move between providers. To add another OAuth or OpenID server, use Settings → Providers and clients.
      </p>
      {placeholder !== null ? (
        <p className="placeholder">{placeholder}</p>
      ) : (
        <ul ref={listRef} className="provider-list" aria-label="Providers" onKeyDown={moveBetweenConnectButtons}>
          {providerIds.map((id) => (
            <ProviderItem key={id} providerId={id} tabStop={id === firstEnabled} />
          ))}
        </ul>
      )}
      <AddMcpServerForm />
    </section>
  );
}
