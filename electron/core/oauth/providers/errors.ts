import type { ProviderInfo } from '../../../../shared/catalog';
import { ScopekeeperError } from '../../../../shared/ipc/errors';
import { toProviderError } from '../client';
import type { ProviderProtocol } from './types';

/**
 * A provider's failure as the person sees it: the provider's own `error` / `error_description`
 * kept intact in the details, and a sentence that names the provider, its error, and what to do
 * (the module's advice; e.g. Microsoft AADSTS65001: the organization needs admin approval).
 */
export function providerFailure(error: unknown, stage: string, protocol: ProviderProtocol, info: ProviderInfo): ScopekeeperError {
  const failure = toProviderError(error, stage);
  const code = failure.details?.error;
  // access_denied from a token endpoint is no refusal on the consent page (Atlassian: bad client credentials).
  const fromProvider = failure.code === 'PROVIDER_ERROR' || (failure.code === 'AUTH_DENIED' && stage !== 'authorization');
  if (!fromProvider || typeof code !== 'string' || failure.details?.advice !== undefined) return failure;
  const description = typeof failure.details?.error_description === 'string' ? failure.details.error_description : undefined;
  const advice = protocol.advice(code, description, info);
  if (!advice) return failure;
  return new ScopekeeperError('PROVIDER_ERROR', `${info.name} answered the ${stage} with “${code}”. ${advice}`, {
    ...failure.details,
    providerName: info.name,
    advice,
  });
}
