import { body, flag, list, record, text, whole } from './bodyFields';
import { withOperations } from './operationTable';
import type { OperationRow } from './operationTable';
import type { ActionInfo, BodySchema, HttpMethod, ProviderInfo, ScopeInfo } from './types';

/**
 * Google OAuth 2.0 scopes. Sensitivity follows Google's own classes: the Restricted Scopes list
 * (support.google.com/cloud/answer/13464325) and each API's scope table ("Non-sensitive",
 * "Sensitive", "Restricted"). Implications follow each API method's "requires one of these scopes".
 */
const G = 'https://www.googleapis.com/auth/';

const SRC = {
  identity: 'https://developers.google.com/identity/protocols/oauth2/scopes#oauth2',
  gmail: 'https://developers.google.com/workspace/gmail/api/auth/scopes',
  calendar: 'https://developers.google.com/workspace/calendar/api/auth',
  drive: 'https://developers.google.com/workspace/drive/api/guides/api-specific-auth',
  sheets: 'https://developers.google.com/workspace/sheets/api/scopes',
  docs: 'https://developers.google.com/workspace/docs/api/auth',
  people: 'https://developers.google.com/identity/protocols/oauth2/scopes#people',
  tasks: 'https://developers.google.com/identity/protocols/oauth2/scopes#tasks',
} as const;

const identity: ScopeInfo[] = [
  {
    scope: 'openid',
    title: 'Know it is you',
    sentence: 'Lets the app confirm that you are the one signing in with your Google Account.',
    includes: ['A stable account ID for your Google Account'],
    doesNotAllow: ['Reading your email, files or calendar'],
    access: 'read',
    sensitivity: 'basic',
    category: 'identity',
    source: SRC.identity,
  },
  {
    scope: 'email',
    aliases: [`${G}userinfo.email`],
    title: 'See your email address',
    sentence: "Lets the app see your Google Account's main email address.",
    includes: ['Your primary email address', 'Whether Google has verified it'],
    doesNotAllow: ['Reading or sending your email'],
    access: 'read',
    sensitivity: 'basic',
    category: 'identity',
    source: SRC.identity,
  },
  {
    scope: 'profile',
    aliases: [`${G}userinfo.profile`],
    title: 'See your basic profile',
    sentence: 'Lets the app see your name and profile picture, and any profile details you made public.',
    includes: ['Your name', 'Your profile picture', 'Profile details you made public'],
    doesNotAllow: ['Seeing your contacts', 'Changing your profile'],
    access: 'read',
    sensitivity: 'basic',
    category: 'identity',
    source: SRC.identity,
  },
];

