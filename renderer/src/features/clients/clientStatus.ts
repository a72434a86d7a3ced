import type { ProviderView } from '../../../../shared/ipc/contract';

/** One line about the client a provider signs in with; never the secret, only whether there is one. */
export function clientStatus(provider: ProviderView): string {
  const client = provider.client;
  if (client === undefined) return `No OAuth client: ${provider.name} cannot be connected until you add your own.`;
  const details = [`client ID ${client.clientId}`, client.hasSecret ? 'secret saved' : 'no secret'];
  if (client.redirectPort !== undefined) details.push(`port ${client.redirectPort}`);
  if (client.source === 'registered') return `Signs in as the app Scopekeeper registered at ${provider.name}’s sign-in service (${details.join(', ')}).`;
  return client.source === 'own'
    ? `Signs in with your own OAuth app (${details.join(', ')}).`
    : `Signs in with this build’s OAuth app (${details.join(', ')}).`;
}
