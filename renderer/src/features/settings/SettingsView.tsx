import type { JSX } from 'react';
import { MainPane } from '../shell/MainPane';
import { CommandSettings } from './CommandSettings';
import { PermissionsSettings } from './PermissionsSettings';
import { ProvidersSettings } from './ProvidersSettings';
import { ReviewSettings } from './ReviewSettings';
import { SandboxSettings } from './SandboxSettings';

/** Settings, a view of its own: every permission in one table, the providers and their clients, the Sandbox, the command, the review. */
export function SettingsView(): JSX.Element {
  return (
    <div className="settings-view">
      <MainPane>
        <h2 className="view-title">Settings</h2>
        <PermissionsSettings />
        <ProvidersSettings />
        <SandboxSettings />
        <CommandSettings />
        <ReviewSettings />
      </MainPane>
    </div>
  );
}
