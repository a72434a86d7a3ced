import { body, flag, list, record, text } from './bodyFields';
import { withOperations } from './operationTable';
import type { OperationRow } from './operationTable';
import type { ActionInfo, BodySchema, HttpMethod, ProviderInfo, ScopeInfo } from './types';

/**
 * Microsoft Graph delegated permissions (what an app may do as the signed-in person), from the
 * Graph permissions reference. Implications follow each API's "least privileged / higher
 * privileged" tables. Graph has no sensitivity classes: here 'basic' is sign-in and directory
 * basics, 'sensitive' is the person's content or anything that needs an administrator.
 */
export const GRAPH_RESOURCE = 'https://graph.microsoft.com/';

const REFERENCE = 'https://learn.microsoft.com/en-us/graph/permissions-reference';
const OIDC_SCOPES = 'https://learn.microsoft.com/en-us/entra/identity-platform/scopes-oidc#openid-connect-scopes';

/** A Graph permission: its reference anchor and resource-qualified alias come from its name. */
function graph(entry: Omit<ScopeInfo, 'source' | 'aliases'>): ScopeInfo {
  const anchor = entry.scope.toLowerCase().replaceAll('.', '');
  return { ...entry, aliases: [`${GRAPH_RESOURCE}${entry.scope}`], source: `${REFERENCE}#${anchor}` };
}

const identity: ScopeInfo[] = [
  {
    scope: 'openid',
    title: 'Know it is you',
    sentence: 'Lets the app confirm that you are the one signing in with your Microsoft account.',
    includes: ['A stable account ID'],
    doesNotAllow: ['Reading your mail, files or calendar'],
    access: 'read',
    sensitivity: 'basic',
    category: 'identity',
    source: OIDC_SCOPES,
  },
  {
    scope: 'profile',
    title: 'See your basic profile',
    sentence: 'Lets the app see your name and user name when you sign in.',
    includes: ['Your name', 'Your user name'],
    access: 'read',
    sensitivity: 'basic',
    category: 'identity',
    source: OIDC_SCOPES,
  },
  {
    scope: 'email',
    title: 'See your email address',
    sentence: 'Lets the app see the main email address of your Microsoft account.',
    includes: ['Your primary email address'],
    doesNotAllow: ['Reading or sending your email'],
    access: 'read',
    sensitivity: 'basic',
    category: 'identity',
    source: OIDC_SCOPES,
  },
  {
    scope: 'offline_access',
    title: 'Stay connected while you are away',
    sentence: 'Lets the app keep the access you gave it after you close it, without asking you to sign in again.',
    includes: ['Refreshing its access without you present'],
    doesNotAllow: ['Anything beyond the other permissions you granted'],
    access: 'read',
    sensitivity: 'basic',
    category: 'identity',
    source: OIDC_SCOPES,
  },
];

const user: ScopeInfo[] = [
  graph({
    scope: 'User.Read',
    title: 'Sign in and read your profile',
    sentence: 'Lets the app sign you in and read your profile and basic details about your organization.',
    includes: ['Your name, email, job title and photo', "Your organization's name"],
    doesNotAllow: ["Other people's profiles", 'Your mail or files'],
    access: 'read',
    sensitivity: 'basic',
    category: 'identity',
  }),
  graph({
    scope: 'User.ReadWrite',
    title: 'Read and change your profile',
    sentence: 'Lets the app read your full profile and change the parts you are allowed to change.',
    includes: ['Reading your profile', 'Updating your profile details and photo'],
    access: 'write',
    sensitivity: 'sensitive',
    category: 'identity',
    implies: ['User.Read'],
  }),
  graph({
    scope: 'User.ReadBasic.All',
    title: "See colleagues' basic profiles",
    sentence: 'Lets the app see the names, email addresses and photos of people in your organization.',
    includes: ['Names, email addresses and photos of other users'],
    doesNotAllow: ["Colleagues' full profiles"],
    access: 'read',
    sensitivity: 'basic',
    category: 'contacts',
  }),
  graph({
    scope: 'User.Read.All',
    title: "Read colleagues' full profiles",
    sentence: 'Lets the app read the full profiles of everyone in your organization, once an administrator has approved it.',
    includes: ['Every profile field of every user'],
    access: 'read',
    sensitivity: 'sensitive',
    category: 'contacts',
    implies: ['User.Read', 'User.ReadBasic.All'],
  }),
];

