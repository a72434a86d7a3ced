/**
 * An OAuth client Scopekeeper signs in with at one provider. A desktop app's client secret is not
 * confidential (RFC 8252 §8.5: anyone can read it out of the app), but some providers require it
 * anyway (Google desktop clients, Atlassian, GitHub for revocation): it is still never logged and
 * never sent to the renderer.
 */
export interface OAuthClient {
  clientId: string;
  clientSecret?: string;
  /**
   * A fixed loopback port for providers that match the registered callback URL exactly
   * (Atlassian): the receiver listens on `http://127.0.0.1:{redirectPort}/callback`.
   */
  redirectPort?: number;
  /** The build's own client (resources/oauth-clients.json) or one the person entered. */
  source: 'built-in' | 'own';
}
