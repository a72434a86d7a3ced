import type { JSX } from 'react';
import { useAppStore } from '../../store';
import { ACCESS_LABELS } from '../../ui/scopeLabels';
import { ChangeButton } from '../changes/ChangeButton';
import type { PermissionRow } from './permissionRows';

/** One granted scope of one account; identity scopes cannot be revoked on their own. */
export function PermissionTableRow({ row }: { row: PermissionRow }): JSX.Element {
  const planChange = useAppStore((s) => s.planChange);
  const { connectionId, providerName, account, scope } = row;
  return (
    <tr>
      <td>{providerName}</td>
      <td>{account}</td>
      <td>
        <span className="scope-title">{scope.title}</span> <code className="scope-id">{scope.scope}</code>
      </td>
      <td>{ACCESS_LABELS[scope.access]}</td>
      <td>
        {scope.grantedAt !== undefined ? (
          <time dateTime={scope.grantedAt}>{new Date(scope.grantedAt).toLocaleString()}</time>
        ) : (
          <span className="placeholder">Not recorded</span>
        )}
      </td>
      <td>
        {scope.category !== 'identity' && (
          <ChangeButton
            label="Revoke"
            name={`Revoke ${scope.scope} for ${account} on ${providerName}`}
            onClick={() => void planChange(connectionId, { remove: [scope.scope] })}
          />
        )}
      </td>
    </tr>
  );
}