const mail: ScopeInfo[] = [
  graph({
    scope: 'Mail.ReadBasic',
    title: 'See email without its text',
    sentence: 'Lets the app see your email senders, subjects and dates, but not the message text or attachments.',
    includes: ['Senders, recipients, subjects and dates'],
    doesNotAllow: ['Reading message text', 'Opening attachments'],
    access: 'read',
    sensitivity: 'sensitive',
    category: 'mail',
  }),
  graph({
    scope: 'Mail.Read',
    title: 'Read your email',
    sentence: 'Lets the app read all the email in your mailbox, including attachments.',
    includes: ['Every message and attachment in your mailbox'],
    doesNotAllow: ['Sending email', 'Changing or deleting messages', "Mailboxes shared with you"],
    access: 'read',
    sensitivity: 'sensitive',
    category: 'mail',
    implies: ['Mail.ReadBasic'],
  }),
  graph({
    scope: 'Mail.ReadWrite',
    title: 'Read, change and delete email',
    sentence: 'Lets the app read, create, change, move and delete the email in your mailbox.',
    includes: ['Reading every message', 'Creating drafts', 'Moving and deleting messages'],
    doesNotAllow: ['Sending email'],
    access: 'delete',
    sensitivity: 'sensitive',
    category: 'mail',
    implies: ['Mail.Read'],
  }),
  graph({
    scope: 'Mail.Send',
    title: 'Send email as you',
    sentence: 'Lets the app send email from your mailbox on your behalf.',
    includes: ['Sending messages as you'],
    doesNotAllow: ['Reading your inbox'],
    access: 'write',
    sensitivity: 'sensitive',
    category: 'mail',
  }),
  graph({
    scope: 'Mail.Read.Shared',
    title: 'Read your and shared email',
    sentence: 'Lets the app read your email and the email in mailboxes other people shared with you.',
    includes: ['Your mailbox', 'Mailboxes and folders shared with you'],
    doesNotAllow: ['Sending or changing email'],
    access: 'read',
    sensitivity: 'sensitive',
    category: 'mail',
    implies: ['Mail.Read'],
  }),
  graph({
    scope: 'Mail.ReadWrite.Shared',
    title: 'Change your and shared email',
    sentence:
      'Lets the app read, change and delete the email in your mailbox and in mailboxes shared with you.',
    includes: ['Your mailbox', 'Mailboxes and folders shared with you'],
    doesNotAllow: ['Sending email'],
    access: 'delete',
    sensitivity: 'sensitive',
    category: 'mail',
    implies: ['Mail.ReadWrite', 'Mail.Read.Shared'],
  }),
  graph({
    scope: 'MailboxSettings.Read',
    title: 'See your mailbox settings',
    sentence: 'Lets the app see your mailbox settings, such as automatic replies, time zone and language.',
    includes: ['Automatic replies', 'Time zone, language and working hours'],
    doesNotAllow: ['Reading your email'],
    access: 'read',
    sensitivity: 'sensitive',
    category: 'mail',
  }),
  graph({
    scope: 'MailboxSettings.ReadWrite',
    title: 'Change your mailbox settings',
    sentence: 'Lets the app change your mailbox settings, such as automatic replies and time zone.',
    includes: ['Turning automatic replies on and off', 'Time zone, language and working hours'],
    doesNotAllow: ['Reading or sending email'],
    access: 'write',
    sensitivity: 'sensitive',
    category: 'mail',
    implies: ['MailboxSettings.Read'],
  }),
];

