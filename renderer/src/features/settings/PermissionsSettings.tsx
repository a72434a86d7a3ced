import { useId, useMemo, useState } from 'react';
import type { JSX, ReactNode } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { ACCESS_LEVELS, CATEGORIES, SENSITIVITIES } from '../../../../shared/catalog/types';
import type { AccessLevel, Category, Sensitivity } from '../../../../shared/catalog/types';
import { useAppStore } from '../../store';
import { PLACES } from '../../store/places';
import { ACCESS_LABELS, CATEGORY_LABELS } from '../../ui/scopeLabels';
import { Feedback } from '../notices/Feedback';
import { AddPermission } from './AddPermission';
import { ExportButtons } from './ExportButtons';
import { PermissionTableRow } from './PermissionTableRow';
import { connectedProviders, isFiltering, NO_FILTERS, permissionRows } from './permissionRows';
import type { PermissionFilters } from './permissionRows';
import { PERMISSIONS_HEADING_ID } from '../../ui/domIds';

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

/** Settings → Permissions: every granted permission in one table, filtered, revocable, exportable. */
export function PermissionsSettings(): JSX.Element {
  // The table depends on every connection; rows are derived below, not in the selector.
  const connections = useAppStore((s) => s.connections);
  const connectedIds = useAppStore(useShallow((s) => s.connections.filter((c) => c.state === 'connected').map((c) => c.id)));
  const [filters, setFilters] = useState<PermissionFilters>(NO_FILTERS);
  const providers = useMemo(() => connectedProviders(connections), [connections]);
  const rows = useMemo(() => permissionRows(connections, filters), [connections, filters]);
  const filtering = isFiltering(filters);

  return (
    <section className="section" aria-labelledby={PERMISSIONS_HEADING_ID}>
      <h3 id={PERMISSIONS_HEADING_ID} tabIndex={-1}>
        Permissions
      </h3>

      <div className="filters" role="group" aria-label="Filters">
        <Filter label="Provider" value={filters.providerId} onChange={(providerId) => setFilters({ ...filters, providerId })}>
          <option value="">All providers</option>
          {providers.map((provider) => (
            <option key={provider.id} value={provider.id}>
              {provider.name}
            </option>
          ))}
        </Filter>
        <Filter label="Category" value={filters.category} onChange={(category) => setFilters({ ...filters, category: category as Category | '' })}>
          <option value="">All categories</option>
          {CATEGORIES.map((category) => (
            <option key={category} value={category}>
              {CATEGORY_LABELS[category]}
            </option>
          ))}
        </Filter>
        <Filter label="Access level" value={filters.access} onChange={(access) => setFilters({ ...filters, access: access as AccessLevel | '' })}>
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
          onChange={(sensitivity) => setFilters({ ...filters, sensitivity: sensitivity as Sensitivity | '' })}
        >
          <option value="">Any sensitivity</option>
          {SENSITIVITIES.map((sensitivity) => (
            <option key={sensitivity} value={sensitivity}>
              {SENSITIVITY_NAMES[sensitivity]}
            </option>
          ))}
        </Filter>
        <button type="button" className="clear-filters" disabled={!filtering} onClick={() => setFilters(NO_FILTERS)}>
          Clear filters
        </button>
      </div>

      <Feedback place={PLACES.settingsPermissions} />

      <table className="permission-table" aria-label="All granted permissions">
        <thead>
          <tr>
            <th scope="col">Provider</th>
            <th scope="col">Account</th>
            <th scope="col">Permission</th>
            <th scope="col">Access</th>
            <th scope="col">Granted</th>
            <th scope="col">
              <span className="visually-hidden">Change</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <PermissionTableRow key={`${row.connectionId} ${row.scope.scope}`} row={row} />
          ))}
        </tbody>
      </table>
      {rows.length === 0 && (
        <p className="placeholder">
          {filtering ? 'No granted permissions match these filters.' : 'No connected account has granted permissions yet.'}
        </p>
      )}

      {connectedIds.length > 0 && (
        <>
          <h4>Add a permission</h4>
          <ul className="add-permissions" aria-label="Add a permission">
            {connectedIds.map((id) => (
              <AddPermission key={id} connectionId={id} />
            ))}
          </ul>
        </>
      )}

      <h4>Export</h4>
      <p className="field-hint">Every granted permission of every connected account, as a file.</p>
      <ExportButtons />
      <Feedback place={PLACES.export} />
    </section>
  );
}