const gmail: ScopeInfo[] = [
  {
    scope: 'https://mail.google.com/',
    title: 'Full control of your email',
    sentence:
      'Lets the app read, send and permanently delete all your email, including through IMAP, SMTP and POP.',
    includes: [
      'Reading every message and attachment',
      'Sending email as you',
      'Deleting messages forever, skipping the Trash',
      'Mail apps that use IMAP, SMTP or POP',
    ],
    access: 'delete',
    sensitivity: 'restricted',
    category: 'mail',
    implies: [`${G}gmail.modify`],
    source: SRC.gmail,
  },
  {
    scope: `${G}gmail.modify`,
    title: 'Read, label and archive email',
    sentence: 'Lets the app read, send, label, archive and move your email to the Trash, but not delete it forever.',
    includes: [
      'Reading every message and attachment',
      'Sending email and managing drafts',
      'Adding and removing labels',
      'Archiving and moving messages to the Trash',
    ],
    doesNotAllow: ['Deleting messages forever, skipping the Trash'],
    access: 'write',
    sensitivity: 'restricted',
    category: 'mail',
    implies: [`${G}gmail.readonly`, `${G}gmail.compose`, `${G}gmail.labels`, `${G}gmail.insert`],
    source: SRC.gmail,
  },
  {
    scope: `${G}gmail.readonly`,
    title: 'Read all your email',
    sentence: 'Lets the app read all your email messages, attachments and mail settings, without changing anything.',
    includes: ['Reading every message and attachment', 'Seeing your labels and mail settings'],
    doesNotAllow: ['Sending email', 'Changing, labelling or deleting messages'],
    access: 'read',
    sensitivity: 'restricted',
    category: 'mail',
    implies: [`${G}gmail.metadata`],
    source: SRC.gmail,
  },
  {
    scope: `${G}gmail.metadata`,
    title: 'See email senders and subjects',
    sentence:
      'Lets the app see who your email is from and to, subject lines, dates and labels, but not the message text.',
    includes: ['Senders, recipients, subjects and dates', 'Your labels', 'The history of changes to your mailbox'],
    doesNotAllow: ['Reading the text of messages', 'Opening attachments'],
    access: 'read',
    sensitivity: 'restricted',
    category: 'mail',
    source: SRC.gmail,
  },
  {
    scope: `${G}gmail.send`,
    title: 'Send email as you',
    sentence: 'Lets the app send email from your address on your behalf.',
    includes: ['Sending new messages from your address'],
    doesNotAllow: ['Reading your inbox', 'Deleting email'],
    access: 'write',
    sensitivity: 'sensitive',
    category: 'mail',
    source: SRC.gmail,
  },
  {
    scope: `${G}gmail.compose`,
    title: 'Write drafts and send email',
    sentence: 'Lets the app create, read, change and delete your drafts, and send messages and drafts as you.',
    includes: ['Reading and changing your drafts', 'Sending messages and drafts'],
    doesNotAllow: ['Reading the rest of your inbox'],
    access: 'write',
    sensitivity: 'restricted',
    category: 'mail',
    implies: [`${G}gmail.send`],
    source: SRC.gmail,
  },
  {
    scope: `${G}gmail.insert`,
    title: 'Add messages to your mailbox',
    sentence: 'Lets the app put messages straight into your mailbox, for example when importing old mail.',
    includes: ['Adding and importing messages'],
    doesNotAllow: ['Reading your inbox', 'Sending email'],
    access: 'write',
    sensitivity: 'restricted',
    category: 'mail',
    source: SRC.gmail,
  },
  {
    scope: `${G}gmail.labels`,
    title: 'Manage your email labels',
    sentence: 'Lets the app see, create, rename and delete your Gmail labels.',
    includes: ['Creating, renaming and deleting labels'],
    doesNotAllow: ['Reading your messages', 'Putting labels on messages'],
    access: 'write',
    sensitivity: 'basic',
    category: 'mail',
    source: SRC.gmail,
  },
  {
    scope: `${G}gmail.settings.basic`,
    title: 'Change your mail settings',
    sentence: 'Lets the app change your basic Gmail settings, such as filters, vacation replies and signatures.',
    includes: ['Filters', 'Vacation auto-replies', 'Signatures and other basic settings'],
    doesNotAllow: ['Setting up forwarding to another address'],
    access: 'write',
    sensitivity: 'restricted',
    category: 'mail',
    source: SRC.gmail,
  },
  {
    scope: `${G}gmail.settings.sharing`,
    title: 'Change forwarding and delegates',
    sentence:
      'Lets the app change sensitive Gmail settings, such as forwarding your mail elsewhere and who may manage it.',
    includes: ['Automatic forwarding to other addresses', 'Send-as aliases', 'Mailbox delegates'],
    access: 'admin',
    sensitivity: 'restricted',
    category: 'mail',
    source: SRC.gmail,
  },
];

