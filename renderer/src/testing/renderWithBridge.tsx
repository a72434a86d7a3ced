import { cleanup, render } from '@testing-library/react';
import type { RenderResult } from '@testing-library/react';
import type { ReactElement } from 'react';
import { setBridgeForTests } from '../bridge';
import { appStore } from '../store';
import { createFakeBridge } from './fakeBridge';
import type { FakeBridge, FakeBridgeData } from './fakeBridge';

// Tell React this is a test environment so state updates inside act() are flushed and checked.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

/** Installs a fake bridge (the real store stays), then renders. */
export function renderWithBridge(ui: ReactElement, data?: FakeBridgeData): RenderResult & { bridge: FakeBridge } {
  const bridge = createFakeBridge(data);
  setBridgeForTests(bridge.api);
  return { ...render(ui), bridge };
}

/** Unmounts, unsubscribes, and puts the app store back to its first state. */
export function resetApp(): void {
  cleanup();
  appStore.getState().dispose();
  appStore.setState(appStore.getInitialState(), true);
  setBridgeForTests(null);
}
