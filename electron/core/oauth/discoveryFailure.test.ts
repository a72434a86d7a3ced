import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { ScopekeeperError } from '../../../shared/ipc/errors';
import { discover } from './client';

async function listen(handler: Parameters<typeof createServer>[1]): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

async function discoveryError(issuer: string): Promise<ScopekeeperError> {
  const error: unknown = await discover(issuer, 'client', fetch).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ScopekeeperError);
  return error as ScopekeeperError;
}

describe('discovery failures name their cause', () => {
  it('nothing listening at the address: not-listening', async () => {
    const closed = await listen((_req, res) => res.end());
    await closed.close();
    const error = await discoveryError(closed.url);
    expect(error.code).toBe('PROVIDER_UNREACHABLE');
    expect(error.details).toMatchObject({ issuer: closed.url, cause: 'not-listening' });
  });

  it('a server that answers 404 at the well-known paths: no-metadata, with the URL it looked at', async () => {
    const server = await listen((_req, res) => {
      res.statusCode = 404;
      res.end('Not found');
    });
    try {
      const issuer = `${server.url}/wrong-path`;
      const error = await discoveryError(issuer);
      expect(error.details).toMatchObject({
        cause: 'no-metadata',
        metadataUrl: `${issuer}/.well-known/openid-configuration`,
      });
    } finally {
      await server.close();
    }
  });

  it('a server that answers with something that is not metadata: no-metadata', async () => {
    const server = await listen((_req, res) => {
      res.setHeader('content-type', 'text/html');
      res.end('<html>hello</html>');
    });
    try {
      expect((await discoveryError(server.url)).details).toMatchObject({ cause: 'no-metadata' });
    } finally {
      await server.close();
    }
  });
});
