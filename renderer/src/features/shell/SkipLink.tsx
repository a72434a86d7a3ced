import type { JSX } from 'react';
import { MAIN_ID } from './MainPane';

/** The first Tab stop: past the header and the sidebar, straight to what is selected. */
export function SkipLink(): JSX.Element {
  return (
    <a
      className="skip-link"
      href={`#${MAIN_ID}`}
      onClick={(event) => {
        // Move focus, not only the scroll position, so the next Tab starts inside the main area.
        event.preventDefault();
        document.getElementById(MAIN_ID)?.focus();
      }}
    >
      Skip to main content
    </a>
  );
}
