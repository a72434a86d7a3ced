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
}

const GUIDES: Readonly<Record<string, ConsoleGuide>> = {
  google: {
    consoleName: 'Google Cloud console',
    consoleUrl: 'https://console.cloud.google.com/apis/credentials',
    steps: [
      'Open the Google Cloud console, pick or create a project, and go to APIs & Services → Credentials.',
      'Set up the OAuth consent screen and add the scopes listed below to it.',
      'Create credentials → OAuth client ID, with application type “Desktop app”. Desktop clients accept any port on 127.0.0.1, so there is no redirect URI to enter.',
      'Copy the client ID and client secret into the form below (Google’s desktop clients send their secret; it is not confidential, and Scopekeeper keeps it encrypted).',
    ],
    needsFixedPort: false,
    secret: 'required',
  },
  microsoft: {
    consoleName: 'Microsoft Entra app registrations',
    consoleUrl: 'https://entra.microsoft.com/#view/Microsoft_AAD_RegisteredApps/ApplicationsListBlade',
    steps: [
      'Open Microsoft Entra app registrations and choose New registration; pick who may sign in (any organisation and personal accounts for the “common” tenant).',
      'Under Authentication, add the platform “Mobile and desktop applications” with the redirect URI {redirectUri}, and set “Allow public client flows” to Yes.',
      'Under API permissions, add the Microsoft Graph delegated permissions listed below.',
      'Copy the Application (client) ID into the form below. A desktop app has no secret: leave that field empty.',
    ],
    needsFixedPort: false,
    secret: 'none',
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
};

export function consoleGuide(providerId: string): ConsoleGuide {
  return Object.hasOwn(GUIDES, providerId) ? GUIDES[providerId]! : GENERIC;
}