const calendars: ScopeInfo[] = [
  graph({
    scope: 'Calendars.ReadBasic',
    title: 'See your events, not details',
    sentence: 'Lets the app see the events in your calendars without their descriptions or attachments.',
    includes: ['Event titles, times and places'],
    doesNotAllow: ['Event descriptions and attachments', 'Changing events'],
    access: 'read',
    sensitivity: 'sensitive',
    category: 'calendar',
  }),
  graph({
    scope: 'Calendars.Read',
    title: 'Read your calendars',
    sentence: 'Lets the app read all the events in your calendars.',
    includes: ['Every event, with its details and attendees'],
    doesNotAllow: ['Creating or changing events', 'Calendars shared with you'],
    access: 'read',
    sensitivity: 'sensitive',
    category: 'calendar',
    implies: ['Calendars.ReadBasic'],
  }),
  graph({
    scope: 'Calendars.ReadWrite',
    title: 'Edit and delete calendar events',
    sentence: 'Lets the app read, create, change and delete the events in your calendars.',
    includes: ['Reading events', 'Creating, changing and deleting events'],
    access: 'delete',
    sensitivity: 'sensitive',
    category: 'calendar',
    implies: ['Calendars.Read'],
  }),
  graph({
    scope: 'Calendars.Read.Shared',
    title: 'Read your and shared calendars',
    sentence: 'Lets the app read the events in your calendars and in calendars other people shared with you.',
    includes: ['Your calendars', 'Calendars shared with you'],
    doesNotAllow: ['Changing events'],
    access: 'read',
    sensitivity: 'sensitive',
    category: 'calendar',
    implies: ['Calendars.Read'],
  }),
  graph({
    scope: 'Calendars.ReadWrite.Shared',
    title: 'Edit your and shared calendars',
    sentence: 'Lets the app read, create, change and delete events in your calendars and in calendars shared with you.',
    includes: ['Your calendars', 'Calendars shared with you'],
    access: 'delete',
    sensitivity: 'sensitive',
    category: 'calendar',
    implies: ['Calendars.ReadWrite', 'Calendars.Read.Shared'],
  }),
];

const files: ScopeInfo[] = [
  graph({
    scope: 'Files.Read',
    title: 'Read your OneDrive files',
    sentence: 'Lets the app read the files in your own OneDrive.',
    includes: ['Opening and downloading your files'],
    doesNotAllow: ['Changing files', 'Files other people shared with you'],
    access: 'read',
    sensitivity: 'sensitive',
    category: 'files',
  }),
  graph({
    scope: 'Files.Read.All',
    title: 'Read all files you can access',
    sentence: 'Lets the app read every file you can open, including files shared with you and in SharePoint.',
    includes: ['Your OneDrive', 'Files shared with you', 'SharePoint and Teams files you can open'],
    doesNotAllow: ['Changing files'],
    access: 'read',
    sensitivity: 'sensitive',
    category: 'files',
    implies: ['Files.Read'],
  }),
  graph({
    scope: 'Files.ReadWrite',
    title: 'Full access to your OneDrive',
    sentence: 'Lets the app read, create, change and delete the files in your own OneDrive.',
    includes: ['Reading, uploading, changing and deleting your files'],
    doesNotAllow: ['Files other people shared with you'],
    access: 'delete',
    sensitivity: 'sensitive',
    category: 'files',
    implies: ['Files.Read'],
  }),
  graph({
    scope: 'Files.ReadWrite.All',
    title: 'Full access to all your files',
    sentence: 'Lets the app read, create, change and delete every file you can access, including shared ones.',
    includes: ['Your OneDrive', 'Files shared with you', 'SharePoint and Teams files you can change'],
    access: 'delete',
    sensitivity: 'sensitive',
    category: 'files',
    implies: ['Files.ReadWrite', 'Files.Read.All'],
  }),
  graph({
    scope: 'Files.ReadWrite.AppFolder',
    title: 'Only its own OneDrive folder',
    sentence: "Lets the app read and change files only in its own folder in your OneDrive.",
    includes: ["The app's own folder"],
    doesNotAllow: ['Seeing your other files'],
    access: 'write',
    sensitivity: 'basic',
    category: 'files',
  }),
  graph({
    scope: 'Sites.Read.All',
    title: 'Read all SharePoint sites',
    sentence: 'Lets the app read the documents and lists in every SharePoint site you can access.',
    includes: ['Documents and list items in every site you can open'],
    doesNotAllow: ['Changing documents or lists'],
    access: 'read',
    sensitivity: 'sensitive',
    category: 'files',
  }),
  graph({
    scope: 'Sites.ReadWrite.All',
    title: 'Edit all SharePoint sites',
    sentence: 'Lets the app read, change and delete the documents and lists in every SharePoint site you can access.',
    includes: ['Documents and list items in every site you can change'],
    access: 'delete',
    sensitivity: 'sensitive',
    category: 'files',
    implies: ['Sites.Read.All'],
  }),
];