const calendar: ScopeInfo[] = [
  {
    scope: `${G}calendar`,
    title: 'Full control of your calendars',
    sentence: 'Lets the app see, edit, share and permanently delete all the calendars you can access.',
    includes: ['Every event on every calendar you can access', 'Sharing calendars', 'Deleting calendars'],
    access: 'delete',
    sensitivity: 'sensitive',
    category: 'calendar',
    implies: [`${G}calendar.readonly`, `${G}calendar.events`],
    source: SRC.calendar,
  },
  {
    scope: `${G}calendar.readonly`,
    title: 'See all your calendars',
    sentence: 'Lets the app see and download every calendar you can access, without changing them.',
    includes: ['Events on all your calendars', 'Calendar details and settings', 'When you are free or busy'],
    doesNotAllow: ['Creating or changing events'],
    access: 'read',
    sensitivity: 'sensitive',
    category: 'calendar',
    implies: [`${G}calendar.events.readonly`, `${G}calendar.settings.readonly`, `${G}calendar.freebusy`],
    source: SRC.calendar,
  },
  {
    scope: `${G}calendar.events`,
    title: 'See and edit calendar events',
    sentence: 'Lets the app see, create, change and delete events on all your calendars.',
    includes: ['Reading events', 'Creating, changing and deleting events'],
    doesNotAllow: ['Sharing or deleting whole calendars'],
    access: 'write',
    sensitivity: 'sensitive',
    category: 'calendar',
    implies: [`${G}calendar.events.readonly`, `${G}calendar.events.owned`],
    source: SRC.calendar,
  },
  {
    scope: `${G}calendar.events.readonly`,
    title: 'See your calendar events',
    sentence: 'Lets the app see the events on all your calendars, without changing them.',
    includes: ['Event titles, times, places and guests'],
    doesNotAllow: ['Creating or changing events'],
    access: 'read',
    sensitivity: 'sensitive',
    category: 'calendar',
    source: SRC.calendar,
  },
  {
    scope: `${G}calendar.events.owned`,
    title: 'Edit events on your calendars',
    sentence: 'Lets the app see, create, change and delete events on the calendars you own.',
    includes: ['Events on calendars you own'],
    doesNotAllow: ["Events on other people's calendars shared with you"],
    access: 'write',
    sensitivity: 'sensitive',
    category: 'calendar',
    source: SRC.calendar,
  },
  {
    scope: `${G}calendar.settings.readonly`,
    title: 'See your calendar settings',
    sentence: 'Lets the app see your Google Calendar settings, such as your time zone.',
    includes: ['Time zone, working hours and display settings'],
    doesNotAllow: ['Seeing your events'],
    access: 'read',
    sensitivity: 'sensitive',
    category: 'calendar',
    source: SRC.calendar,
  },
  {
    scope: `${G}calendar.freebusy`,
    title: 'See when you are busy',
    sentence: 'Lets the app see when you are free or busy on your calendars, without seeing the events themselves.',
    includes: ['Busy time slots'],
    doesNotAllow: ['Seeing event titles, places or guests'],
    access: 'read',
    sensitivity: 'sensitive',
    category: 'calendar',
    source: SRC.calendar,
  },
  {
    scope: `${G}calendar.app.created`,
    title: 'Manage calendars it creates',
    sentence: 'Lets the app make new secondary calendars and manage the events on the calendars it made.',
    includes: ['Creating secondary calendars', 'Events on calendars the app created'],
    doesNotAllow: ['Seeing your other calendars'],
    access: 'write',
    sensitivity: 'sensitive',
    category: 'calendar',
    source: SRC.calendar,
  },
];

const drive: ScopeInfo[] = [
  {
    scope: `${G}drive`,
    title: 'Full control of Google Drive',
    sentence: 'Lets the app see, edit, create and delete all of your Google Drive files.',
    includes: ['Every file and folder in your Drive', 'Sharing files', 'Deleting files'],
    doesNotAllow: ["Other apps' hidden app data folders"],
    access: 'delete',
    sensitivity: 'restricted',
    category: 'files',
    implies: [
      `${G}drive.readonly`,
      `${G}drive.file`,
      `${G}drive.metadata`,
      `${G}spreadsheets`,
      `${G}documents`,
    ],
    source: SRC.drive,
  },
  {
    scope: `${G}drive.readonly`,
    title: 'See and download Drive files',
    sentence: 'Lets the app see and download all of your Google Drive files, without changing them.',
    includes: ['Opening and downloading every file in your Drive'],
    doesNotAllow: ['Changing, sharing or deleting files'],
    access: 'read',
    sensitivity: 'restricted',
    category: 'files',
    implies: [`${G}drive.metadata.readonly`, `${G}spreadsheets.readonly`, `${G}documents.readonly`],
    source: SRC.drive,
  },
  {
    scope: `${G}drive.file`,
    title: 'Only files you pick',
    sentence: 'Lets the app work only with the Drive files you open with it or that it created.',
    includes: ['Files you chose in the app', 'Files the app created'],
    doesNotAllow: ['Seeing the rest of your Drive'],
    access: 'write',
    sensitivity: 'basic',
    category: 'files',
    source: SRC.drive,
  },
  {
    scope: `${G}drive.appdata`,
    title: 'Its own settings in Drive',
    sentence: "Lets the app keep its own settings in a hidden folder of your Drive that you don't see.",
    includes: ["The app's own hidden folder"],
    doesNotAllow: ['Seeing your files'],
    access: 'write',
    sensitivity: 'basic',
    category: 'files',
    source: SRC.drive,
  },
  {
    scope: `${G}drive.metadata`,
    title: 'See and edit file details',
    sentence: 'Lets the app see and change the details of your Drive files, such as names and folders, but not their contents.',
    includes: ['File names, folders, owners and dates', 'Renaming and moving files'],
    doesNotAllow: ['Opening or downloading file contents'],
    access: 'write',
    sensitivity: 'restricted',
    category: 'files',
    implies: [`${G}drive.metadata.readonly`],
    source: SRC.drive,
  },
  {
    scope: `${G}drive.metadata.readonly`,
    title: 'See your Drive file list',
    sentence: 'Lets the app see the names and details of your Drive files, but not what is inside them.',
    includes: ['File names, folders, owners and dates'],
    doesNotAllow: ['Opening file contents', 'Changing anything'],
    access: 'read',
    sensitivity: 'restricted',
    category: 'files',
    source: SRC.drive,
  },
];

