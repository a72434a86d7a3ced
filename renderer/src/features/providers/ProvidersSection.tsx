import type { JSX } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../store';
import { AddServerForm } from './AddServerForm';
import { ProviderItem } from './ProviderItem';

export function ProvidersSection(): JSX.Element {
  const providerIds = useAppStore(useShallow((s) => s.providers.map((p) => p.id)));
  const status = useAppStore((s) => s.providersLoadStatus);

  let placeholder: string | null = null;
  if (providerIds.length === 0) {
    if (status === 'ready') placeholder = 'No providers are set up.';
    else if (status === 'error') placeholder = 'Providers could not be loaded.';
    else placeholder = 'Loading providers…';
  }

  return (
    <section className="section" aria-labelledby="providers-heading">
      <h2 id="providers-heading">Providers</h2>
      {placeholder !== null ? (
        <p className="placeholder">{placeholder}</p>
      ) : (
        <ul className="provider-list">
          {providerIds.map((id) => (
            <ProviderItem key={id} providerId={id} />
          ))}
        </ul>
      )}
      <AddServerForm />
    </section>
  );
}
