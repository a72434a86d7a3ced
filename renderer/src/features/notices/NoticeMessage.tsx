import type { JSX } from 'react';
import { useAppStore } from '../../store';

/** A neutral message that belongs to no control in particular, at the top of the window. */
export function NoticeMessage(): JSX.Element | null {
  const notice = useAppStore((s) => (s.messagePlace === null ? s.notice : null));
  if (notice === null) return null;
  return (
    <p className="panel notice" role="status">
      {notice}
    </p>
  );
}
