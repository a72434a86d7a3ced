import type { JSX } from 'react';
import type { TimeBoxView } from '../../../shared/ipc/contract';
import { TIME_BOX_LABELS, timeLeftText } from '../../../shared/timeBox';
import { useLocalDateTime } from './LocalDateTime';
import { useNow } from './useNow';

/**
 * "Expires in 23 h" for access given for a while, counted from the end core keeps and takes it back
 * at (the same `until`); the exact time and what was chosen in its title.
 */
export function TimeLeft({ box }: { box: TimeBoxView }): JSX.Element {
  const now = useNow();
  const until = useLocalDateTime(box.until);
  return (
    <span className="time-left" title={until && `Given for ${TIME_BOX_LABELS[box.chosen]}; taken back ${until}`}>
      <time dateTime={box.until}>{timeLeftText(box.until, now)}</time>
    </span>
  );
}
