import type { JSX, ReactNode } from 'react';
import { PlannedChange } from '../changes/PlannedChange';
import { FlowStatus } from '../flow/FlowStatus';
import { ErrorAlert } from '../notices/ErrorAlert';
import { NoticeMessage } from '../notices/NoticeMessage';
import { SetAsideNotice } from '../vault/SetAsideNotice';
import { VaultNotice } from '../vault/VaultNotice';

/** Where the skip link lands. */
export const MAIN_ID = 'main-content';

/**
 * The window's main area, scrolled on its own beside the sidebar. Messages that belong to no
 * control (the vault, a list that did not load) and a running sign-in show at its top.
 */
export function MainPane({ children }: { children: ReactNode }): JSX.Element {
  return (
    <main id={MAIN_ID} className="pane" tabIndex={-1}>
      <VaultNotice />
      <SetAsideNotice />
      <ErrorAlert />
      <NoticeMessage />
      <FlowStatus />
      <PlannedChange />
      {children}
    </main>
  );
}