const sheetsAndDocs: ScopeInfo[] = [
  {
    scope: `${G}spreadsheets`,
    title: 'Edit all your spreadsheets',
    sentence: 'Lets the app see, edit, create and delete all your Google Sheets spreadsheets.',
    includes: ['Every spreadsheet you can access'],
    doesNotAllow: ['Other kinds of Drive files'],
    access: 'delete',
    sensitivity: 'sensitive',
    category: 'files',
    implies: [`${G}spreadsheets.readonly`],
    source: SRC.sheets,
  },
  {
    scope: `${G}spreadsheets.readonly`,
    title: 'See all your spreadsheets',
    sentence: 'Lets the app see all your Google Sheets spreadsheets, without changing them.',
    includes: ['Reading every spreadsheet you can access'],
    doesNotAllow: ['Changing spreadsheets'],
    access: 'read',
    sensitivity: 'sensitive',
    category: 'files',
    source: SRC.sheets,
  },
  {
    scope: `${G}documents`,
    title: 'Edit all your documents',
    sentence: 'Lets the app see, edit, create and delete all your Google Docs documents.',
    includes: ['Every document you can access'],
    doesNotAllow: ['Other kinds of Drive files'],
    access: 'delete',
    sensitivity: 'sensitive',
    category: 'files',
    implies: [`${G}documents.readonly`],
    source: SRC.docs,
  },
  {
    scope: `${G}documents.readonly`,
    title: 'See all your documents',
    sentence: 'Lets the app see all your Google Docs documents, without changing them.',
    includes: ['Reading every document you can access'],
    doesNotAllow: ['Changing documents'],
    access: 'read',
    sensitivity: 'sensitive',
    category: 'files',
    source: SRC.docs,
  },
];

const people: ScopeInfo[] = [
  {
    scope: `${G}contacts`,
    title: 'Edit and delete your contacts',
    sentence: 'Lets the app see, edit, download and permanently delete your contacts.',
    includes: ['Every saved contact', 'Adding, changing and deleting contacts'],
    access: 'delete',
    sensitivity: 'sensitive',
    category: 'contacts',
    implies: [`${G}contacts.readonly`],
    source: SRC.people,
  },
  {
    scope: `${G}contacts.readonly`,
    title: 'See your contacts',
    sentence: 'Lets the app see and download your saved contacts.',
    includes: ['Names, email addresses, phone numbers and other contact details'],
    doesNotAllow: ['Changing contacts', '"Other contacts" Google saved for you'],
    access: 'read',
    sensitivity: 'sensitive',
    category: 'contacts',
    source: SRC.people,
  },
  {
    scope: `${G}contacts.other.readonly`,
    title: 'See automatically saved contacts',
    sentence: 'Lets the app see the "Other contacts" Google saved from people you emailed.',
    includes: ['Names, email addresses and phone numbers of people you interacted with'],
    doesNotAllow: ['Your saved contacts'],
    access: 'read',
    sensitivity: 'sensitive',
    category: 'contacts',
    source: SRC.people,
  },
  {
    scope: `${G}directory.readonly`,
    title: "See your organization's directory",
    sentence: "Lets the app see and download your organization's Google Workspace directory of people.",
    includes: ['Names, email addresses and job details of people in your organization'],
    access: 'read',
    sensitivity: 'sensitive',
    category: 'contacts',
    source: SRC.people,
  },
  {
    scope: `${G}user.birthday.read`,
    title: 'See your date of birth',
    sentence: 'Lets the app see your exact date of birth from your Google Account.',
    includes: ['Your full date of birth'],
    access: 'read',
    sensitivity: 'sensitive',
    category: 'identity',
    source: SRC.people,
  },
  {
    scope: `${G}user.phonenumbers.read`,
    title: 'See your phone numbers',
    sentence: 'Lets the app see the personal phone numbers in your Google Account.',
    includes: ['Your phone numbers'],
    access: 'read',
    sensitivity: 'sensitive',
    category: 'identity',
    source: SRC.people,
  },
  {
    scope: `${G}user.addresses.read`,
    title: 'See your street addresses',
    sentence: 'Lets the app see the street addresses in your Google Account.',
    includes: ['Your home and other addresses'],
    access: 'read',
    sensitivity: 'sensitive',
    category: 'identity',
    source: SRC.people,
  },
  {
    scope: `${G}user.emails.read`,
    title: 'See all your email addresses',
    sentence: 'Lets the app see every email address on your Google Account, not only the main one.',
    includes: ['All your account email addresses'],
    doesNotAllow: ['Reading your email'],
    access: 'read',
    sensitivity: 'sensitive',
    category: 'identity',
    source: SRC.people,
  },
];

