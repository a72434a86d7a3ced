import type { JSX } from 'react';
import { useAppStore } from '../../store';
import { PLACES } from '../../store/places';
import { ACCESS_LABELS } from '../../ui/scopeLabels';
import { ChangeButton } from '../changes/ChangeButton';
import type { PermissionRow } from './permissionRows';
import { localDateTime } from '../../ui/dateTime';

/**
 * One granted scope of one account; identity scopes cannot be revoked on their own. Each cell
 * carries its column's name (data-label) so the table can stack into cards on a narrow window.
 */
export function PermissionTableRow({ row }: { row: PermissionRow }): JSX.Element {
  const planChange = useAppStore((s) => s.planChange);
  const { connectionId, providerName, account, scope } = row;
  return (
    <tr>
      <td data-label="Provider">{providerName}</td>
      <td data-label="Account">{account}</td>
      <td data-label="Permission">
        <span className="scope-title">{scope.title}</span> <code className="scope-id">{scope.scope}</code>
      </td>
      <td data-label="Access">{ACCESS_LABELS[scope.access]}</td>
      <td data-label="Granted">
        {scope.grantedAt !== undefined ? (
          <time dateTime={scope.grantedAt}>{localDateTime(scope.grantedAt)}</time>
        ) : (
          <span className="placeholder">Not recorded</span>
        )}
      </td>
      <td className="cell-action">
        {scope.category !== 'identity' ? (
          <ChangeButton
            label="Revoke"
            name={`Revoke ${scope.title} for ${account} on ${providerName}`}
            onClick={() => void planChange(connectionId, { remove: [scope.scope] }, PLACES.settingsPermissions)}
          />
        ) : (
          <span className="keeps-signed-in">Keeps you signed in</span>
        )}
      </td>
    </tr>
  );
}
