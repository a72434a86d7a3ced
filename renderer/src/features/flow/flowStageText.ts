import type { ActiveFlowStage } from '../../store';

/** What a running sign-in is doing, in words. */
export function flowStageText(stage: ActiveFlowStage): string {
  switch (stage) {
    case 'opening-browser':
      return 'Opening your browser…';
    case 'waiting-for-callback':
      return 'Waiting for you to finish in the browser…';
    case 'waiting-for-device':
      return 'Waiting for you to enter the code…';
    case 'exchanging-code':
      return 'Finishing up…';
    case 'saving':
      return 'Saving…';
  }
}
