import { createHmac } from 'node:crypto';
import { exportSPKI, generateKeyPair, SignJWT } from 'jose';
import { AccessTokenInput, AccessTokens, TokenError } from './access-token';

const SECRET = 'a-test-secret-that-is-long-enough-for-hs256!';
const INPUT: AccessTokenInput = {
  sub: 'user-1',
  username: 'alice',
  roles: ['analyst', 'auditor'],
  clearance: 'OFFICIAL',
  personId: 'person-7',
  sid: 'family-1',
};

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
const T0 = new Date('2030-01-01T00:00:00Z');

/** A clock the test moves by hand. */
function clock(start = T0) {
  let t = start.getTime();
  return { now: () => new Date(t), advance: (seconds: number) => (t += seconds * 1000) };
}

/** What a valid token's payload looks like, to forge variants with the right key. */
function payload(overrides: Record<string, unknown> = {}) {
  const iat = Math.floor(Date.now() / 1000);
  return {
    typ: 'access',
    sub: 'user-1',
    username: 'alice',
    roles: ['analyst'],
    clearance: 'OFFICIAL',
    personId: null,
    sid: 'family-1',
    iss: 'rampart',
    aud: 'rampart-api',
    iat,
    exp: iat + 900,
    jti: 'j-1',
    ...overrides,
  };
}

/** An HS256 token over any payload, signed with our own secret (so only the claim checks can refuse it). */
function hs256(
  body: Record<string, unknown>,
  secret: string | Buffer = SECRET,
  header: object = { alg: 'HS256' },
) {
  const signingInput = `${b64(header)}.${b64(body)}`;
  const sig = createHmac('sha256', secret).update(signingInput).digest('base64url');
  return `${signingInput}.${sig}`;
}

async function refusal(tokens: AccessTokens, token: string): Promise<TokenError> {
  try {
    await tokens.verify(token);
  } catch (e) {
    expect(e).toBeInstanceOf(TokenError);
    const { message, detail } = e as TokenError;
    for (const part of token.split('.').filter((p) => p.length > 3))
      expect(message + detail).not.toContain(part);
    expect(message + detail).not.toContain('alice');
    return e as TokenError;
  }
  throw new Error('the token was accepted');
}

