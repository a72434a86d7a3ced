import { useId } from 'react';
import type { JSX } from 'react';
import { useAppStore } from '../../store';
import { PLACES } from '../../store/places';
import { Feedback } from '../notices/Feedback';

/** One switch of Settings → General, with the sentence that says what it does. */
function Switch({ label, hint, checked, onChange }: { label: string; hint: string; checked: boolean; onChange(on: boolean): void }): JSX.Element {
  const hintId = useId();
  const saving = useAppStore((s) => s.savingBackground);
  return (
    <div className="setting-switch">
      <label>
        <input type="checkbox" role="switch" checked={checked} disabled={saving} aria-describedby={hintId} onChange={(e) => onChange(e.currentTarget.checked)} /> {label}
      </label>
      <p id={hintId} className="field-hint">
        {hint}
      </p>
    </div>
  );
}

/**
 * Settings → General: running in the background. Kept in the vault's settings by every host; the
 * installed app acts on them (its tray, the system's login items), the browser preview does not.
 */
export function GeneralSettings(): JSX.Element {
  const background = useAppStore((s) => s.background);
  const setBackground = useAppStore((s) => s.setBackground);
  const headingId = `${useId()}-heading`;
  return (
    <section className="section general-settings" aria-labelledby={headingId}>
      <h3 id={headingId}>General</h3>
      {background && (
        <>
          <Switch
            label="Start at login"
            hint="Applies to the installed app on macOS and Windows: Scopekeeper starts when you log in, so your tools can reach it. On Linux, add Scopekeeper to your desktop’s startup applications instead."
            checked={background.startAtLogin}
            onChange={(startAtLogin) => void setBackground({ startAtLogin })}
          />
          <Switch
            label="Keep running when the window is closed"
            hint="Closing the window leaves Scopekeeper running in the menu bar or system tray, where you can open it, pause tools or quit. Off: closing the window quits."
            checked={background.keepRunning}
            onChange={(keepRunning) => void setBackground({ keepRunning })}
          />
        </>
      )}
      <Feedback place={PLACES.general} />
    </section>
  );
}