const contacts: ScopeInfo[] = [
  graph({
    scope: 'Contacts.Read',
    title: 'Read your contacts',
    sentence: 'Lets the app read the contacts saved in your Outlook.',
    includes: ['Names, email addresses and phone numbers of your contacts'],
    doesNotAllow: ['Changing contacts'],
    access: 'read',
    sensitivity: 'sensitive',
    category: 'contacts',
  }),
  graph({
    scope: 'Contacts.ReadWrite',
    title: 'Edit and delete your contacts',
    sentence: 'Lets the app read, create, change and delete the contacts saved in your Outlook.',
    includes: ['Reading, adding, changing and deleting contacts'],
    access: 'delete',
    sensitivity: 'sensitive',
    category: 'contacts',
    implies: ['Contacts.Read'],
  }),
  graph({
    scope: 'People.Read',
    title: 'See people you work with',
    sentence: 'Lets the app see the people most relevant to you, based on who you email and meet with.',
    includes: ['A ranked list of people you interact with'],
    access: 'read',
    sensitivity: 'sensitive',
    category: 'contacts',
  }),
];

const teams: ScopeInfo[] = [
  graph({
    scope: 'Chat.ReadBasic',
    title: 'See your chat list',
    sentence: 'Lets the app see the names and members of your Teams chats, but not the messages.',
    includes: ['Chat names and members'],
    doesNotAllow: ['Reading chat messages'],
    access: 'read',
    sensitivity: 'sensitive',
    category: 'chat',
  }),
  graph({
    scope: 'Chat.Read',
    title: 'Read your Teams chats',
    sentence: 'Lets the app read the messages in your one-to-one and group chats in Teams.',
    includes: ['Every message in your chats'],
    doesNotAllow: ['Sending messages', 'Messages in team channels'],
    access: 'read',
    sensitivity: 'sensitive',
    category: 'chat',
    implies: ['Chat.ReadBasic'],
  }),
  graph({
    scope: 'Chat.ReadWrite',
    title: 'Read and write Teams chats',
    sentence: 'Lets the app read your Teams chats and send, change and delete messages in them as you.',
    includes: ['Reading chats', 'Sending and editing chat messages as you'],
    doesNotAllow: ['Messages in team channels'],
    access: 'delete',
    sensitivity: 'sensitive',
    category: 'chat',
    implies: ['Chat.Read', 'ChatMessage.Send'],
  }),
  graph({
    scope: 'ChatMessage.Send',
    title: 'Send Teams chat messages',
    sentence: 'Lets the app send messages in your Teams chats as you.',
    includes: ['Sending chat messages as you'],
    doesNotAllow: ['Reading your chats'],
    access: 'write',
    sensitivity: 'sensitive',
    category: 'chat',
  }),
  graph({
    scope: 'ChannelMessage.Send',
    title: 'Post in Teams channels',
    sentence: 'Lets the app post messages in Teams channels as you.',
    includes: ['Posting channel messages as you'],
    doesNotAllow: ['Reading channel messages'],
    access: 'write',
    sensitivity: 'sensitive',
    category: 'chat',
  }),
  graph({
    scope: 'ChannelMessage.Read.All',
    title: 'Read Teams channel messages',
    sentence: 'Lets the app read the messages in the Teams channels you can see, once an administrator has approved it.',
    includes: ['Messages and replies in channels'],
    doesNotAllow: ['Posting messages'],
    access: 'read',
    sensitivity: 'sensitive',
    category: 'chat',
  }),
  graph({
    scope: 'Team.ReadBasic.All',
    title: 'See the teams you joined',
    sentence: 'Lets the app see the names and descriptions of the Teams teams you belong to.',
    includes: ['Team names and descriptions'],
    doesNotAllow: ['Reading messages', 'Changing teams'],
    access: 'read',
    sensitivity: 'basic',
    category: 'workspace',
  }),
  graph({
    scope: 'Channel.ReadBasic.All',
    title: 'See channel names',
    sentence: 'Lets the app see the names and descriptions of the channels in your teams.',
    includes: ['Channel names and descriptions'],
    doesNotAllow: ['Reading channel messages'],
    access: 'read',
    sensitivity: 'basic',
    category: 'workspace',
  }),
  graph({
    scope: 'Presence.Read',
    title: 'See your availability status',
    sentence: 'Lets the app see whether you are available, busy or away in Teams.',
    includes: ['Your presence status'],
    access: 'read',
    sensitivity: 'basic',
    category: 'chat',
  }),
];

