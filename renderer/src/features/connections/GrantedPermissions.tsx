import { useMemo } from 'react';
import type { JSX } from 'react';
import type { ExplainedScope } from '../../../../shared/ipc/contract';
import { useAppStore } from '../../store';
import { ExplainedScopeRow } from './ExplainedScopeRow';
import { visibleGranted } from './permissionFilter';
import { RemoveScopeButton } from './RemoveScopeButton';
import { VirtualScopeList } from './VirtualScopeList';

/** Above this many rows, only the visible part of the list is rendered. */
export const VIRTUALIZE_ABOVE = 200;

export interface GrantedPermissionsProps {
  connectionId: string;
  granted: readonly ExplainedScope[];
}

/** A connection's granted scopes, sorted by category and filtered by "Search permissions". */
export function GrantedPermissions({ connectionId, granted }: GrantedPermissionsProps): JSX.Element {
  const query = useAppStore((s) => s.permissionQuery);
  const rows = useMemo(() => visibleGranted(granted, query), [granted, query]);
  const titles = useMemo(() => new Map(granted.map((scope) => [scope.scope, scope.title])), [granted]);

  if (granted.length === 0) return <p className="placeholder">No permissions were granted.</p>;
  if (rows.length === 0) return <p className="placeholder">No permissions match “{query.trim()}”.</p>;
  if (rows.length > VIRTUALIZE_ABOVE) return <VirtualScopeList connectionId={connectionId} rows={rows} titles={titles} />;

  return (
    <ul className="scope-list" aria-label="Granted permissions">
      {rows.map((scope) => (
        <ExplainedScopeRow
          key={scope.scope}
          scope={scope}
          titles={titles}
          action={<RemoveScopeButton connectionId={connectionId} scope={scope} />}
        />
      ))}
    </ul>
  );
}
