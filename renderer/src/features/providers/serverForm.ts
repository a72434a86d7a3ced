import type { NewServer } from '../../store';

export type ServerField = keyof NewServer;
export type ServerProblems = Partial<Record<ServerField, string>>;

/** The same limits as the providers:add contract, said in words before the request is sent. */
export function serverProblems(server: NewServer): ServerProblems {
  const problems: ServerProblems = {};
  const name = server.name.trim();
  if (name === '') problems.name = 'Give the server a name, such as the company it belongs to.';
  else if (name.length > 80) problems.name = 'Keep the name to 80 characters or fewer.';

  const issuer = server.issuer.trim();
  if (issuer === '') problems.issuer = 'Enter the issuer URL, such as https://login.example.com.';
  else if (!/^https?:$/.test(urlProtocol(issuer)) || issuer.length > 500) {
    problems.issuer = 'The issuer URL must be a web address starting with https:// (or http://).';
  }

  const clientId = server.clientId.trim();
  if (clientId === '') problems.clientId = 'Enter the client ID the server gave you for Scopekeeper.';
  else if (clientId.length > 500) problems.clientId = 'That client ID is too long.';
  return problems;
}

function urlProtocol(text: string): string {
  try {
    return new URL(text).protocol;
  } catch {
    return '';
  }
}