const other: ScopeInfo[] = [
  graph({
    scope: 'Tasks.Read',
    title: 'See your tasks',
    sentence: 'Lets the app see your tasks and task lists in Microsoft To Do and Planner.',
    includes: ['Your To Do lists and tasks'],
    doesNotAllow: ['Changing tasks'],
    access: 'read',
    sensitivity: 'sensitive',
    category: 'tasks',
  }),
  graph({
    scope: 'Tasks.ReadWrite',
    title: 'Create and edit your tasks',
    sentence: 'Lets the app see, create, change and delete your tasks and task lists.',
    includes: ['Reading, adding, changing and deleting tasks'],
    access: 'delete',
    sensitivity: 'sensitive',
    category: 'tasks',
    implies: ['Tasks.Read'],
  }),
  graph({
    scope: 'Group.Read.All',
    title: 'Read all groups',
    sentence: 'Lets the app read every group in your organization with its conversations, calendars and files, once an administrator has approved it.',
    includes: ['Group names and members', 'Group conversations, calendars and files'],
    doesNotAllow: ['Changing groups'],
    access: 'read',
    sensitivity: 'sensitive',
    category: 'workspace',
  }),
  graph({
    scope: 'Directory.Read.All',
    title: "Read your organization's directory",
    sentence: "Lets the app read everything in your organization's directory, such as users, groups and devices, once an administrator has approved it.",
    includes: ['Users, groups, devices and apps in the directory'],
    doesNotAllow: ['Changing the directory'],
    access: 'read',
    sensitivity: 'sensitive',
    category: 'admin',
    implies: ['User.Read.All'],
  }),
];

/** Microsoft Graph v1.0. */
const GRAPH = 'https://graph.microsoft.com/v1.0';

/** Graph's itemBody. */
const ITEM_BODY = record('The content and its type.', { contentType: text('text or html (the default for messages).'), content: text('The content.') }, ['content']);

/** Graph's emailAddress, and a recipient collection of them. */
const EMAIL_ADDRESS = record('The address.', { address: text('The email address.'), name: text('The display name.') }, ['address']);
const recipients = (description: string) => list(description, record('A recipient.', { emailAddress: EMAIL_ADDRESS }, ['emailAddress']));