const tasks: ScopeInfo[] = [
  {
    scope: `${G}tasks`,
    title: 'Create and edit your tasks',
    sentence: 'Lets the app see, create, edit and delete your Google Tasks lists and tasks.',
    includes: ['Every task list and task'],
    access: 'delete',
    sensitivity: 'sensitive',
    category: 'tasks',
    implies: [`${G}tasks.readonly`],
    source: SRC.tasks,
  },
  {
    scope: `${G}tasks.readonly`,
    title: 'See your tasks',
    sentence: 'Lets the app see your Google Tasks lists and tasks, without changing them.',
    includes: ['Every task list and task'],
    doesNotAllow: ['Changing or completing tasks'],
    access: 'read',
    sensitivity: 'sensitive',
    category: 'tasks',
    source: SRC.tasks,
  },
];

/**
 * The APIs the actions call: the host part of each template, and the root of the reference
 * pages that document its methods (one page per method) on developers.google.com.
 */
const API = {
  /** OpenID Connect: the UserInfo endpoint of Google's discovery document. */
  oidc: { url: 'https://openidconnect.googleapis.com/v1', ref: 'identity/openid-connect/' },
  /** Gmail for the signed-in person (`userId` is `me` or their own address). */
  gmail: { url: 'https://gmail.googleapis.com/gmail/v1/users/{userId}', ref: 'workspace/gmail/api/reference/rest/v1/' },
  calendar: { url: 'https://www.googleapis.com/calendar/v3', ref: 'workspace/calendar/api/v3/reference/' },
  drive: { url: 'https://www.googleapis.com/drive/v3', ref: 'workspace/drive/api/reference/rest/v3/' },
  /** Drive's upload URI: the same methods, taking the file's bytes (`uploadType=media|multipart|resumable`). */
  driveUpload: { url: 'https://www.googleapis.com/upload/drive/v3', ref: 'workspace/drive/api/reference/rest/v3/' },
  sheets: { url: 'https://sheets.googleapis.com/v4/spreadsheets', ref: 'workspace/sheets/api/reference/rest/v4/' },
  docs: { url: 'https://docs.googleapis.com/v1', ref: 'workspace/docs/api/reference/rest/v1/' },
  people: { url: 'https://people.googleapis.com/v1', ref: 'people/api/rest/v1/' },
  tasks: { url: 'https://tasks.googleapis.com/tasks/v1', ref: 'workspace/tasks/reference/rest/v1/' },
} as const;

type Api = keyof typeof API;

/** A call of `action` to one of the APIs above: `path` follows its URL, `page` names its reference page. */
const call = (action: string, method: HttpMethod, api: Api, path: string, page: string): OperationRow => ({
  action,
  method,
  url: `${API[api].url}${path}`,
  source: `https://developers.google.com/${API[api].ref}${page}`,
  page: `${api}:${page}`,
});

const ids = (description: string) => list(description, text('An ID.'));

/** Gmail's label change (users.messages.modify, users.threads.modify). */
const LABEL_CHANGE = {
  addLabelIds: ids('IDs of the labels to add (at most 100).'),
  removeLabelIds: ids('IDs of the labels to remove (at most 100); removing INBOX archives.'),
};

/** Calendar's EventDateTime: a whole-day `date`, or a `dateTime`. */
const EVENT_TIME = record('When: `date` (yyyy-mm-dd) for an all-day event, otherwise `dateTime` (RFC 3339).', {
  date: text('The date, yyyy-mm-dd, for an all-day event.'),
  dateTime: text('The time, RFC 3339, with an offset unless timeZone is given.'),
  timeZone: text('IANA time zone name, e.g. Europe/Zurich.'),
});

