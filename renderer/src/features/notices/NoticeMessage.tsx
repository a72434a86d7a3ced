import type { JSX } from 'react';
import { useAppStore } from '../../store';

/** A neutral message about the last action (a cancelled sign-in, a forgotten account). */
export function NoticeMessage(): JSX.Element | null {
  const notice = useAppStore((s) => s.notice);
  if (notice === null) return null;
  return (
    <p className="panel notice" role="status">
      {notice}
    </p>
  );
}
