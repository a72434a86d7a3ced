import { useRef } from 'react';
import type { JSX, KeyboardEvent } from 'react';
import { useAppStore } from '../../store';
import { SETTINGS_SECTIONS } from '../../store/places';
import type { SettingsSection } from '../../store/places';
import { listKeyTarget } from '../../ui/listKeys';

/** Each section's name in the side list (and its panel's accessible name). */
export const SECTION_LABELS: Record<SettingsSection, string> = {
  permissions: 'Permissions',
  providers: 'Providers and clients',
  sandbox: 'Sandbox',
  general: 'General',
  notifications: 'Notifications',
  policy: 'Policy',
  'remove-all': 'Remove all',
};

export const SETTINGS_HEADING_ID = 'settings-heading';
export const settingsPanelId = (section: SettingsSection): string => `settings-panel-${section}`;
/** The tab of a section names its panel. */
export const settingsTabId = (section: SettingsSection): string => `settings-tab-${section}`;

/**
 * Settings' sections as a vertical tab list beside the one shown: one Tab stop (the chosen
 * section), arrow keys, Home and End move between sections and show each at once, as the
 * connections' list does.
 */
export function SettingsNav(): JSX.Element {
  const section = useAppStore((s) => s.settingsSection);
  const show = useAppStore((s) => s.showSettingsSection);
  const listRef = useRef<HTMLDivElement>(null);
  const index = SETTINGS_SECTIONS.indexOf(section);

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>): void {
    const target = listKeyTarget(event.key, index, SETTINGS_SECTIONS.length);
    if (target === undefined) return;
    event.preventDefault();
    const next = SETTINGS_SECTIONS[target]!;
    show(next);
    listRef.current?.querySelector<HTMLElement>(`#${settingsTabId(next)}`)?.focus();
  }

  return (
    <nav className="sidebar side-list" aria-labelledby={SETTINGS_HEADING_ID}>
      <h2 id={SETTINGS_HEADING_ID} className="sidebar-heading">
        Settings
      </h2>
      <div ref={listRef} role="tablist" aria-orientation="vertical" aria-labelledby={SETTINGS_HEADING_ID} className="side-tabs" onKeyDown={onKeyDown}>
        {SETTINGS_SECTIONS.map((item) => (
          <button
            key={item}
            id={settingsTabId(item)}
            type="button"
            role="tab"
            aria-selected={item === section}
            // Only the chosen section's panel exists: the others point at nothing.
            aria-controls={item === section ? settingsPanelId(item) : undefined}
            tabIndex={item === section ? 0 : -1}
            className={item === section ? 'side-tab current' : 'side-tab'}
            onClick={() => show(item)}
          >
            {SECTION_LABELS[item]}
          </button>
        ))}
      </div>
    </nav>
  );
}
