import { useDeferredValue } from 'react';
import { useAppStore } from '../../store';

/**
 * The permission search as the filtered views read it: deferred, so a keystroke paints in the
 * field at once and the lists, counts and sidebar rows follow in a render React may interrupt for
 * the next keystroke (useDeferredValue). The field itself reads `permissionQuery` directly.
 */
export function useSearchQuery(): string {
  return useDeferredValue(useAppStore((s) => s.permissionQuery));
}
