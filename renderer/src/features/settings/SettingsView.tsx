import type { JSX } from 'react';
import { MainPane } from '../shell/MainPane';
import { CommandSettings } from './CommandSettings';
import { GeneralSettings } from './GeneralSettings';
import { NotificationSettings } from './NotificationSettings';
import { PermissionsSettings } from './PermissionsSettings';
import { ProvidersSettings } from './ProvidersSettings';
import { RemoveAllSettings } from './RemoveAllSettings';
import { ReviewSettings } from './ReviewSettings';
import { SandboxSettings } from './SandboxSettings';

/** Settings, a view of its own: general switches, every permission in one table, the providers and their clients, notifications, the review, the Sandbox, the command, Remove all. */
export function SettingsView(): JSX.Element {
  return (
    <div className="settings-view">
      <MainPane>
        <h2 className="view-title">Settings</h2>
        <GeneralSettings />
        <PermissionsSettings />
        <ProvidersSettings />
        <NotificationSettings />
        <ReviewSettings />
        <SandboxSettings />
        <CommandSettings />
        <RemoveAllSettings />
      </MainPane>
    </div>
  );
}