/** Drive's File metadata, as files.create and files.update take it without the content. */
const DRIVE_FILE = body({
  name: text('The name of the file.'),
  mimeType: text('The MIME type; a Google Workspace type converts, application/vnd.google-apps.folder makes a folder.'),
  description: text('A short description of the file.'),
  parents: ids('The ID of the parent folder (create only; one parent).'),
});

/** Sheets' ValueRange. */
const VALUE_RANGE = {
  range: text('The range in A1 notation, e.g. Sheet1!A1:D5.'),
  majorDimension: text('Whether `values` lists rows or columns.', ['ROWS', 'COLUMNS']),
  values: list('An array of rows (or columns), each an array of cell values (string, number or boolean).', list('One row (or column) of cell values.')),
};

/** The JSON bodies the reference documents, by API and reference page. */
const BODIES: Readonly<Record<string, BodySchema>> = {
  'gmail:users.messages/send': body(
    {
      raw: text('The whole message, RFC 2822 formatted and base64url encoded (From, To, Subject headers and body).'),
      threadId: text('The thread to add the message to, for a reply (with matching References and In-Reply-To headers).'),
    },
    ['raw'],
  ),
  'gmail:users.messages/modify': body(LABEL_CHANGE),
  'gmail:users.messages/batchModify': body({ ids: ids('IDs of the messages to change (at most 1000).'), ...LABEL_CHANGE }, ['ids']),
  'gmail:users.threads/modify': body(LABEL_CHANGE),
  'gmail:users.messages/batchDelete': body({ ids: ids('IDs of the messages to delete forever.') }, ['ids']),
  'calendar:events/insert': body(
    {
      start: EVENT_TIME,
      end: EVENT_TIME,
      summary: text('The title of the event.'),
      description: text('A description of the event; may contain HTML.'),
      location: text('Where the event takes place, as free text.'),
      attendees: list('The guests.', record('A guest.', { email: text("The guest's email address."), optional: flag('Whether attending is optional.') }, ['email'])),
      recurrence: list('RRULE, EXRULE, RDATE and EXDATE lines (RFC 5545) of a recurring event.', text('One line.')),
    },
    ['start', 'end'],
  ),
  'calendar:freebusy/query': body(
    {
      timeMin: text('The start of the interval, RFC 3339.'),
      timeMax: text('The end of the interval, RFC 3339.'),
      timeZone: text('Time zone of the response; UTC by default.'),
      items: list('The calendars and groups to ask about.', record('A calendar.', { id: text('A calendar or group ID, e.g. primary.') }, ['id'])),
      groupExpansionMax: whole('Most calendar IDs to expand per group (at most 100).'),
      calendarExpansionMax: whole('Most calendars to return busy times for (at most 50).'),
    },
    ['timeMin', 'timeMax'],
  ),
  'drive:files/create': DRIVE_FILE,
  'drive:files/update': DRIVE_FILE,
  'sheets:spreadsheets.values/update': body(VALUE_RANGE, ['values']),
  'sheets:spreadsheets.values/batchUpdate': body(
    {
      valueInputOption: text('How input is read: RAW as is, USER_ENTERED as if typed in the UI.', ['RAW', 'USER_ENTERED']),
      data: list('The ranges to write.', record('A ValueRange.', VALUE_RANGE, ['range', 'values'])),
      includeValuesInResponse: flag('Whether the response includes the updated values.'),
    },
    ['valueInputOption', 'data'],
  ),
};

