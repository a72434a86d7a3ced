import type { JSX, ReactNode } from 'react';
import { PlannedChange } from '../changes/PlannedChange';
import { FlowStatus } from '../flow/FlowStatus';
import { ErrorAlert } from '../notices/ErrorAlert';
import { NoticeMessage } from '../notices/NoticeMessage';
import { SetAsideNotice } from '../vault/SetAsideNotice';
import { VaultNotice } from '../vault/VaultNotice';
import { AfterFirstRender } from '../../ui/AfterFirstRender';

/** Where the skip link lands. */
export const MAIN_ID = 'main-content';

/**
 * The window's main area, scrolled on its own beside the sidebar. Messages that belong to no
 * control (the vault, a list that did not load) and a running sign-in show at its top. Only an
 * error can be there in the window's first render (the list did not load); the rest come with
 * what is loaded after the list, and render from the render after the first.
 */
export function MainPane({ children }: { children: ReactNode }): JSX.Element {
  return (
    <main id={MAIN_ID} className="pane" tabIndex={-1}>
      <AfterFirstRender>
        <VaultNotice />
        <SetAsideNotice />
      </AfterFirstRender>
      <ErrorAlert />
      <AfterFirstRender>
        <NoticeMessage />
        <FlowStatus />
        <PlannedChange />
      </AfterFirstRender>
      {children}
    </main>
  );
}
