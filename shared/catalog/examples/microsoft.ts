import type { OperationExample } from './types';

/**
 * Requests copied from the provider's own API reference, one or more per operation the catalog
 * declares for it (see operationCoverage.test.ts). Test data only: product code never imports it.
 *
 * Each is the example request of the Graph v1.0 reference page cited. The OneDrive pages write
 * their requests relative to the Graph root (`PATCH /me/drive/items/{item-id}`); those are
 * prefixed with https://graph.microsoft.com/v1.0. Some pages show a slash before the query
 * (`/mailFolders/?includeHiddenFolders=true`): the broker refuses empty path segments, so those
 * are not used.
 */
const api = (page: string) => `https://learn.microsoft.com/en-us/graph/api/${page}?view=graph-rest-1.0`;
const G = 'https://graph.microsoft.com/v1.0';

type Row = readonly [action: string, method: OperationExample['method'], path: string, page: string];

const rows: readonly Row[] = [
  ['sign-in', 'GET', '/me', 'user-get'],

  ['read-email', 'GET', '/me/messages?$select=sender,subject', 'user-list-messages'],
  ['read-email', 'GET', '/me/messages/AAMkADhMGAAA=', 'message-get'],
  ['read-email', 'GET', '/me/messages/4aade2547798441eab5188a7a2436bc1/$value', 'message-get'],
  ['read-email', 'GET', '/me/mailFolders', 'user-list-mailfolders'],
  ['read-email', 'GET', '/me/mailFolders/AAMkAGVmMDEzMTM4LTZmYWUtNDdkNC1hMDZiLTU1OGY5OTZhYmY4OAAuAAAAAAAiQ8W967B7TKBjgx9rVEURAQAiIsqMbYjsT5e-T7KzowPTAAAAAAFNAAA=/messages', 'mailfolder-list-messages'],
  ['read-email', 'GET', '/me/messages/{id}/attachments', 'message-list-attachments'],

  ['send-email', 'POST', '/me/sendMail', 'user-sendmail'],
  ['send-email', 'POST', '/me/messages/AAMkADA1MTAAAAqldOAAA=/reply', 'message-reply'],
  ['send-email', 'POST', '/me/messages/AAMkADA1MTAAAAqldOAAA=/forward', 'message-forward'],

  ['organize-email', 'PATCH', '/me/messages/{id}', 'message-update'],
  ['organize-email', 'POST', '/me/messages/AAMkADhAAATs28OAAA=/move', 'message-move'],
  ['organize-email', 'DELETE', '/me/messages/{id}', 'message-delete'],

  ['read-calendar', 'GET', '/me/events?$select=subject,body,bodyPreview,organizer,attendees,start,end,location', 'user-list-events'],
  ['read-calendar', 'GET', '/me/events/AAMkAGIAAAoZDOFAAA=?$select=subject,body,bodyPreview,organizer,attendees,start,end,location,hideAttendees', 'event-get'],
  ['read-calendar', 'GET', '/me/calendarView?startDateTime=2016-01-01T19:00:00.0000000&endDateTime=2016-10-01T19:00:00.0000000', 'user-list-calendarview'],
  ['read-calendar', 'GET', '/me/calendars', 'user-list-calendars'],

  ['create-calendar-events', 'POST', '/me/events', 'user-post-events'],
  ['create-calendar-events', 'POST', '/me/calendars/AAMkAGViNDU7zAAAAAGtlAAA=/events', 'calendar-post-events'],

  ['read-files', 'GET', '/me/drive/root/children', 'driveitem-list-children'],
  ['read-files', 'GET', '/me/drive/items/{item-id}/children', 'driveitem-list-children'],
  ['read-files', 'GET', '/me/drive/items/{item-id}', 'driveitem-get'],
  ['read-files', 'GET', '/me/drive/items/{item-id}/content', 'driveitem-get-content'],

  ['edit-files', 'POST', '/me/drive/items/{parent-item-id}/children', 'driveitem-post-children'],
  ['edit-files', 'PUT', '/me/drive/items/{item-id}/content', 'driveitem-put-content'],
  ['edit-files', 'PATCH', '/me/drive/items/{item-id}', 'driveitem-update'],
  ['edit-files', 'DELETE', '/me/drive/items/{item-id}', 'driveitem-delete'],

  ['read-contacts', 'GET', '/me/contacts', 'user-list-contacts'],
  ['read-contacts', 'GET', '/me/contacts/AAMkAGI2THk0AAA=', 'contact-get'],
  ['read-contacts', 'GET', '/me/contactFolders', 'user-list-contactfolders'],

  ['read-chats', 'GET', '/me/chats', 'chat-list'],
  ['read-chats', 'GET', '/chats/19:b8577894a63548969c5c92bb9c80c5e1@thread.v2', 'chat-get'],
  ['read-chats', 'GET', '/chats/19:2da4c29f6d7041eca70b638b43d45437@thread.v2/messages?$top=2', 'chat-list-messages'],
  ['read-chats', 'GET', '/chats/19:2da4c29f6d7041eca70b638b43d45437@thread.v2/messages/1615971548136', 'chatmessage-get'],

  ['send-chat-message', 'POST', '/chats/19:2da4c29f6d7041eca70b638b43d45437@thread.v2/messages', 'chat-post-messages'],

  ['post-in-channel', 'GET', '/me/joinedTeams', 'user-list-joinedteams'],
  ['post-in-channel', 'GET', '/teams/893075dd-2487-4122-925f-022c42e20265/channels', 'channel-list'],
  ['post-in-channel', 'POST', '/teams/fbe2bf47-16c8-47cf-b4a5-4b9b187c508b/channels/19:4a95f7d8db4c4e7fae857bcebe0623e6@thread.tacv2/messages', 'channel-post-messages'],
  ['post-in-channel', 'POST', '/teams/fbe2bf47-16c8-47cf-b4a5-4b9b187c508b/channels/19:4a95f7d8db4c4e7fae857bcebe0623e6@thread.tacv2/messages/1616990032035/replies', 'chatmessage-post-replies'],

  ['read-tasks', 'GET', '/me/todo/lists', 'todo-list-lists'],
  ['read-tasks', 'GET', '/me/todo/lists/AAMkADA1MTHgwAAA=/tasks', 'todotasklist-list-tasks'],
  ['read-tasks', 'GET', '/me/todo/lists/AAMkADA1MTHgwAAA=/tasks/721a35e2-35e2-721a-e235-1a72e2351a72', 'todotask-get'],
];

export const examples: readonly OperationExample[] = rows.map(([action, method, path, page]) => ({ action, method, url: `${G}${path}`, source: api(page) }));
