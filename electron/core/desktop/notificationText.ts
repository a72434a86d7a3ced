import type { AppNotification } from '../ports';

const MAX_TITLE = 120;
const MAX_BODY = 400;
// Control characters (a tool's or a provider's name could carry them): dropped, lines joined.
// eslint-disable-next-line no-control-regex -- matching them is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;

/**
 * What the system's notification shows. Names in it come from outside (a tool names itself, a
 * provider names the account), so: control characters dropped, lengths bounded, and on Linux the
 * body's markup characters escaped, because libnotify hands the body to a notification daemon that
 * reads it as markup (bold, links, images) per the Desktop Notifications Specification
 * (https://specifications.freedesktop.org/notification-spec/latest/markup.html); Electron sends
 * it as given. Titles are plain text everywhere.
 */
export function notificationText(notification: Pick<AppNotification, 'title' | 'body'>, platform: NodeJS.Platform): { title: string; body: string } {
  const body = bounded(notification.body, MAX_BODY);
  return {
    title: bounded(notification.title, MAX_TITLE),
    body: platform === 'linux' ? body.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;') : body,
  };
}

function bounded(text: string, max: number): string {
  const plain = text.replace(CONTROL, ' ').trim();
  return plain.length <= max ? plain : `${plain.slice(0, max - 1)}…`;
}
