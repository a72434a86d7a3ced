import { useId, useState } from 'react';
import type { JSX } from 'react';

export interface TooltipButtonProps {
  label: string;
  /** Shown on hover and on keyboard focus; it is also the button's accessible description. */
  tooltip: string;
  className?: string;
}

/**
 * A button that explains itself in a tooltip. The tooltip opens on hover and on focus, stays
 * while the pointer is over it, and Escape hides it (WCAG 1.4.13). It stays in the DOM while
 * hidden, so aria-describedby names it either way.
 */
export function TooltipButton({ label, tooltip, className }: TooltipButtonProps): JSX.Element {
  const tooltipId = useId();
  const [hovered, setHovered] = useState(false);
  const [focused, setFocused] = useState(false);
  const [dismissed, setDismissed] = useState(false);
  const open = (hovered || focused) && !dismissed;

  return (
    <span
      className="tooltip-anchor"
      onMouseEnter={() => {
        setHovered(true);
        setDismissed(false);
      }}
      onMouseLeave={() => setHovered(false)}
    >
      <button
        type="button"
        className={className}
        aria-describedby={tooltipId}
        onFocus={() => {
          setFocused(true);
          setDismissed(false);
        }}
        onBlur={() => setFocused(false)}
        onKeyDown={(event) => {
          if (event.key === 'Escape' && open) {
            // Hide the tooltip only; do not let Escape close a dialog around it as well.
            event.stopPropagation();
            setDismissed(true);
          }
        }}
      >
        {label}
      </button>
      <span id={tooltipId} role="tooltip" className="tooltip" hidden={!open}>
        {tooltip}
      </span>
    </span>
  );
}
