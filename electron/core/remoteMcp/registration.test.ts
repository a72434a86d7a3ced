import { describe, expect, it } from 'vitest';
import { chooseClient } from './registration';

const CIMD = 'https://scopekeeper.example/oauth/client-metadata.json';
const withEverything = { registration_endpoint: 'https://auth.example.com/reg', client_id_metadata_document_supported: true };

describe('which client signs in to an MCP server’s authorization server (the spec’s order)', () => {
  it('the person’s own client first, whatever else the server offers', () => {
    expect(chooseClient({ own: true, metadataDocument: CIMD, server: withEverything, registered: true })).toEqual({ kind: 'own' });
  });

  it('then the build’s Client ID Metadata Document, only where the server says it accepts one', () => {
    expect(chooseClient({ own: false, metadataDocument: CIMD, server: withEverything, registered: true })).toEqual({ kind: 'metadata-document', clientId: CIMD });
    expect(chooseClient({ own: false, metadataDocument: CIMD, server: { ...withEverything, client_id_metadata_document_supported: 'yes' }, registered: false })).toEqual({
      kind: 'register',
      endpoint: 'https://auth.example.com/reg',
    });
    expect(chooseClient({ own: false, metadataDocument: undefined, server: withEverything, registered: false }).kind).toBe('register');
  });

  it('then the client registered there before (reused), then a new registration, else none', () => {
    expect(chooseClient({ own: false, metadataDocument: undefined, server: withEverything, registered: true })).toEqual({ kind: 'registered' });
    expect(chooseClient({ own: false, metadataDocument: undefined, server: {}, registered: true })).toEqual({ kind: 'registered' });
    expect(chooseClient({ own: false, metadataDocument: CIMD, server: {}, registered: false })).toEqual({ kind: 'none' });
  });
});
