import { StrictMode } from 'react';
import type { JSX } from 'react';
import { App } from './App';

/** The whole window, as main.tsx mounts it and as the build prerenders its first frame (shell.tsx). */
export function Root(): JSX.Element {
  return (
    <StrictMode>
      <App />
    </StrictMode>
  );
}
