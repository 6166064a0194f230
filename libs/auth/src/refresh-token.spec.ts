import {
  hashRefreshToken,
  looksLikeRefreshToken,
  newRefreshToken,
  REFRESH_TOKEN_PREFIX,
  rotateRefreshToken,
} from './refresh-token';

describe('refresh tokens', () => {
  it('are prefixed, 256-bit, base64url', () => {
    const { token } = newRefreshToken();
    expect(token.startsWith(REFRESH_TOKEN_PREFIX)).toBe(true);
    expect(Buffer.from(token.slice(3), 'base64url')).toHaveLength(32);
    expect(looksLikeRefreshToken(token)).toBe(true);
  });

  it('are unique, and so are their families', () => {
    const many = Array.from({ length: 200 }, () => newRefreshToken());
    expect(new Set(many.map((t) => t.token)).size).toBe(200);
    expect(new Set(many.map((t) => t.hash)).size).toBe(200);
    expect(new Set(many.map((t) => t.family)).size).toBe(200);
    expect(many[0].family).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('hash to a deterministic SHA-256 hex that is not the token', () => {
    const t = newRefreshToken();
    expect(t.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hashRefreshToken(t.token)).toBe(t.hash);
    expect(t.hash).not.toContain(t.token.slice(3));
    // Known answer: SHA-256("abc").
    expect(hashRefreshToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('rotate within the family, with a fresh secret', () => {
    const first = newRefreshToken();
    const next = rotateRefreshToken(first.family);
    expect(next.family).toBe(first.family);
    expect(next.token).not.toBe(first.token);
    expect(next.hash).toBe(hashRefreshToken(next.token));
  });

  it('tell garbage from a token before any lookup', () => {
    for (const junk of [
      undefined,
      42,
      '',
      'rr_',
      'rr_short',
      `xx_${'a'.repeat(43)}`,
      `rr_${'a'.repeat(42)}!`,
    ]) {
      expect(looksLikeRefreshToken(junk)).toBe(false);
    }
  });
});
