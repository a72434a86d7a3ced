import type { BrokerApprovalRequest } from '../../../shared/ipc/contract';
import type { AppNotification, Attention, Notifier } from '../ports';

/**
 * A tool's question for the person: the window comes forward (the Attention port), and when the
 * person could not see the window as it was asked (hidden, minimised, behind another app) a
 * 'tool-asks' notification says who asks; clicking it opens the question.
 */
export function questionAttention(attention: Attention | undefined, notify: Notifier): (request: BrokerApprovalRequest) => void {
  return (request) => {
    // Asked before it comes forward, which puts it in view.
    if (attention?.inView?.() === false) notify.show(toolAsksNotification(request));
    attention?.bringForward();
  };
}

export function toolAsksNotification(request: BrokerApprovalRequest): AppNotification {
  const tool = request.tool.name;
  const where = request.connection ? `${request.providerName} (${request.connection.account})` : request.providerName;
  const title =
    request.kind === 'confirm'
      ? `${tool} waits for you to confirm a call`
      : request.kind === 'step-up'
        ? `${tool} asks for more access to ${request.providerName}`
        : `${tool} asks to use ${request.providerName}`;
  const actions = request.actions.map((action) => action.title);
  const what = actions.length > 0 ? `${actions.slice(0, 2).join(', ')}${actions.length > 2 ? ` and ${actions.length - 2} more` : ''}` : 'access';
  return {
    kind: 'tool-asks',
    title,
    body: `${what} at ${where}. Open Scopekeeper to answer; the tool waits until you do.`,
    opens: { requestId: request.requestId },
  };
}
