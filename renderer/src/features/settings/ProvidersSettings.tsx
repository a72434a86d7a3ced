import { useId } from 'react';
import type { JSX } from 'react';
import { useAppStore } from '../../store';
import { PLACES } from '../../store/places';
import { ProviderLogo } from '../../ui/ProviderLogo';
import { Feedback } from '../notices/Feedback';
import { AddServerForm } from '../providers/AddServerForm';

/** Settings → Providers and clients: which providers can be connected here and why not, and adding a server. */
export function ProvidersSettings(): JSX.Element {
  // The store's own array: stable until the providers are refetched.
  const providers = useAppStore((s) => s.providers);
  const headingId = useId();
  return (
    <section className="section" aria-labelledby={headingId}>
      <h3 id={headingId}>Providers and clients</h3>
      <ul className="provider-status-list" aria-label="Providers">
        {providers.map((provider) => (
          <li key={provider.id} className="provider-status">
            <ProviderLogo providerId={provider.id} size={24} />
            <span className="provider-status-name">{provider.name}</span>
            {provider.custom && <span className="scope-mark">Added by you</span>}
            <span className="provider-status-state">
              {provider.available ? 'Ready to connect' : (provider.unavailableReason ?? 'Not available on this computer.')}
            </span>
          </li>
        ))}
      </ul>
      <AddServerForm />
      <Feedback place={PLACES.addServer} />
    </section>
  );
}
