import type { JSX } from 'react';
import { useAppStore } from '../../store';
import type { SettingsSection } from '../../store/places';
import { MainPane } from '../shell/MainPane';
import { CommandSettings } from './CommandSettings';
import { GeneralSettings } from './GeneralSettings';
import { NotificationSettings } from './NotificationSettings';
import { PermissionsSettings } from './PermissionsSettings';
import { PolicySettings } from './PolicySettings';
import { ProvidersSettings } from './ProvidersSettings';
import { RemoveAllSettings } from './RemoveAllSettings';
import { ReviewSettings } from './ReviewSettings';
import { NewActionsSetting } from './NewActionsSetting';
import { SandboxSettings } from './SandboxSettings';
import { settingsPanelId, SettingsNav, settingsTabId } from './SettingsNav';

/** What each section shows: the settings that were one long page, grouped. */
const SECTION_PARTS: Record<SettingsSection, readonly (() => JSX.Element)[]> = {
  permissions: [PermissionsSettings, ReviewSettings, NewActionsSetting],
  providers: [ProvidersSettings],
  sandbox: [SandboxSettings],
  general: [GeneralSettings, CommandSettings],
  notifications: [NotificationSettings],
  policy: [PolicySettings],
  'remove-all': [RemoveAllSettings],
};

/**
 * Settings, a view of its own laid out as Connections is: its sections in a side list, the chosen
 * one beside it (the store remembers which, so coming back shows the same one).
 */
export function SettingsView(): JSX.Element {
  const section = useAppStore((s) => s.settingsSection);
  return (
    <div className="settings-view side-layout">
      <SettingsNav />
      <MainPane>
        <div key={section} id={settingsPanelId(section)} role="tabpanel" aria-labelledby={settingsTabId(section)} className="settings-panel">
          {SECTION_PARTS[section].map((Part, index) => (
            // A fixed list per section: its place is its identity.
            <Part key={index} />
          ))}
        </div>
      </MainPane>
    </div>
  );
}