describe('AccessTokens', () => {
  const tokens = new AccessTokens({ secret: SECRET });

  it('round-trips the claims', async () => {
    const c = clock();
    const t = new AccessTokens({ secret: SECRET, now: c.now });
    const { token, expiresIn } = await t.sign(INPUT);
    expect(expiresIn).toBe(900);
    const claims = await t.verify(token);
    expect(claims).toEqual({
      ...INPUT,
      typ: 'access',
      iss: 'rampart',
      aud: 'rampart-api',
      iat: T0.getTime() / 1000,
      exp: T0.getTime() / 1000 + 900,
      jti: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    const header = JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString());
    expect(header).toEqual({ alg: 'HS256', typ: 'JWT' });
  });

  it('gives every token its own jti', async () => {
    const a = await tokens.verify((await tokens.sign(INPUT)).token);
    const b = await tokens.verify((await tokens.sign(INPUT)).token);
    expect(a.jti).not.toBe(b.jti);
  });

  it('accepts a Uint8Array secret and a null personId', async () => {
    const t = new AccessTokens({ secret: new Uint8Array(32).fill(7), ttlSeconds: 60 });
    const { token, expiresIn } = await t.sign({ ...INPUT, personId: null });
    expect(expiresIn).toBe(60);
    expect((await t.verify(token)).personId).toBeNull();
  });

  it('refuses an expired token with reason expired, up to the second', async () => {
    const c = clock();
    const t = new AccessTokens({ secret: SECRET, ttlSeconds: 900, now: c.now });
    const { token } = await t.sign(INPUT);
    c.advance(899);
    await expect(t.verify(token)).resolves.toMatchObject({ sub: 'user-1' });
    c.advance(1);
    const e = await refusal(t, token);
    expect(e.reason).toBe('expired');
    expect(e.message).toBe('access token expired');
  });

  it('refuses a tampered payload', async () => {
    const { token } = await tokens.sign(INPUT);
    const [h, , s] = token.split('.');
    const forged = `${h}.${b64({ ...payload(), roles: ['admin'] })}.${s}`;
    const e = await refusal(tokens, forged);
    expect(e).toMatchObject({ reason: 'invalid', detail: 'signature', message: 'access token invalid' });
  });

  it('refuses a tampered signature', async () => {
    const { token } = await tokens.sign(INPUT);
    const [h, p, s] = token.split('.');
    const flipped = (s[0] === 'A' ? 'B' : 'A') + s.slice(1);
    expect((await refusal(tokens, `${h}.${p}.${flipped}`)).reason).toBe('invalid');
    expect((await refusal(tokens, `${h}.${p}.`)).reason).toBe('invalid');
  });

  it('refuses a token signed with another secret', async () => {
    const other = new AccessTokens({ secret: 'x'.repeat(32) });
    expect((await refusal(tokens, (await other.sign(INPUT)).token)).detail).toBe('signature');
  });

  it('refuses alg none', async () => {
    const body = b64(payload({ roles: ['admin'] }));
    for (const header of [{ alg: 'none' }, { alg: 'none', typ: 'JWT' }, { alg: 'NONE' }]) {
      const e = await refusal(tokens, `${b64(header)}.${body}.`);
      expect(e.reason).toBe('invalid');
    }
  });

  it('refuses HS/RS confusion: an RS256 token, and an HS256 token keyed with the public key PEM', async () => {
    const { privateKey, publicKey } = await generateKeyPair('RS256');
    const rs = await new SignJWT(payload()).setProtectedHeader({ alg: 'RS256' }).sign(privateKey);
    expect((await refusal(tokens, rs)).detail).toBe('algorithm');

    const pem = await exportSPKI(publicKey);
    const confused = hs256(payload(), pem);
    expect((await refusal(tokens, confused)).detail).toBe('signature');
    // Even a verifier whose configured secret IS that PEM only ever runs HMAC with it: there is no
    // path on which the PEM is used as an RSA key, so an RS256 token is still refused.
    const pemKeyed = new AccessTokens({ secret: pem });
    await expect(pemKeyed.verify(rs)).rejects.toMatchObject({ reason: 'invalid', detail: 'algorithm' });
  });

  it('refuses another HMAC algorithm than HS256, even with the right key', async () => {
    const body = `${b64({ alg: 'HS512' })}.${b64(payload())}`;
    const sig = createHmac('sha512', SECRET).update(body).digest('base64url');
    expect((await refusal(tokens, `${body}.${sig}`)).detail).toBe('algorithm');
  });

  it('refuses a wrong issuer or audience', async () => {
    expect((await refusal(tokens, hs256(payload({ iss: 'someone-else' })))).detail).toBe('claim iss');
    expect((await refusal(tokens, hs256(payload({ aud: 'another-api' })))).detail).toBe('claim aud');
    const otherAudience = new AccessTokens({ secret: SECRET, audience: 'rampart-web' });
    await expect(tokens.verify((await otherAudience.sign(INPUT)).token)).rejects.toMatchObject({
      reason: 'invalid',
    });
  });

  it('refuses a wrong or missing typ', async () => {
    expect((await refusal(tokens, hs256(payload({ typ: 'refresh' })))).detail).toBe('claim typ');
    expect((await refusal(tokens, hs256(payload({ typ: undefined })))).detail).toBe('claim typ');
  });

  it('refuses claims of the wrong shape', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ roles: ['root'] }, 'claim roles'],
      [{ roles: 'admin' }, 'claim roles'],
      [{ username: 42 }, 'claim username'],
      [{ clearance: '' }, 'claim clearance'],
      [{ personId: undefined }, 'claim personId'],
      [{ personId: 7 }, 'claim personId'],
      [{ sub: undefined }, 'claim sub'],
      [{ jti: undefined }, 'claim jti'],
      // A token from before sign-out revoked access tokens names no sign-in: refused, refresh again.
      [{ sid: undefined }, 'claim sid'],
      [{ sid: '' }, 'claim sid'],
      [{ exp: undefined }, 'claim exp'],
      [{ iat: undefined }, 'claim iat'],
    ];
    for (const [overrides, detail] of cases) {
      const e = await refusal(tokens, hs256(payload(overrides)));
      expect([e.reason, e.detail]).toEqual(['invalid', detail]);
    }
  });

  it('refuses garbage without echoing it', async () => {
    for (const junk of ['', 'abc', 'a.b.c', 'x'.repeat(10000), `${b64({ alg: 'HS256' })}.%%%.`]) {
      expect((await refusal(tokens, junk)).reason).toBe('invalid');
    }
  });

  it('rejects a secret shorter than 32 bytes at construction', () => {
    expect(() => new AccessTokens({ secret: 'x'.repeat(31) })).toThrow('at least 32 bytes');
    expect(() => new AccessTokens({ secret: new Uint8Array(31) })).toThrow('at least 32 bytes');
    // 11 characters, 33 bytes of UTF-8: bytes are what count.
    expect(() => new AccessTokens({ secret: '€'.repeat(11) })).not.toThrow();
    expect(() => new AccessTokens({ secret: SECRET, ttlSeconds: 0 })).toThrow('ttlSeconds');
  });
});
