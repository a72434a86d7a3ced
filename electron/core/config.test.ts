import { describe, expect, it } from 'vitest';
import { parseProviderOverrides } from './config';

describe('parseProviderOverrides', () => {
  it('reads issuer, client and optional static endpoints per provider', () => {
    const json = JSON.stringify({
      google: { issuer: 'http://127.0.0.1:5000', clientId: 'c' },
      github: { issuer: 'http://127.0.0.1:5001', clientId: 'c', endpoints: { authorization: 'http://127.0.0.1:5001/auth', token: 'http://127.0.0.1:5001/token' } },
    });
    expect(parseProviderOverrides(json)).toMatchObject({ google: { clientId: 'c' }, github: { endpoints: { token: 'http://127.0.0.1:5001/token' } } });
  });

  it.each(['not json', '[]', '{"google":{"issuer":"ftp://x","clientId":"c"}}', '{"google":{"issuer":"http://127.0.0.1"}}'])(
    'refuses %s with a clear error',
    (json) => {
      expect(() => parseProviderOverrides(json)).toThrow(/SCOPEKEEPER_E2E_PROVIDER_OVERRIDES/);
    },
  );
});