/** The writable parts of a message that sendMail, reply and forward take. */
const MESSAGE = record('The message.', {
  subject: text('The subject line.'),
  body: ITEM_BODY,
  toRecipients: recipients('The To: recipients.'),
  ccRecipients: recipients('The Cc: recipients.'),
  bccRecipients: recipients('The Bcc: recipients.'),
});

const comment = text('A comment to include; may be empty.');

/** Graph's dateTimeTimeZone. */
const WHEN = record('A date and time with its time zone.', { dateTime: text('Date and time, e.g. 2025-03-15T12:00:00.'), timeZone: text('A time zone name, e.g. Pacific Standard Time.') }, ['dateTime', 'timeZone']);

/** An event as user-post-events and calendar-post-events take it; attendees get invitations. */
const EVENT = body({
  subject: text('The title of the event.'),
  body: ITEM_BODY,
  start: WHEN,
  end: WHEN,
  location: record('Where the event takes place.', { displayName: text('The name of the place.') }),
  attendees: list('The people invited.', record('An attendee.', { emailAddress: EMAIL_ADDRESS, type: text('The kind of attendee.', ['required', 'optional', 'resource']) }, ['emailAddress'])),
  isOnlineMeeting: flag('Whether the event is an online meeting (Teams link).'),
});

/** A Teams chatMessage as chats, channels and replies take it. */
const CHAT_MESSAGE = body({ body: ITEM_BODY }, ['body']);

/** The JSON bodies the reference documents, by reference page. */
const BODIES: Readonly<Record<string, BodySchema>> = {
  'user-sendmail': body({ message: MESSAGE, saveToSentItems: flag('Whether to save the message in Sent Items (default true).') }, ['message']),
  // `comment` or the message's body, not both.
  'message-reply': body({ comment, message: MESSAGE }),
  // Recipients in `toRecipients` or in the message, not both.
  'message-forward': body({ comment, toRecipients: recipients('The recipients.'), message: MESSAGE }),
  'message-update': body({
    isRead: flag('Whether the message has been read.'),
    categories: list('The categories of the message.', text('A category name.')),
    importance: text('The importance: low, normal or high.'),
    inferenceClassification: text('Whether it shows in the Focused or Other inbox: focused or other.'),
    flag: record('The follow-up flag.', { flagStatus: text('notFlagged, complete or flagged.') }),
  }),
  'message-move': body({ destinationId: text('The destination folder ID, or a well-known name such as archive or deleteditems.') }, ['destinationId']),
  'user-post-events': EVENT,
  'calendar-post-events': EVENT,
  'driveitem-post-children': body(
    {
      name: text('The name of the new folder.'),
      folder: record('An empty object: the new item is a folder.', {}),
      '@microsoft.graph.conflictBehavior': text('What to do when the name is taken.', ['fail', 'replace', 'rename']),
    },
    ['name', 'folder'],
  ),
  'driveitem-update': body({ name: text('The new name.'), parentReference: record('The folder to move the item to.', { id: text('The ID of the folder.') }) }),
  'chat-post-messages': CHAT_MESSAGE,
  'channel-post-messages': CHAT_MESSAGE,
  'chatmessage-post-replies': CHAT_MESSAGE,
};

const actionList: ActionInfo[] = [
  { id: 'sign-in', title: 'Sign you in', scopes: ['openid', 'profile', 'email', 'User.Read'] },
  { id: 'stay-connected', title: 'Work while you are away', scopes: ['offline_access'] },
  { id: 'read-email', title: 'Read your email', scopes: ['Mail.Read'] },
  { id: 'send-email', title: 'Send email', scopes: ['Mail.Send'], effect: 'sends' },
  { id: 'organize-email', title: 'Move and delete email', scopes: ['Mail.ReadWrite'], effect: 'destroys' },
  { id: 'read-calendar', title: 'Read your calendar', scopes: ['Calendars.Read'] },
  { id: 'create-calendar-events', title: 'Create calendar events', scopes: ['Calendars.ReadWrite'], effect: 'sends' },
  { id: 'read-files', title: 'Read your OneDrive files', scopes: ['Files.Read'] },
  { id: 'edit-files', title: 'Edit your OneDrive files', scopes: ['Files.ReadWrite'], effect: 'destroys' },
  { id: 'read-contacts', title: 'Read your contacts', scopes: ['Contacts.Read'] },
  { id: 'read-chats', title: 'Read your Teams chats', scopes: ['Chat.Read'] },
  { id: 'send-chat-message', title: 'Send Teams chat messages', scopes: ['ChatMessage.Send'], effect: 'sends' },
  { id: 'post-in-channel', title: 'Post in a Teams channel', scopes: ['Team.ReadBasic.All', 'Channel.ReadBasic.All', 'ChannelMessage.Send'], effect: 'sends' },
  { id: 'read-tasks', title: 'See your tasks', scopes: ['Tasks.Read'] },
];

