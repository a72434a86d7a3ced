/**
 * The five provider test servers together, with the OAuth clients the app is given for them
 * (the shape of resources/oauth-clients.json, passed through SCOPEKEEPER_OAUTH_CLIENTS).
 */
import { createServer } from 'node:net';
import { startAtlassian, type AtlassianServer } from './atlassian';
import { startGitHub, type GitHubServer } from './github';
import { startGoogle, type GoogleServer } from './google';
import { startMicrosoft, type MicrosoftServer } from './microsoft';
import { startSlack, type SlackServer } from './slack';

export interface ProviderServers {
  google: GoogleServer;
  microsoft: MicrosoftServer;
  slack: SlackServer;
  github: GitHubServer;
  atlassian: AtlassianServer;
  /** Every routed host name → its loopback port. */
  routes: Map<string, number>;
  /** The clients file content for the app (provider id → client). */
  clients: {
    google: { clientId: string; clientSecret: string };
    microsoft: { clientId: string };
    slack: { clientId: string };
    github: { clientId: string; clientSecret: string };
    atlassian: { clientId: string; clientSecret: string; redirectPort: number };
  };
  close(): Promise<void>;
}

/** A port free right now, for Atlassian's fixed callback (each test registers its own). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export async function startProviders(): Promise<ProviderServers> {
  const atlassianPort = await freePort();
  const clients = {
    google: { clientId: '1234567890-scopekeeper.apps.googleusercontent.com', clientSecret: 'GOCSPX-test-desktop-secret' },
    microsoft: { clientId: '6731de76-14a6-49ae-97bc-6eba6914391e' },
    slack: { clientId: '2141029472.691202649728' },
    github: { clientId: 'Ov23liScopekeeperTest', clientSecret: 'github-test-secret-0123456789abcdef' },
    atlassian: { clientId: 'AtlassianScopekeeperTest', clientSecret: 'atlassian-test-secret', redirectPort: atlassianPort },
  };
  const [google, microsoft, slack, github, atlassian] = await Promise.all([
    startGoogle(clients.google),
    startMicrosoft(clients.microsoft),
    startSlack(clients.slack),
    startGitHub(clients.github),
    startAtlassian({ ...clients.atlassian, callbackUrl: `http://127.0.0.1:${atlassianPort}/callback` }),
  ]);
  const all = [google, microsoft, slack, github, atlassian];
  const routes = new Map<string, number>();
  for (const server of all) for (const [host, port] of server.routes) routes.set(host, port);
  return {
    google,
    microsoft,
    slack,
    github,
    atlassian,
    routes,
    clients,
    close: async () => {
      await Promise.all(all.map((server) => server.close()));
    },
  };
}
