import type { FlowPurpose, StepUpEnded } from '../../../shared/ipc/contract';
import type { NoticeTone } from './statusSlice';

/** “Create and change your files”, “See your files” */
function quoted(titles: readonly string[]): string {
  return titles.map((title) => `“${title}”`).join(', ');
}

/** What the sign-in panel says while a tool's step-up runs: "Adding “Create and change your files” for notes-agent". */
export function addingText(purpose: FlowPurpose): string {
  return `Adding ${quoted(purpose.adding)} for ${purpose.tool}`;
}

/** How a tool's step-up ended, in a sentence, for the place where its sign-in panel was; null for a failure (an alert says it). */
export function stepUpEndedText(ended: StepUpEnded): { text: string; tone: NoticeTone } | null {
  const { tool, providerName } = ended;
  switch (ended.result) {
    case 'added':
      return { text: `Added ${quoted(ended.adding)} for ${tool}.`, tone: 'success' };
    case 'not-granted':
      return {
        text: `${providerName} did not grant ${quoted(ended.notGranted.length > 0 ? ended.notGranted : ended.adding)}, so ${tool}’s call was refused.`,
        tone: 'warning',
      };
    case 'cancelled':
      return { text: `Cancelled: ${quoted(ended.adding)} was not added, so ${tool}’s call was refused.`, tone: 'info' };
    case 'denied':
      return { text: `You chose not to allow ${quoted(ended.adding)} on ${providerName}’s page, so ${tool}’s call was refused.`, tone: 'info' };
    case 'failed':
      return null;
  }
}
