import type { OperationExample } from './types';

/**
 * Requests copied from the provider's own API reference, one or more per operation the catalog
 * declares for it (see operationCoverage.test.ts). Test data only: product code never imports it.
 *
 * Google's reference pages show each method's HTTP request line with its path parameters as
 * placeholders (`{userId}`; the Calendar v3 pages write them bare, `calendarId`); guides show
 * filled-in requests. Both are copied as printed.
 */
const GMAIL = 'https://developers.google.com/workspace/gmail/api/reference/rest/v1/';
const CALENDAR = 'https://developers.google.com/workspace/calendar/api/v3/reference/';
const DRIVE = 'https://developers.google.com/workspace/drive/api/reference/rest/v3/';
const SHEETS = 'https://developers.google.com/workspace/sheets/api/reference/rest/v4/';
const TASKS = 'https://developers.google.com/workspace/tasks/reference/rest/v1/';

type Row = readonly [action: string, method: OperationExample['method'], url: string, source: string];

const rows: readonly Row[] = [
  ['sign-in', 'GET', 'https://openidconnect.googleapis.com/v1/userinfo', 'https://developers.google.com/identity/openid-connect/openid-connect#obtaininguserprofileinformation'],

  ['read-email', 'GET', 'https://gmail.googleapis.com/gmail/v1/users/{userId}/messages', `${GMAIL}users.messages/list`],
  ['read-email', 'GET', 'https://gmail.googleapis.com/gmail/v1/users/{userId}/messages/{id}', `${GMAIL}users.messages/get`],
  ['read-email', 'GET', 'https://gmail.googleapis.com/gmail/v1/users/{userId}/messages/{messageId}/attachments/{id}', `${GMAIL}users.messages.attachments/get`],
  ['read-email', 'GET', 'https://gmail.googleapis.com/gmail/v1/users/{userId}/threads', `${GMAIL}users.threads/list`],
  ['read-email', 'GET', 'https://gmail.googleapis.com/gmail/v1/users/{userId}/threads/{id}', `${GMAIL}users.threads/get`],
  ['read-email', 'GET', 'https://gmail.googleapis.com/gmail/v1/users/{userId}/drafts', `${GMAIL}users.drafts/list`],
  ['read-email', 'GET', 'https://gmail.googleapis.com/gmail/v1/users/{userId}/drafts/{id}', `${GMAIL}users.drafts/get`],

  ['see-email-headers', 'GET', 'https://gmail.googleapis.com/gmail/v1/users/{userId}/profile', `${GMAIL}users/getProfile`],
  ['see-email-headers', 'GET', 'https://gmail.googleapis.com/gmail/v1/users/{userId}/labels', `${GMAIL}users.labels/list`],
  ['see-email-headers', 'GET', 'https://gmail.googleapis.com/gmail/v1/users/{userId}/labels/{id}', `${GMAIL}users.labels/get`],
  ['see-email-headers', 'GET', 'https://gmail.googleapis.com/gmail/v1/users/{userId}/history', `${GMAIL}users.history/list`],

  ['send-email', 'POST', 'https://gmail.googleapis.com/gmail/v1/users/{userId}/messages/send', `${GMAIL}users.messages/send`],

  ['organize-email', 'POST', 'https://gmail.googleapis.com/gmail/v1/users/{userId}/messages/{id}/modify', `${GMAIL}users.messages/modify`],
  ['organize-email', 'POST', 'https://gmail.googleapis.com/gmail/v1/users/{userId}/messages/batchModify', `${GMAIL}users.messages/batchModify`],
  ['organize-email', 'POST', 'https://gmail.googleapis.com/gmail/v1/users/{userId}/threads/{id}/modify', `${GMAIL}users.threads/modify`],

  ['delete-email-forever', 'DELETE', 'https://gmail.googleapis.com/gmail/v1/users/{userId}/messages/{id}', `${GMAIL}users.messages/delete`],
  ['delete-email-forever', 'POST', 'https://gmail.googleapis.com/gmail/v1/users/{userId}/messages/batchDelete', `${GMAIL}users.messages/batchDelete`],
  ['delete-email-forever', 'DELETE', 'https://gmail.googleapis.com/gmail/v1/users/{userId}/threads/{id}', `${GMAIL}users.threads/delete`],

  ['read-calendar', 'GET', 'https://www.googleapis.com/calendar/v3/calendars/calendarId/events', `${CALENDAR}events/list`],
  ['read-calendar', 'GET', 'https://www.googleapis.com/calendar/v3/calendars/calendarId/events/eventId', `${CALENDAR}events/get`],
  ['read-calendar', 'GET', 'https://www.googleapis.com/calendar/v3/calendars/calendarId/events/eventId/instances', `${CALENDAR}events/instances`],

  ['create-calendar-events', 'POST', 'https://www.googleapis.com/calendar/v3/calendars/calendarId/events', `${CALENDAR}events/insert`],
  ['create-calendar-events', 'POST', 'https://www.googleapis.com/calendar/v3/calendars/calendarId/events/quickAdd', `${CALENDAR}events/quickAdd`],

  ['check-availability', 'POST', 'https://www.googleapis.com/calendar/v3/freeBusy', `${CALENDAR}freebusy/query`],

  ['open-picked-files', 'POST', 'https://www.googleapis.com/drive/v3/files', `${DRIVE}files/create`],
  ['open-picked-files', 'POST', 'https://www.googleapis.com/upload/drive/v3/files', `${DRIVE}files/create`],
  ['open-picked-files', 'PATCH', 'https://www.googleapis.com/drive/v3/files/{fileId}', `${DRIVE}files/update`],
  ['open-picked-files', 'PATCH', 'https://www.googleapis.com/upload/drive/v3/files/{fileId}', `${DRIVE}files/update`],

  ['read-all-files', 'GET', 'https://www.googleapis.com/drive/v3/files', `${DRIVE}files/list`],
  ['read-all-files', 'GET', 'https://www.googleapis.com/drive/v3/files/{fileId}', `${DRIVE}files/get`],
  ['read-all-files', 'GET', 'https://www.googleapis.com/drive/v3/files/{fileId}/export', `${DRIVE}files/export`],

  ['read-spreadsheets', 'GET', 'https://sheets.googleapis.com/v4/spreadsheets/{spreadsheetId}', `${SHEETS}spreadsheets/get`],
  ['read-spreadsheets', 'GET', 'https://sheets.googleapis.com/v4/spreadsheets/{spreadsheetId}/values/{range}', `${SHEETS}spreadsheets.values/get`],
  ['read-spreadsheets', 'GET', 'https://sheets.googleapis.com/v4/spreadsheets/{spreadsheetId}/values:batchGet', `${SHEETS}spreadsheets.values/batchGet`],

  ['edit-spreadsheets', 'PUT', 'https://sheets.googleapis.com/v4/spreadsheets/{spreadsheetId}/values/{range}', `${SHEETS}spreadsheets.values/update`],
  ['edit-spreadsheets', 'POST', 'https://sheets.googleapis.com/v4/spreadsheets/{spreadsheetId}/values:batchUpdate', `${SHEETS}spreadsheets.values/batchUpdate`],

  ['read-documents', 'GET', 'https://docs.googleapis.com/v1/documents/{documentId}', 'https://developers.google.com/workspace/docs/api/reference/rest/v1/documents/get'],

  // The reference writes connections.list as `{resourceName=people/*}/connections`; the guide's request fills it in.
  ['read-contacts', 'GET', 'https://people.googleapis.com/v1/people/me/connections?personFields=names,emailAddresses', 'https://developers.google.com/people/v1/contacts'],
  ['read-contacts', 'GET', 'https://people.googleapis.com/v1/people:searchContacts', 'https://developers.google.com/people/api/rest/v1/people/searchContacts'],

  ['read-tasks', 'GET', 'https://tasks.googleapis.com/tasks/v1/users/@me/lists', `${TASKS}tasklists/list`],
  ['read-tasks', 'GET', 'https://tasks.googleapis.com/tasks/v1/users/@me/lists/{tasklist}', `${TASKS}tasklists/get`],
  ['read-tasks', 'GET', 'https://tasks.googleapis.com/tasks/v1/lists/{tasklist}/tasks', `${TASKS}tasks/list`],
  ['read-tasks', 'GET', 'https://tasks.googleapis.com/tasks/v1/lists/{tasklist}/tasks/{task}', `${TASKS}tasks/get`],
];

export const examples: readonly OperationExample[] = rows.map(([action, method, url, source]) => ({ action, method, url, source }));
