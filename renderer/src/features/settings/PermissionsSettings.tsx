import { useMemo, useState } from 'react';
import type { JSX } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { ACCESS_LEVELS, CATEGORIES } from '../../../../shared/catalog/types';
import type { AccessLevel, Category } from '../../../../shared/catalog/types';
import { useAppStore } from '../../store';
import { ACCESS_LABELS, CATEGORY_LABELS } from '../../ui/scopeLabels';
import { AddPermission } from './AddPermission';
import { ExportButtons } from './ExportButtons';
import { PermissionTableRow } from './PermissionTableRow';
import { connectedProviders, NO_FILTERS, permissionRows } from './permissionRows';
import type { PermissionFilters } from './permissionRows';
import { PERMISSIONS_HEADING_ID } from './permissionsHeadingId';

/** Settings → Permissions: every granted permission in one table, filtered, revocable, exportable. */
export function PermissionsSettings(): JSX.Element {
  // The table depends on every connection; rows are derived below, not in the selector.
  const connections = useAppStore((s) => s.connections);
  const connectedIds = useAppStore(useShallow((s) => s.connections.filter((c) => c.state === 'connected').map((c) => c.id)));
  const [filters, setFilters] = useState<PermissionFilters>(NO_FILTERS);
  const providers = useMemo(() => connectedProviders(connections), [connections]);
  const rows = useMemo(() => permissionRows(connections, filters), [connections, filters]);
  const filtering = filters.providerId !== '' || filters.category !== '' || filters.access !== '';

  return (
    <section className="section" aria-labelledby={PERMISSIONS_HEADING_ID}>
      <h2 id={PERMISSIONS_HEADING_ID} tabIndex={-1}>
        Permissions
      </h2>

      <div className="filters">
        <select
          aria-label="Provider"
          value={filters.providerId}
          onChange={(event) => setFilters({ ...filters, providerId: event.currentTarget.value })}
        >
          <option value="">All providers</option>
          {providers.map((provider) => (
            <option key={provider.id} value={provider.id}>
              {provider.name}
            </option>
          ))}
        </select>
        <select
          aria-label="Category"
          value={filters.category}
          onChange={(event) => setFilters({ ...filters, category: event.currentTarget.value as Category | '' })}
        >
          <option value="">All categories</option>
          {CATEGORIES.map((category) => (
            <option key={category} value={category}>
              {CATEGORY_LABELS[category]}
            </option>
          ))}
        </select>
        <select
          aria-label="Access level"
          value={filters.access}
          onChange={(event) => setFilters({ ...filters, access: event.currentTarget.value as AccessLevel | '' })}
        >
          <option value="">All access levels</option>
          {ACCESS_LEVELS.map((access) => (
            <option key={access} value={access}>
              {ACCESS_LABELS[access]}
            </option>
          ))}
        </select>
      </div>

      <div className="table-scroll">
        <table className="permission-table" aria-label="All granted permissions">
          <thead>
            <tr>
              <th scope="col">Provider</th>
              <th scope="col">Account</th>
              <th scope="col">Permission</th>
              <th scope="col">Access</th>
              <th scope="col">Granted</th>
              {/* The Revoke buttons name themselves; a cell, not a header, keeps the columns to the five above. */}
              <td />
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <PermissionTableRow key={`${row.connectionId} ${row.scope.scope}`} row={row} />
            ))}
          </tbody>
        </table>
      </div>
      {rows.length === 0 && (
        <p className="placeholder">
          {filtering ? 'No granted permissions match these filters.' : 'No connected account has granted permissions yet.'}
        </p>
      )}

      {connectedIds.length > 0 && (
        <>
          <h3>Add a permission</h3>
          <ul className="add-permissions" aria-label="Add a permission">
            {connectedIds.map((id) => (
              <AddPermission key={id} connectionId={id} />
            ))}
          </ul>
        </>
      )}

      <h3>Export</h3>
      <p className="field-hint">Every granted permission of every connected account, as a file.</p>
      <ExportButtons />
    </section>
  );
}
