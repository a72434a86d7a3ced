/** The login and consent steps oidc-provider sends the browser to (its devInteractions are off). */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { errors, type Interaction } from 'oidc-provider';
import type Provider from 'oidc-provider';
import { INCLUDE_GRANTED_SCOPES, INTERACTION_PATH, OIDC_SCOPES } from './configuration';
import { consentPage, loginPage, problemPage } from './pages';

export interface InteractionRoute {
  uid: string;
  step: 'show' | 'login' | 'consent';
}

export interface InteractionSettings {
  serverName: string;
  apiResource: string;
  /** Every scope the server can grant: the OpenID Connect ones and the API's. */
  knownScopes: ReadonlySet<string>;
  /** Honour `include_granted_scopes=true` (Google's incremental authorization). */
  incremental: boolean;
}

const ROUTE = new RegExp(`^${INTERACTION_PATH}/([\\w-]+)(?:/(login|consent))?$`);
const MAX_FORM_BYTES = 16 * 1024;

const PAGE_HEADERS = {
  'Content-Type': 'text/html; charset=utf-8',
  'Cache-Control': 'no-store',
  // No script and nothing external; form-action stays open because a form post ends in a
  // redirect to the app's loopback port, and Chromium applies form-action to redirects too.
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
} as const;

/** GET shows the current step's page; the pages' forms POST to /login and /consent. */
export function matchInteractionRoute(method: string | undefined, pathname: string): InteractionRoute | undefined {
  const match = ROUTE.exec(pathname);
  if (!match?.[1]) return undefined;
  const step = match[2] as 'login' | 'consent' | undefined;
  if (step === undefined) return method === 'GET' ? { uid: match[1], step: 'show' } : undefined;
  return method === 'POST' ? { uid: match[1], step } : undefined;
}

function sendPage(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, PAGE_HEADERS).end(html);
}

function sendStale(res: ServerResponse): void {
  sendPage(res, 400, problemPage('This sign-in has ended', 'It expired or was already finished. Start again from Scopekeeper.'));
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_FORM_BYTES) return undefined;
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

/**
 * The interaction this browser is in, if it is the one the URL names. oidc-provider finds it by
 * cookie, so a page from an older sign-in in another tab must not act on the newer one.
 */
