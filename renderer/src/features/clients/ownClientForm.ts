import type { ClientView } from '../../../../shared/ipc/contract';
import type { OwnClient } from '../../store';

/** What the person typed in "Use your own OAuth app"; the secret field is never filled from the main process. */
export interface OwnClientDraft {
  clientId: string;
  clientSecret: string;
  /** Tick to drop a saved secret (a public client after all). */
  removeSecret: boolean;
  redirectPort: string;
}

export type OwnClientField = 'clientId' | 'clientSecret' | 'redirectPort';
export type OwnClientProblems = Partial<Record<OwnClientField, string>>;

export const MIN_FIXED_PORT = 1024;
export const MAX_PORT = 65535;

/** The form as it opens: the saved own client's ID and port, never its secret. */
export function initialDraft(client: ClientView | undefined): OwnClientDraft {
  const own = client?.source === 'own' ? client : undefined;
  return {
    clientId: own?.clientId ?? '',
    clientSecret: '',
    removeSecret: false,
    redirectPort: own?.redirectPort === undefined ? '' : String(own.redirectPort),
  };
}

/** The providers:set-client limits, said in words before anything is sent. */
export function ownClientProblems(draft: OwnClientDraft, portRequired: boolean): OwnClientProblems {
  const problems: OwnClientProblems = {};
  const clientId = draft.clientId.trim();
  if (clientId === '') problems.clientId = 'Enter the client ID the provider gave your app.';
  else if (clientId.length > 500) problems.clientId = 'That client ID is too long (500 characters at most).';

  if (draft.clientSecret.length > 2000) problems.clientSecret = 'That client secret is too long (2,000 characters at most).';
  else if (draft.clientSecret !== '' && draft.clientSecret.trim() === '') problems.clientSecret = 'The client secret cannot be only spaces.';

  const port = draft.redirectPort.trim();
  if (port === '') {
    if (portRequired) problems.redirectPort = 'This provider accepts only one exact callback URL: enter the port you registered in it.';
  } else if (!/^\d+$/.test(port) || Number(port) < MIN_FIXED_PORT || Number(port) > MAX_PORT) {
    problems.redirectPort = `Enter a port number from ${MIN_FIXED_PORT} to ${MAX_PORT}, or leave it empty for any port.`;
  }
  return problems;
}

/** The port as typed, when it is a valid one. */
export function typedPort(draft: OwnClientDraft): number | undefined {
  const port = draft.redirectPort.trim();
  return /^\d+$/.test(port) && Number(port) >= MIN_FIXED_PORT && Number(port) <= MAX_PORT ? Number(port) : undefined;
}

export function redirectUriFor(port: number | undefined): string {
  return port === undefined ? 'http://127.0.0.1/callback' : `http://127.0.0.1:${port}/callback`;
}

/**
 * The request for a valid draft. An empty secret field keeps the saved secret (the main process
 * keeps it only for the same client ID); ticking "remove" sends null.
 */
export function toOwnClient(providerId: string, draft: OwnClientDraft): OwnClient {
  const port = typedPort(draft);
  const secret = draft.clientSecret !== '' ? draft.clientSecret : draft.removeSecret ? null : undefined;
  return {
    providerId,
    clientId: draft.clientId.trim(),
    ...(secret !== undefined ? { clientSecret: secret } : {}),
    ...(port !== undefined ? { redirectPort: port } : {}),
  };
}
