/** What the placeholder shows, and what `npm start` and `npm run sandbox` use by default. */
export const SANDBOX_ADDRESS_EXAMPLE = 'http://127.0.0.1:4890';

/** Hosts that mean "this computer" (URL.hostname keeps an IPv6 address's brackets). */
const LOOPBACK_HOSTS: readonly string[] = ['127.0.0.1', 'localhost', '[::1]'];

/** The settings:set-sandbox contract's limit. */
const MAX_LENGTH = 200;

/**
 * What is wrong with a typed sandbox address, in words, before anything is sent; undefined when
 * it can be sent. Only plain http on this computer: the main process accepts nothing else for the
 * Sandbox (and checks that a server answers there).
 */
export function sandboxAddressProblem(text: string): string | undefined {
  const address = text.trim();
  if (address === '') return `Enter the address npm run sandbox printed, such as ${SANDBOX_ADDRESS_EXAMPLE}.`;
  const url = parsedUrl(address);
  if (url === null) return `That is not a web address. Enter it the way npm run sandbox prints it, such as ${SANDBOX_ADDRESS_EXAMPLE}.`;
  if (url.protocol !== 'http:' || !LOOPBACK_HOSTS.includes(url.hostname)) {
    return `The sandbox runs on this computer, so its address starts with http://127.0.0.1 or http://localhost, such as ${SANDBOX_ADDRESS_EXAMPLE}.`;
  }
  if (address.length > MAX_LENGTH) return `That address is too long; keep it to ${MAX_LENGTH} characters or fewer.`;
  return undefined;
}

function parsedUrl(text: string): URL | null {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}