const actionList: ActionInfo[] = [
  { id: 'sign-in', title: 'Sign you in', scopes: ['openid', 'email', 'profile'] },
  { id: 'read-email', title: 'Read your email', scopes: [`${G}gmail.readonly`] },
  { id: 'see-email-headers', title: 'See who emailed you', scopes: [`${G}gmail.metadata`] },
  { id: 'send-email', title: 'Send email', scopes: [`${G}gmail.send`], effect: 'sends' },
  { id: 'organize-email', title: 'Label and archive email', scopes: [`${G}gmail.modify`] },
  { id: 'delete-email-forever', title: 'Delete email forever', scopes: ['https://mail.google.com/'], effect: 'destroys' },
  { id: 'read-calendar', title: 'See your calendar events', scopes: [`${G}calendar.events.readonly`] },
  { id: 'create-calendar-events', title: 'Create calendar events', scopes: [`${G}calendar.events`], effect: 'sends' },
  { id: 'check-availability', title: 'Check when you are free', scopes: [`${G}calendar.freebusy`] },
  { id: 'open-picked-files', title: 'Add and update files you pick', scopes: [`${G}drive.file`] },
  { id: 'read-all-files', title: 'Read all your Drive files', scopes: [`${G}drive.readonly`] },
  { id: 'read-spreadsheets', title: 'Read your spreadsheets', scopes: [`${G}spreadsheets.readonly`] },
  { id: 'edit-spreadsheets', title: 'Edit your spreadsheets', scopes: [`${G}spreadsheets`] },
  { id: 'read-documents', title: 'Read your documents', scopes: [`${G}documents.readonly`] },
  { id: 'read-contacts', title: 'Read your contacts', scopes: [`${G}contacts.readonly`] },
  { id: 'read-tasks', title: 'See your tasks', scopes: [`${G}tasks.readonly`] },
];

/**
 * The calls each action is made of. Where two actions could make the same call, it belongs to
 * the action whose scope permits every request the template admits: the template cannot see the
 * query or which resource is meant, and the broker forwards with the connection's token, which
 * may carry more than the action's scopes. A narrower scope that permits only some requests keeps
 * the calls it permits in full:
 * - gmail.metadata refuses `format=full|raw` and `q` (users.messages.get and .list,
 *   users.threads.*): those are "Read your email". "See who emailed you" has the profile,
 *   labels and history; senders and subjects need users.messages.get, so "Read your email".
 * - drive.file reaches only the files the person picked with this app or that it made (Google
 *   checks the file): it creates and updates files; reading any file is "Read all your Drive files".
 *
 * Also: deleting forever needs https://mail.google.com/ (gmail.modify only moves to the Trash);
 * events.insert invites the guests when `sendUpdates` asks, events.quickAdd reads the event from
 * its `text` query parameter; files.get with alt=media downloads, files.export converts a Google
 * Workspace file; values.update needs the `valueInputOption` query parameter, and values.append,
 * values.clear and spreadsheets.batchUpdate end in segments such as `{range}:append`, which no
 * template can name; people.connections.list takes only people/me.
 */
