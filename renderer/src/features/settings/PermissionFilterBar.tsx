import { useId } from 'react';
import type { JSX, ReactNode } from 'react';
import { ACCESS_LEVELS, CATEGORIES, SENSITIVITIES } from '../../../../shared/catalog/types';
import type { AccessLevel, Category, Sensitivity } from '../../../../shared/catalog/types';
import { ACCESS_LABELS, CATEGORY_LABELS } from '../../ui/scopeLabels';
import { isFiltering, NO_FILTERS } from './permissionRows';
import type { PermissionFilters } from './permissionRows';

const SENSITIVITY_NAMES: Readonly<Record<Sensitivity, string>> = { basic: 'Basic', sensitive: 'Sensitive', restricted: 'Restricted' };

function Filter({ label, value, onChange, children }: { label: string; value: string; onChange(value: string): void; children: ReactNode }): JSX.Element {
  const id = useId();
  return (
    <div className="filter">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(event) => onChange(event.currentTarget.value)}>
        {children}
      </select>
    </div>
  );
}

/** Settings → Permissions' filters: by provider, category, access level and sensitivity, and Clear filters. */
export function PermissionFilterBar({
  filters,
  providers,
  onChange,
}: {
  filters: PermissionFilters;
  /** The providers with a connection, to choose from. */
  providers: readonly { id: string; name: string }[];
  onChange(filters: PermissionFilters): void;
}): JSX.Element {
  const filtering = isFiltering(filters);
  return (
    <div className="filters" role="group" aria-label="Filters">
      <Filter label="Provider" value={filters.providerId} onChange={(providerId) => onChange({ ...filters, providerId })}>
        <option value="">All providers</option>
        {providers.map((provider) => (
          <option key={provider.id} value={provider.id}>
            {provider.name}
          </option>
        ))}
      </Filter>
      <Filter label="Category" value={filters.category} onChange={(category) => onChange({ ...filters, category: category as Category | '' })}>
        <option value="">All categories</option>
        {CATEGORIES.map((category) => (
          <option key={category} value={category}>
            {CATEGORY_LABELS[category]}
          </option>
        ))}
      </Filter>
      <Filter label="Access level" value={filters.access} onChange={(access) => onChange({ ...filters, access: access as AccessLevel | '' })}>
        <option value="">All access levels</option>
        {ACCESS_LEVELS.map((access) => (
          <option key={access} value={access}>
            {ACCESS_LABELS[access]}
          </option>
        ))}
      </Filter>
      <Filter
        label="Sensitivity"
        value={filters.sensitivity}
        onChange={(sensitivity) => onChange({ ...filters, sensitivity: sensitivity as Sensitivity | '' })}
      >
        <option value="">Any sensitivity</option>
        {SENSITIVITIES.map((sensitivity) => (
          <option key={sensitivity} value={sensitivity}>
            {SENSITIVITY_NAMES[sensitivity]}
          </option>
        ))}
      </Filter>
      <button type="button" className="clear-filters" disabled={!filtering} onClick={() => onChange(NO_FILTERS)}>
        Clear filters
      </button>
    </div>
  );
}
