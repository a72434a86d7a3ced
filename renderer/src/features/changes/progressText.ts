import type { ChangeProgress } from '../../../../shared/ipc/contract';

/** "Step 2 of 2: …" from the latest change:progress event; steps count from 0 on the wire. */
export function progressText(progress: Pick<ChangeProgress, 'step' | 'of' | 'description'> | null): string {
  return progress === null ? 'Starting…' : `Step ${progress.step + 1} of ${progress.of}: ${progress.description}`;
}
