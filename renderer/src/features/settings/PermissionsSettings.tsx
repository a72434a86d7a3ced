import { useMemo, useState } from 'react';
import type { JSX } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../store';
import { PLACES } from '../../store/places';
import { PERMISSIONS_HEADING_ID } from '../../ui/domIds';
import { Feedback } from '../notices/Feedback';
import { AddPermission } from './AddPermission';
import { ExportButtons } from './ExportButtons';
import { PermissionFilterBar } from './PermissionFilterBar';
import { PermissionTableRow } from './PermissionTableRow';
import { connectedProviders, isFiltering, NO_FILTERS, permissionRows } from './permissionRows';
import type { PermissionFilters, PermissionRow } from './permissionRows';

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

      <PermissionFilterBar filters={filters} providers={providers} onChange={setFilters} />

      <Feedback place={PLACES.settingsPermissions} />

      <PermissionTable rows={rows} />
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
    </section>
  );
}

/** The granted permissions that pass the filters, one row each, with Take back beside each. */
function PermissionTable({ rows }: { rows: readonly PermissionRow[] }): JSX.Element {
  return (
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
  );
}
