import type { JSX } from 'react';
import type { DeviceCodeView } from '../../../../shared/ipc/contract';
import { useAppStore } from '../../store';
import { CopyButton } from '../../ui/CopyButton';
import { localTime } from '../../ui/dateTime';

/**
 * Connecting with a code (RFC 8628): the code to type, where to type it, and the page opened on
 * request. Before the provider has answered, says that the code is on its way.
 */
export function DeviceCode({ device, providerName }: { device: DeviceCodeView | null; providerName: string }): JSX.Element {
  const openDevicePage = useAppStore((s) => s.openDevicePage);
  if (device === null) return <p>Asking {providerName} for a code…</p>;
  return (
    <div className="device-code">
      <p>
        On {providerName}’s page, <code aria-label="Address to open">{device.verificationUri}</code>, enter this code:
      </p>
      <p className="device-code-value">
        <code aria-label="Code to enter">{device.userCode}</code>
      </p>
      <p className="field-hint">The code works until {localTime(device.expiresAt)}.</p>
      <div className="device-code-actions">
        <CopyButton text={device.userCode} label="Copy code" />
        <button type="button" className="primary" onClick={() => void openDevicePage()}>
          Open {providerName}’s page
        </button>
      </div>
    </div>
  );
}