/** A Graph v1.0 call of `action`: `path` follows the version, `page` names its API reference page. */
const call = (action: string, method: HttpMethod, path: string, page: string): OperationRow => ({
  action,
  method,
  url: `${GRAPH}${path}`,
  source: `https://learn.microsoft.com/en-us/graph/api/${page}?view=graph-rest-1.0`,
  page,
});

/**
 * The Graph calls each action is made of. A call belongs to the action with the narrowest of its
 * permissions (the reference's "least privileged" column): reading is the Read action even where
 * ReadWrite also permits it. Only `/me` paths: the signed-in person's own mailbox, calendar,
 * OneDrive and To Do; chats and teams the person is a member of (Graph refuses the others).
 *
 * - `/me/messages/{id}/$value` is the message as MIME; DELETE of a message moves it to Deleted Items.
 * - `/me/calendarView` needs the startDateTime and endDateTime query parameters.
 * - OneDrive's path-based addressing (`/me/drive/root:/path:`) and uploading a new file
 *   (`items/{parent-id}:/{filename}:/content`) put names inside segments, which no template can
 *   express; replacing an existing file's content (PUT, raw bytes) is declared.
 * - Posting in a channel starts by finding the team (Team.ReadBasic.All) and the channel
 *   (Channel.ReadBasic.All).
 */
