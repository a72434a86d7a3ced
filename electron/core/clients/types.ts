/**
 * The OAuth client Scopekeeper signs in as with one provider: the build's own (built-in,
 * resources/oauth-clients.json) or one the person registered themselves (own), which takes
 * precedence. A desktop app's client secret is not confidential (RFC 8252 §8.5: anyone can read it
 * out of the app), but some providers require it anyway (Google desktop clients, Atlassian, GitHub
 * for revocation): it is still never logged and never sent to the renderer.
 */
export interface OAuthClient {
  clientId: string;
  clientSecret?: string;
  /**
   * A fixed loopback port for providers that match the registered callback URL exactly
   * (Atlassian): the receiver listens on `http://127.0.0.1:{redirectPort}/callback`.
   */
  redirectPort?: number;
  source: 'built-in' | 'own';
}