const CALLS: readonly OperationRow[] = [
  call('sign-in', 'GET', 'oidc', '/userinfo', 'openid-connect#obtaininguserprofileinformation'),
  call('read-email', 'GET', 'gmail', '/messages', 'users.messages/list'),
  call('read-email', 'GET', 'gmail', '/messages/{id}', 'users.messages/get'),
  call('read-email', 'GET', 'gmail', '/messages/{messageId}/attachments/{id}', 'users.messages.attachments/get'),
  call('read-email', 'GET', 'gmail', '/threads', 'users.threads/list'),
  call('read-email', 'GET', 'gmail', '/threads/{id}', 'users.threads/get'),
  call('read-email', 'GET', 'gmail', '/drafts', 'users.drafts/list'),
  call('read-email', 'GET', 'gmail', '/drafts/{id}', 'users.drafts/get'),
  call('see-email-headers', 'GET', 'gmail', '/profile', 'users/getProfile'),
  call('see-email-headers', 'GET', 'gmail', '/labels', 'users.labels/list'),
  call('see-email-headers', 'GET', 'gmail', '/labels/{id}', 'users.labels/get'),
  call('see-email-headers', 'GET', 'gmail', '/history', 'users.history/list'),
  call('send-email', 'POST', 'gmail', '/messages/send', 'users.messages/send'),
  call('organize-email', 'POST', 'gmail', '/messages/{id}/modify', 'users.messages/modify'),
  call('organize-email', 'POST', 'gmail', '/messages/batchModify', 'users.messages/batchModify'),
  call('organize-email', 'POST', 'gmail', '/threads/{id}/modify', 'users.threads/modify'),
  call('delete-email-forever', 'DELETE', 'gmail', '/messages/{id}', 'users.messages/delete'),
  call('delete-email-forever', 'POST', 'gmail', '/messages/batchDelete', 'users.messages/batchDelete'),
  call('delete-email-forever', 'DELETE', 'gmail', '/threads/{id}', 'users.threads/delete'),
  call('read-calendar', 'GET', 'calendar', '/calendars/{calendarId}/events', 'events/list'),
  call('read-calendar', 'GET', 'calendar', '/calendars/{calendarId}/events/{eventId}', 'events/get'),
  call('read-calendar', 'GET', 'calendar', '/calendars/{calendarId}/events/{eventId}/instances', 'events/instances'),
  call('create-calendar-events', 'POST', 'calendar', '/calendars/{calendarId}/events', 'events/insert'),
  call('create-calendar-events', 'POST', 'calendar', '/calendars/{calendarId}/events/quickAdd', 'events/quickAdd'),
  call('check-availability', 'POST', 'calendar', '/freeBusy', 'freebusy/query'),
  call('open-picked-files', 'POST', 'drive', '/files', 'files/create'),
  call('open-picked-files', 'POST', 'driveUpload', '/files', 'files/create'),
  call('open-picked-files', 'PATCH', 'drive', '/files/{fileId}', 'files/update'),
  call('open-picked-files', 'PATCH', 'driveUpload', '/files/{fileId}', 'files/update'),
  call('read-all-files', 'GET', 'drive', '/files', 'files/list'),
  call('read-all-files', 'GET', 'drive', '/files/{fileId}', 'files/get'),
  call('read-all-files', 'GET', 'drive', '/files/{fileId}/export', 'files/export'),
  call('read-spreadsheets', 'GET', 'sheets', '/{spreadsheetId}', 'spreadsheets/get'),
  call('read-spreadsheets', 'GET', 'sheets', '/{spreadsheetId}/values/{range}', 'spreadsheets.values/get'),
  call('read-spreadsheets', 'GET', 'sheets', '/{spreadsheetId}/values:batchGet', 'spreadsheets.values/batchGet'),
  call('edit-spreadsheets', 'PUT', 'sheets', '/{spreadsheetId}/values/{range}', 'spreadsheets.values/update'),
  call('edit-spreadsheets', 'POST', 'sheets', '/{spreadsheetId}/values:batchUpdate', 'spreadsheets.values/batchUpdate'),
  call('read-documents', 'GET', 'docs', '/documents/{documentId}', 'documents/get'),
  call('read-contacts', 'GET', 'people', '/people/me/connections', 'people.connections/list'),
  call('read-contacts', 'GET', 'people', '/people:searchContacts', 'people/searchContacts'),
  call('read-tasks', 'GET', 'tasks', '/users/@me/lists', 'tasklists/list'),
  call('read-tasks', 'GET', 'tasks', '/users/@me/lists/{tasklist}', 'tasklists/get'),
  call('read-tasks', 'GET', 'tasks', '/lists/{tasklist}/tasks', 'tasks/list'),
  call('read-tasks', 'GET', 'tasks', '/lists/{tasklist}/tasks/{task}', 'tasks/get'),
];

const actions = withOperations(actionList, CALLS, BODIES);

export const GOOGLE: ProviderInfo = {
  id: 'google',
  name: 'Google',
  description: 'Gmail, Calendar, Drive, Docs, Sheets and Contacts.',
  kind: 'oidc',
  issuer: 'https://accounts.google.com',
  endpoints: {
    authorization: 'https://accounts.google.com/o/oauth2/v2/auth',
    token: 'https://oauth2.googleapis.com/token',
    revocation: 'https://oauth2.googleapis.com/revoke',
    userinfo: 'https://openidconnect.googleapis.com/v1/userinfo',
  },
  scopeFormat: { requestSeparator: ' ', responseSeparator: ' ', scopeParam: 'scope' },
  identityScopes: ['openid', 'email', 'profile'],
  extraAuthorizationParams: { access_type: 'offline', prompt: 'consent' },
  // Revoking a Google token ends the whole grant, so taking one scope back means asking again.
  reduce: ['revoke-and-reconsent', 'provider-console'],
  // A refresh with `scope` gets a token with only those scopes; the refresh token keeps them all.
  narrowTokens: true,
  add: { strategy: 'incremental', param: { include_granted_scopes: 'true' } },
  revokeAll: 'rfc7009',
  consoleUrl: 'https://myaccount.google.com/connections',
  docsUrl: 'https://developers.google.com/identity/protocols/oauth2/scopes',
  scopes: [...identity, ...gmail, ...calendar, ...drive, ...sheetsAndDocs, ...people, ...tasks],
  actions,
  // The reference says nothing of case, so ids are compared exactly ("primary" is its own value).
  resources: [{ params: ['calendarId'], noun: 'calendar', source: 'https://developers.google.com/workspace/calendar/api/v3/reference/events/list' }],
};