const CALLS: readonly OperationRow[] = [
  call('sign-in', 'GET', '/me', 'user-get'),
  call('read-email', 'GET', '/me/messages', 'user-list-messages'),
  call('read-email', 'GET', '/me/messages/{id}', 'message-get'),
  call('read-email', 'GET', '/me/messages/{id}/$value', 'message-get'),
  call('read-email', 'GET', '/me/mailFolders', 'user-list-mailfolders'),
  call('read-email', 'GET', '/me/mailFolders/{folderId}/messages', 'mailfolder-list-messages'),
  call('read-email', 'GET', '/me/messages/{id}/attachments', 'message-list-attachments'),
  call('send-email', 'POST', '/me/sendMail', 'user-sendmail'),
  call('send-email', 'POST', '/me/messages/{id}/reply', 'message-reply'),
  call('send-email', 'POST', '/me/messages/{id}/forward', 'message-forward'),
  call('organize-email', 'PATCH', '/me/messages/{id}', 'message-update'),
  call('organize-email', 'POST', '/me/messages/{id}/move', 'message-move'),
  call('organize-email', 'DELETE', '/me/messages/{id}', 'message-delete'),
  call('read-calendar', 'GET', '/me/events', 'user-list-events'),
  call('read-calendar', 'GET', '/me/events/{id}', 'event-get'),
  call('read-calendar', 'GET', '/me/calendarView', 'user-list-calendarview'),
  call('read-calendar', 'GET', '/me/calendars', 'user-list-calendars'),
  call('create-calendar-events', 'POST', '/me/events', 'user-post-events'),
  call('create-calendar-events', 'POST', '/me/calendars/{calendarId}/events', 'calendar-post-events'),
  call('read-files', 'GET', '/me/drive/root/children', 'driveitem-list-children'),
  call('read-files', 'GET', '/me/drive/items/{itemId}/children', 'driveitem-list-children'),
  call('read-files', 'GET', '/me/drive/items/{itemId}', 'driveitem-get'),
  call('read-files', 'GET', '/me/drive/items/{itemId}/content', 'driveitem-get-content'),
  call('edit-files', 'POST', '/me/drive/items/{parentId}/children', 'driveitem-post-children'),
  call('edit-files', 'PUT', '/me/drive/items/{itemId}/content', 'driveitem-put-content'),
  call('edit-files', 'PATCH', '/me/drive/items/{itemId}', 'driveitem-update'),
  call('edit-files', 'DELETE', '/me/drive/items/{itemId}', 'driveitem-delete'),
  call('read-contacts', 'GET', '/me/contacts', 'user-list-contacts'),
  call('read-contacts', 'GET', '/me/contacts/{id}', 'contact-get'),
  call('read-contacts', 'GET', '/me/contactFolders', 'user-list-contactfolders'),
  call('read-chats', 'GET', '/me/chats', 'chat-list'),
  call('read-chats', 'GET', '/chats/{chatId}', 'chat-get'),
  call('read-chats', 'GET', '/chats/{chatId}/messages', 'chat-list-messages'),
  call('read-chats', 'GET', '/chats/{chatId}/messages/{messageId}', 'chatmessage-get'),
  call('send-chat-message', 'POST', '/chats/{chatId}/messages', 'chat-post-messages'),
  call('post-in-channel', 'GET', '/me/joinedTeams', 'user-list-joinedteams'),
  call('post-in-channel', 'GET', '/teams/{teamId}/channels', 'channel-list'),
  call('post-in-channel', 'POST', '/teams/{teamId}/channels/{channelId}/messages', 'channel-post-messages'),
  call('post-in-channel', 'POST', '/teams/{teamId}/channels/{channelId}/messages/{messageId}/replies', 'chatmessage-post-replies'),
  call('read-tasks', 'GET', '/me/todo/lists', 'todo-list-lists'),
  call('read-tasks', 'GET', '/me/todo/lists/{listId}/tasks', 'todotasklist-list-tasks'),
  call('read-tasks', 'GET', '/me/todo/lists/{listId}/tasks/{taskId}', 'todotask-get'),
];

const actions = withOperations(actionList, CALLS, BODIES);

export const MICROSOFT: ProviderInfo = {
  id: 'microsoft',
  name: 'Microsoft',
  description: 'Outlook mail and calendar, OneDrive files, Teams and contacts (Microsoft Graph).',
  kind: 'oidc',
  // No single issuer: with the 'common' tenant the ID token's issuer names the person's own tenant.
  endpoints: {
    authorization: 'https://login.microsoftonline.com/common/oauth2/v2.0/authorize',
    token: 'https://login.microsoftonline.com/common/oauth2/v2.0/token',
    userinfo: 'https://graph.microsoft.com/oidc/userinfo',
    // learn.microsoft.com/entra/identity-platform/v2-oauth2-device-code
    device: 'https://login.microsoftonline.com/common/oauth2/v2.0/devicecode',
  },
  scopeFormat: {
    requestSeparator: ' ',
    responseSeparator: ' ',
    scopeParam: 'scope',
    resource: GRAPH_RESOURCE,
    caseInsensitive: true,
  },
  identityScopes: ['openid', 'profile', 'email', 'offline_access'],
  extraAuthorizationParams: {},
  // No revocation endpoint: a narrower refresh shrinks what this app holds, the consent page ends the grant.
  reduce: ['narrow-refresh', 'provider-console'],
  narrowTokens: true,
  add: { strategy: 'incremental' },
  revokeAll: 'console-only',
  consoleUrl: 'https://myapps.microsoft.com',
  docsUrl: REFERENCE,
  scopes: [...identity, ...user, ...mail, ...calendars, ...files, ...contacts, ...teams, ...other],
  actions,
};
