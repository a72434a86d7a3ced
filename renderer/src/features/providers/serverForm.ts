import type { RequestOf } from '../../../../shared/ipc/contract';
import type { NewServer } from '../../store';

/** What the person types to add (or edit) a server; empty strings for fields left blank. */
export interface ServerDraft {
  /** 'issuer': discovery at the issuer URL; 'endpoints': a server that publishes no metadata. */
  mode: 'issuer' | 'endpoints';
  name: string;
  issuer: string;
  authorization: string;
  token: string;
  revocation: string;
  userinfo: string;
  clientId: string;
  clientSecret: string;
}

export type ServerField = Exclude<keyof ServerDraft, 'mode'>;
export type ServerProblems = Partial<Record<ServerField, string>>;

export const EMPTY_SERVER: ServerDraft = {
  mode: 'issuer',
  name: '',
  issuer: '',
  authorization: '',
  token: '',
  revocation: '',
  userinfo: '',
  clientId: '',
  clientSecret: '',
};

const ENDPOINT_LABELS = { authorization: 'authorization', token: 'token', revocation: 'revocation', userinfo: 'userinfo' } as const;

/** The same limits as the providers:add contract, said in words before the request is sent. */
export function serverProblems(server: ServerDraft): ServerProblems {
  const problems: ServerProblems = {};
  const name = server.name.trim();
  if (name === '') problems.name = 'Give the server a name, such as the company it belongs to.';
  else if (name.length > 80) problems.name = 'Keep the name to 80 characters or fewer.';

  if (server.mode === 'issuer') {
    const issuer = server.issuer.trim();
    if (issuer === '') problems.issuer = 'Enter the issuer URL, such as https://login.example.com.';
    else if (!isWebUrl(issuer)) problems.issuer = 'The issuer URL must be a web address starting with https:// (or http://).';
  } else {
    for (const field of ['authorization', 'token', 'revocation', 'userinfo'] as const) {
      const value = server[field].trim();
      const required = field === 'authorization' || field === 'token';
      if (value === '' && required) problems[field] = `Enter the ${ENDPOINT_LABELS[field]} endpoint, such as https://login.example.com/oauth/${field === 'token' ? 'token' : 'authorize'}.`;
      else if (value !== '' && !isWebUrl(value)) problems[field] = `The ${ENDPOINT_LABELS[field]} endpoint must be a web address starting with https:// (or http://).`;
    }
  }

  const clientId = server.clientId.trim();
  if (clientId === '') problems.clientId = 'Enter the client ID the server gave you for Scopekeeper.';
  else if (clientId.length > 500) problems.clientId = 'That client ID is too long.';
  if (server.clientSecret.length > 2000) problems.clientSecret = 'That client secret is too long (2,000 characters at most).';
  return problems;
}

/** The providers:add request for a valid draft; optional fields left blank are left out. */
export function toNewServer(server: ServerDraft): NewServer {
  const optional = (value: string): string | undefined => (value.trim() === '' ? undefined : value.trim());
  const where =
    server.mode === 'issuer'
      ? { issuer: server.issuer.trim() }
      : {
          endpoints: {
            authorization: server.authorization.trim(),
            token: server.token.trim(),
            ...(optional(server.revocation) ? { revocation: optional(server.revocation)! } : {}),
            ...(optional(server.userinfo) ? { userinfo: optional(server.userinfo)! } : {}),
          },
        };
  return {
    name: server.name.trim(),
    ...where,
    clientId: server.clientId.trim(),
    ...(server.clientSecret !== '' ? { clientSecret: server.clientSecret } : {}),
  };
}

/** The providers:edit-server request: an empty secret keeps the saved one. */
export function toEditedServer(providerId: string, server: ServerDraft): RequestOf<'providers:edit-server'> {
  return { providerId, ...toNewServer(server) };
}

function isWebUrl(text: string): boolean {
  try {
    return /^https?:$/.test(new URL(text).protocol) && text.length <= 500;
  } catch {
    return false;
  }
}
