import { useId, useMemo } from 'react';
import type { JSX } from 'react';
import type { Category } from '../../../../shared/catalog/types';
import type { ExplainedScope, ScopeUser } from '../../../../shared/ipc/contract';
import { CATEGORY_LABELS } from '../../ui/scopeLabels';
import { ExplainedScopeRow } from './ExplainedScopeRow';
import { normalizeQuery, searchQuery, visibleGranted } from './permissionFilter';
import { RemoveScopeButton } from './RemoveScopeButton';
import { ROVING_HINT, useRovingRows } from './rovingRows';
import { SensitivityLegend } from './SensitivityLegend';
import { ScopeUsedBy } from './ScopeUsedBy';
import { useSearchQuery } from './useSearchQuery';
import { VirtualScopeList } from './VirtualScopeList';

/** Above this many rows, only the visible part of the list is rendered. */
export const VIRTUALIZE_ABOVE = 200;

export interface GrantedPermissionsProps {
  connectionId: string;
  granted: readonly ExplainedScope[];
  /** Titles of the connection's scopes, to say "already included in …" in words. */
  titles: ReadonlyMap<string, string>;
  /** Per scope, the tools that used it; absent when no tool was ever approved for this connection. */
  usedBy?: ReadonlyMap<string, readonly ScopeUser[]> | undefined;
}

/** Rows already sorted by category, cut into one group per category, in that order. */
function groupsOf(rows: readonly ExplainedScope[]): { category: Category; rows: ExplainedScope[] }[] {
  const groups: { category: Category; rows: ExplainedScope[] }[] = [];
  for (const row of rows) {
    const last = groups.at(-1);
    if (last !== undefined && last.category === row.category) last.rows.push(row);
    else groups.push({ category: row.category, rows: [row] });
  }
  return groups;
}

/**
 * A connection's granted scopes, grouped by category, each collapsed to its title, filtered by
 * "Search permissions". Each group is its own list, "Granted permissions: Files".
 */
export function GrantedPermissions({ connectionId, granted, titles, usedBy }: GrantedPermissionsProps): JSX.Element {
  const query = useSearchQuery();
  const rows = useMemo(() => visibleGranted(granted, query), [granted, query]);
  const matched = searchQuery(normalizeQuery(query));
  const roving = useRovingRows<HTMLDivElement>({ rowCount: rows.length });
  const hintId = useId();

  if (granted.length === 0) return <p className="placeholder">No permissions were granted.</p>;
  if (rows.length === 0) return <p className="placeholder">No permissions match “{query.trim()}”.</p>;
  if (rows.length > VIRTUALIZE_ABOVE) {
    return (
      <>
        <SensitivityLegend scopes={rows} />
        <VirtualScopeList connectionId={connectionId} rows={rows} titles={titles} usedBy={usedBy} query={matched} />
      </>
    );
  }

  let index = 0;
  return (
    <>
      <SensitivityLegend scopes={rows} />
    <div
      className="scope-groups"
      role="group"
      aria-label="Granted permissions"
      aria-describedby={hintId}
      {...roving}
    >
      <p id={hintId} className="visually-hidden">
        {ROVING_HINT}
      </p>
      {groupsOf(rows).map(({ category, rows: inGroup }) => {
        const label = CATEGORY_LABELS[category];
        return (
          <div key={category} className="scope-group">
            <h4 className="scope-group-title">
              {label} <span className="scope-group-count">{inGroup.length}</span>
            </h4>
            <ul className="scope-list" aria-label={`Granted permissions: ${label}`}>
              {inGroup.map((scope) => (
                <ExplainedScopeRow
                  key={scope.scope}
                  data-roving-index={index++}
                  scope={scope}
                  titles={titles}
                  query={matched}
                  action={<RemoveScopeButton connectionId={connectionId} scope={scope} />}
                  usage={usedBy && <ScopeUsedBy users={usedBy.get(scope.scope) ?? []} />}
                />
              ))}
            </ul>
          </div>
        );
      })}
    </div>
    </>
  );
}
