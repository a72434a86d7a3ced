import type { JSX } from 'react';
import { useAppStore } from '../../store';

/** What the main process reported about the saved-connections file at start-up. */
export function VaultNotice(): JSX.Element | null {
  const vault = useAppStore((s) => s.app?.vault);
  const dismissed = useAppStore((s) => s.vaultNoticeDismissed);
  const dismiss = useAppStore((s) => s.dismissVaultNotice);
  const showInFolder = useAppStore((s) => s.showInFolder);
  if (vault === undefined) return null;

  const showRecovered = vault.recovered !== undefined && !dismissed;
  const locked = vault.state === 'locked';
  if (!showRecovered && !locked) return null;

  return (
    <>
      {locked && (
        <div className="panel alert" role="alert">
          <p>
            Scopekeeper cannot open your saved connections.{' '}
            {vault.lockedReason ?? 'Secure storage on this computer is not available right now.'}
          </p>
        </div>
      )}
      {showRecovered && vault.recovered !== undefined && (
        <div className="panel alert" role="alert">
          <p>
            Your saved connections file could not be read, so it was moved aside as{' '}
            <code className="path">{vault.recovered.fileName}</code> in Scopekeeper&apos;s data folder. Connections you
            add now are saved in a new file.
          </p>
          <button type="button" onClick={() => void showInFolder('recovered-vault')}>
            Show in folder
          </button>
          <button type="button" onClick={dismiss}>
            Dismiss
          </button>
        </div>
      )}
    </>
  );
}