async function currentInteraction(
  provider: Provider,
  route: InteractionRoute,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<Interaction | undefined> {
  try {
    const interaction = await provider.interactionDetails(req, res);
    return interaction.uid === route.uid ? interaction : undefined;
  } catch (error) {
    if (error instanceof errors.SessionNotFound) return undefined;
    throw error;
  }
}

interface ScopeDecision {
  granted: string[];
  rejected: string[];
}

function requestedScopes(interaction: Interaction): string[] {
  return [...new Set(interaction.params.scope?.split(' ') ?? [])];
}

function requestsOpenid(interaction: Interaction): boolean {
  return requestedScopes(interaction).includes('openid');
}

/** The scopes the consent page asks about: requested, known here, not `openid`, and not `kept`. */
function offeredScopes(interaction: Interaction, knownScopes: ReadonlySet<string>, kept: readonly string[]): string[] {
  return requestedScopes(interaction).filter((scope) => scope !== 'openid' && knownScopes.has(scope) && !kept.includes(scope));
}

/** The ticked offered scopes are granted and the others rejected; the `kept` ones stay granted. */
function decideScopes(offered: string[], ticked: string[], kept: readonly string[], openid: boolean): ScopeDecision {
  const granted = offered.filter((scope) => ticked.includes(scope));
  const rejected = offered.filter((scope) => !ticked.includes(scope));
  return { granted: [...new Set([...(openid ? ['openid'] : []), ...kept, ...granted])], rejected };
}

/**
 * A new Grant holding exactly this page's answer. Extending the session's previous grant would
 * keep a scope refused last time refused even when ticked now: a Grant cannot un-reject a scope.
 * The resource gets the OpenID Connect scopes as well (see resourceIndicators in configuration).
 */
async function saveGrant(provider: Provider, interaction: Interaction, resource: string, decision: ScopeDecision): Promise<string> {
  const accountId = interaction.session?.accountId;
  if (accountId === undefined) throw new Error('Consent was asked before sign-in.');
  const grant = new provider.Grant({ accountId, clientId: interaction.params.client_id });
  const isOidc = (scope: string) => OIDC_SCOPES.includes(scope);
  const { granted, rejected } = decision;
  if (granted.length) grant.addResourceScope(resource, granted.join(' '));
  if (rejected.length) grant.rejectResourceScope(resource, rejected.join(' '));
  if (granted.some(isOidc)) grant.addOIDCScope(granted.filter(isOidc).join(' '));
  if (rejected.some(isOidc)) grant.rejectOIDCScope(rejected.filter(isOidc).join(' '));
  return grant.save();
}

export function createInteractionHandler(provider: Provider, settings: InteractionSettings) {
  /** The last grant consented to per client and account, for `include_granted_scopes`. */
  const lastGrantIds = new Map<string, string>();
  const grantKey = (interaction: Interaction) => JSON.stringify([interaction.params.client_id, interaction.session?.accountId]);

  /**
   * The scopes this account already granted this client, when the request asks to keep them
   * (Google's `include_granted_scopes=true`): those of the last grant, unless it ended (revoked
   * or expired). They are granted again without asking.
   */
  async function keptScopes(interaction: Interaction): Promise<string[]> {
    if (!settings.incremental || interaction.params[INCLUDE_GRANTED_SCOPES] !== 'true') return [];
    const grantId = lastGrantIds.get(grantKey(interaction));
    const grant = grantId === undefined ? undefined : await provider.Grant.find(grantId);
    return grant?.getResourceScope(settings.apiResource).split(' ').filter(Boolean) ?? [];
  }

  async function showStep(res: ServerResponse, interaction: Interaction): Promise<void> {
    const { uid, prompt, session } = interaction;
    if (prompt.name === 'login') return sendPage(res, 200, loginPage({ serverName: settings.serverName, uid }));
    sendPage(res, 200, consentPage({
      serverName: settings.serverName,
      uid,
      accountId: session?.accountId ?? '',
      scopes: offeredScopes(interaction, settings.knownScopes, await keptScopes(interaction)),
      includesOpenid: requestsOpenid(interaction),
    }));
  }

  // Each step's result stands alone (mergeWithLastSubmission: false): merging would replay the
  // login result at consent, and oidc-provider would sign the person in again.
  async function login(req: IncomingMessage, res: ServerResponse, interaction: Interaction, form: URLSearchParams) {
    const username = form.get('username')?.trim();
    if (!username) {
      return sendPage(res, 400, loginPage({ serverName: settings.serverName, uid: interaction.uid, error: 'Enter a username.' }));
    }
    await provider.interactionFinished(req, res, { login: { accountId: username } }, { mergeWithLastSubmission: false });
  }

  async function consent(req: IncomingMessage, res: ServerResponse, interaction: Interaction, form: URLSearchParams) {
    if (form.get('decision') !== 'allow') {
      // The client's callback then gets error=access_denied with its state and iss (RFC 6749 §4.1.2.1).
      const denied = { error: 'access_denied', error_description: 'The person denied access.' };
      return provider.interactionFinished(req, res, denied, { mergeWithLastSubmission: false });
    }
    const kept = await keptScopes(interaction);
    const offered = offeredScopes(interaction, settings.knownScopes, kept);
    const decision = decideScopes(offered, form.getAll('scope'), kept, requestsOpenid(interaction));
    if (kept.length) {
      // The code (and so the tokens) carries the granted scopes the request named; resuming
      // reads the stored request, so the kept scopes are added to it.
      interaction.params.scope = [...new Set([...requestedScopes(interaction), ...kept])].join(' ');
      await interaction.persist();
    }
    const grantId = await saveGrant(provider, interaction, settings.apiResource, decision);
    lastGrantIds.set(grantKey(interaction), grantId);
    // A request with prompt=login keeps that prompt pending until a result names it (oidc-provider's
    // promptPending on resume): the login just given is handed on with the consent, or the person
    // would be asked to sign in again, forever.
    const relogin = String(interaction.params.prompt ?? '').split(' ').includes('login');
    await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: relogin });
  }

  return async function serveInteraction(route: InteractionRoute, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const interaction = await currentInteraction(provider, route, req, res);
    if (!interaction) return sendStale(res);
    if (route.step === 'show') return showStep(res, interaction);
    // A form from an earlier step (a reload, the back button) must not act on this one.
    if (route.step !== interaction.prompt.name) return sendStale(res);
    const form = await readForm(req);
    if (!form) return sendPage(res, 413, problemPage('Too much data', 'The form sent more than this page expects.'));
    await (route.step === 'login' ? login : consent)(req, res, interaction, form);
  };
}
