/**
 * How to register one's own OAuth app with each provider, step by step. `{redirectUri}` is
 * replaced with the URI the form shows; the scopes to add are listed under the steps.
 */
export interface ConsoleGuide {
  /** Where the app is registered, as the provider names it. */
  consoleName: string;
  consoleUrl?: string;
  steps: readonly string[];
  /** Whether the provider needs one exact redirect URI, so a fixed port (Atlassian). */
  needsFixedPort: boolean;
  /** Whether this provider gives a desktop app a secret to enter. */
  secret: 'required' | 'optional' | 'none';
  /**
   * 'register': the redirect URI is entered in the provider's console; 'none': the provider
   * accepts Scopekeeper's loopback address without registration (Google's Desktop app clients).
   */
  redirect: 'register' | 'none';
  /** What else decides whether sign-ins with the app work and last (Google: test users, publishing status, verification). */
  notes?: readonly string[];
}

const GUIDES: Readonly<Record<string, ConsoleGuide>> = {
  /**
   * A "Desktop app" client has no redirect URI field: Google accepts any loopback port on 127.0.0.1.
   * A "Testing" app (external audience) gets refresh tokens that end after 7 days unless it asks
   * only for name, email and profile; unverified apps with sensitive scopes are limited and warned
   * about, restricted scopes also need a security assessment; personal use is exempt.
   * @see https://developers.google.com/identity/protocols/oauth2/native-app
   * @see https://developers.google.com/identity/protocols/oauth2#expiration
   * @see https://support.google.com/cloud/answer/15549135
   * @see https://developers.google.com/identity/protocols/oauth2/production-readiness/sensitive-scope-verification
   * @see https://developers.google.com/identity/protocols/oauth2/production-readiness/restricted-scope-verification
   */
  google: {
    consoleName: 'Google Cloud console',
    consoleUrl: 'https://console.cloud.google.com/apis/credentials',
    steps: [
      'Open the Google Cloud console, pick or create a project, and enable the APIs you will use (Gmail, Drive, Calendar…) under APIs & Services → Library.',
      'Set up the OAuth consent screen (Google Auth Platform): choose the audience “External” (or “Internal” for accounts of your Workspace organisation), and add the scopes listed below under Data Access.',
      'Under Audience, add each Google account you will connect as a test user while the app is in “Testing”.',
      'Under Clients, create an OAuth client ID of type “Desktop app”. There is nothing to register as a redirect URI: a Desktop app client accepts Scopekeeper’s loopback address on any port.',
      'Copy the client ID and client secret into the form below (Google’s desktop clients send their secret; it is not confidential, and Scopekeeper keeps it encrypted).',
    ],
    needsFixedPort: false,
    secret: 'required',
    redirect: 'none',
    notes: [
      'Publishing status: while it is “Testing”, only the test users can sign in, and Google’s refresh tokens for the app end after 7 days (unless it asks only for name, email and profile): the connection then shows as revoked at Google every week. Choose Publish app (“In production”) to keep sign-ins.',
      'Verification: an app in production that asks for sensitive scopes shows Google’s “unverified app” warning and is limited to 100 users until Google verifies it; an app only you use needs no verification. Restricted scopes (such as all of your mail or Drive) also need a security assessment to be verified.',
    ],
  },
  /**
   * The port of a loopback redirect URI is not matched, its path is: Scopekeeper sends
   * http://127.0.0.1:{port}/callback, so http://127.0.0.1/callback is registered.
   * @see https://learn.microsoft.com/entra/identity-platform/reply-url#localhost-exceptions
   */
  microsoft: {
    consoleName: 'Microsoft Entra app registrations',
    consoleUrl: 'https://entra.microsoft.com/#view/Microsoft_AAD_RegisteredApps/ApplicationsListBlade',
    steps: [
      'Open Microsoft Entra app registrations and choose New registration; pick who may sign in (any organisation and personal accounts for the “common” tenant).',
      'Under Authentication, add the platform “Mobile and desktop applications” with the custom redirect URI {redirectUri} (Microsoft ignores the port of a loopback address, so this one entry serves every sign-in), and set “Allow public client flows” to Yes. If the portal refuses the http address, add it in the Manifest under replyUrlsWithType, with type “InstalledClient”.',
      'Under API permissions, add the Microsoft Graph delegated permissions listed below.',
      'Copy the Application (client) ID into the form below. A desktop app has no secret: leave that field empty.',
    ],
    needsFixedPort: false,
    secret: 'none',
    redirect: 'register',
  },
  slack: {
    consoleName: 'api.slack.com/apps',
    consoleUrl: 'https://api.slack.com/apps',
    steps: [
      'Open api.slack.com/apps and choose Create New App → From scratch, in your workspace.',
      'Under OAuth & Permissions, add the redirect URL {redirectUri} and the User Token Scopes listed below.',
      'Under Basic Information → App Credentials, copy the Client ID (and the Client Secret, unless you turned on PKCE for a public app) into the form below.',
    ],
    needsFixedPort: false,
    secret: 'optional',
    redirect: 'register',
  },
  github: {
    consoleName: 'GitHub Developer settings',
    consoleUrl: 'https://github.com/settings/developers',
    steps: [
      'Open GitHub → Settings → Developer settings → OAuth Apps and choose New OAuth App.',
      'Set the Authorization callback URL to {redirectUri}; tick “Enable Device Flow” to also connect by code.',
      'Copy the Client ID, generate a client secret, and enter both in the form below. GitHub asks for the scopes listed below at sign-in; there is nothing to add to the app.',
    ],
    needsFixedPort: false,
    secret: 'optional',
    redirect: 'register',
  },
  atlassian: {
    consoleName: 'Atlassian developer console',
    consoleUrl: 'https://developer.atlassian.com/console/myapps/',
    steps: [
      'Open the Atlassian developer console and choose Create → OAuth 2.0 integration.',
      'Under Permissions, add the APIs and the scopes listed below.',
      'Atlassian accepts only the one callback URL it has on file: choose a free port (for example 47123), enter it below, and set the Callback URL under Authorization to {redirectUri}.',
      'Under Settings, copy the Client ID and Secret into the form below (Atlassian requires the secret).',
    ],
    needsFixedPort: true,
    secret: 'required',
    redirect: 'register',
  },
};

/** Any other OAuth 2.0 / OpenID Connect server, the Sandbox included. */
const GENERIC: ConsoleGuide = {
  consoleName: 'your server’s administration',
  steps: [
    'Register a native (desktop) client with the server, or ask its administrator to.',
    'Give it the redirect URI {redirectUri} (RFC 8252: any port on 127.0.0.1) and allow the scopes listed below.',
    'Enter the client ID below, and the client secret if the server issued one.',
  ],
  needsFixedPort: false,
  secret: 'optional',
  redirect: 'register',
};

export function consoleGuide(providerId: string): ConsoleGuide {
  return Object.hasOwn(GUIDES, providerId) ? GUIDES[providerId]! : GENERIC;
}
