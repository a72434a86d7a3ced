import type { JSX } from 'react';
import { useAppStore } from '../../store';
import { LocalDateTime } from '../../ui/LocalDateTime';

/**
 * When any tool last used the connection (a call that reached the provider, or a token handed
 * out), from the broker's usage log. Said only once a tool was involved with it; before its usage
 * has loaded, nothing.
 */
export function LastUsed({ connectionId }: { connectionId: string }): JSX.Element | null {
  const usage = useAppStore((s) => s.usage[connectionId]);
  if (!usage?.toolsInvolved) return null;
  return (
    <p className="last-used">
      {usage.lastUsedAt ? (
        <>
          Last used by a tool <LocalDateTime iso={usage.lastUsedAt} />
        </>
      ) : (
        'No tool has used it yet'
      )}
    </p>
  );
}
