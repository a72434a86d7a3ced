import { useEffect, useRef } from 'react';
import type { JSX } from 'react';
import type { DeviceCodeView } from '../../../../shared/ipc/contract';
import { useAppStore } from '../../store';
import { CopyButton } from '../../ui/CopyButton';
import { localTime } from '../../ui/dateTime';

/**
 * Connecting with a code (RFC 8628): the code to type, where to type it, and the page opened on
 * request. Before the provider has answered, says that the code is on its way. When the code
 * appears, focus moves to its heading (`takeFocus`: the person started this sign-in here), so a
 * screen reader reads the instructions and the code next, not the Cancel button.
 */
export function DeviceCode({ device, providerName, takeFocus }: { device: DeviceCodeView | null; providerName: string; takeFocus: boolean }): JSX.Element {
  const openDevicePage = useAppStore((s) => s.openDevicePage);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const userCode = device?.userCode;
  useEffect(() => {
    // Once per code: a later progress event with the same code leaves focus where the person put it.
    if (userCode !== undefined && takeFocus) headingRef.current?.focus();
  }, [userCode, takeFocus]);

  if (device === null) return <p>Asking {providerName} for a code…</p>;
  return (
    <div className="device-code">
      <h3 ref={headingRef} className="device-code-heading" tabIndex={-1}>
        Enter this code on {providerName}’s page
      </h3>
      <div className="device-code-value" role="group" aria-label="Code to enter">
        <code>{device.userCode}</code>
      </div>
      <p>
        {providerName}’s page:{' '}
        <span role="group" aria-label="Address to open">
          <code>{device.verificationUri}</code>
        </span>
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
