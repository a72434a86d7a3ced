import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createAuthorizationChecks } from './pkce';

describe('createAuthorizationChecks', () => {
  it('makes an RFC 7636 verifier of 43 base64url characters', async () => {
    const { codeVerifier } = await createAuthorizationChecks();
    expect(codeVerifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('derives the S256 challenge from the verifier', async () => {
    const checks = await createAuthorizationChecks();
    const expected = createHash('sha256').update(checks.codeVerifier).digest('base64url');
    expect(checks.codeChallengeMethod).toBe('S256');
    expect(checks.codeChallenge).toBe(expected);
    expect(checks.codeChallenge).not.toBe(checks.codeVerifier);
  });

  it('never repeats a verifier or a state across attempts', async () => {
    const attempts = await Promise.all(Array.from({ length: 50 }, () => createAuthorizationChecks()));
    expect(new Set(attempts.map((a) => a.codeVerifier)).size).toBe(50);
    expect(new Set(attempts.map((a) => a.state)).size).toBe(50);
    for (const { state } of attempts) expect(state).toMatch(/^[A-Za-z0-9_-]{43,}$/);
  });
});
