import { useId } from 'react';
import type { JSX } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../store';
import { PLACES } from '../../store/places';
import { OwnClientPanel } from '../clients/OwnClientPanel';
import { Feedback } from '../notices/Feedback';
import { AddServerForm } from '../providers/AddServerForm';

/**
 * Settings → Providers and clients: per provider, whether it can be connected here, the OAuth app
 * it signs in with and "Use your own OAuth app"; servers the person added (edit, remove); adding one.
 */
export function ProvidersSettings(): JSX.Element {
  const providerIds = useAppStore(useShallow((s) => s.providers.map((p) => p.id)));
  const headingId = useId();
  return (
    <section className="section" aria-labelledby={headingId}>
      <h3 id={headingId}>Providers and clients</h3>
      <p className="field-hint">
        Scopekeeper signs in to each provider as an OAuth app. You can register your own app with a provider and use it
        instead of this build’s; yours takes precedence. Its secret is kept encrypted on this computer.
      </p>
      <ul className="provider-status-list" aria-label="Providers">
        {providerIds.map((id) => (
          <OwnClientPanel key={id} providerId={id} />
        ))}
      </ul>
      <AddServerForm />
      <Feedback place={PLACES.addServer} />
    </section>
  );
}
