import { Logger } from '@nestjs/common';
import { AccessTokens, hashPassword, hashRefreshToken, newRefreshToken } from '@rampart/auth';
import { AuthConfig } from '@rampart/config';
import { AuditEntry, DomainError, StoredUser } from '@rampart/domain';
import { RefreshTokenRepository, SpendResult, StoredRefreshToken, UserRepository } from '@rampart/graph';
import { AuditService } from '@rampart/audit';
import { AuthService } from './auth.service';
import { SignInThrottle } from './sign-in-throttle';

const NOW = new Date('2026-03-01T10:00:00.000Z');
const PASSWORD = 'correct horse battery';
const SECRET = 'a'.repeat(40);

let hash: string;
beforeAll(async () => {
  Logger.overrideLogger(false);
  hash = await hashPassword(PASSWORD);
});

const stored = (over: Partial<StoredUser> = {}): StoredUser => ({
  id: 'u-1',
  username: 'alice',
  roles: ['analyst'],
  clearance: 'SECRET',
  personId: 'p-1',
  organizationIds: null,
  disabled: false,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  passwordHash: hash,
  ...over,
});

/** The service with in-memory stand-ins; `calls` records what reached the stores. */
function setup(opts: { users?: StoredUser[]; spend?: SpendResult; revoked?: boolean; clock?: Date } = {}) {
  const users = opts.users ?? [stored()];
  const calls = { byUsername: [] as string[], created: [] as unknown[], spent: [] as unknown[][] };
  const revokedFamilies: [string, string][] = [];
  const audit: AuditEntry[] = [];
  const userRepo = {
    byUsername: async (name: string) => (calls.byUsername.push(name), users.find((u) => u.username === name)),
    byId: async (id: string) => users.find((u) => u.id === id),
    sessionCheck: async (id: string) => ({
      user: users.find((u) => u.id === id) ?? null,
      signedOut: opts.revoked ?? false,
      graphVersion: { version: 7, writes: 0 },
    }),
  } as unknown as UserRepository;
  const refreshTokens = {
    create: async (t: unknown) => void calls.created.push(t),
    spend: async (h: string, at: string) => (calls.spent.push([h, at]), opts.spend ?? { outcome: 'unknown' }),
    revokeFamily: async (family: string, at: string) => (revokedFamilies.push([family, at]), 1),
  } as unknown as RefreshTokenRepository;
  const tokens = new AccessTokens({ secret: SECRET, ttlSeconds: 900, now: () => opts.clock ?? NOW });
  const throttle = new SignInThrottle({ maxFailures: 2, maxFailuresPerAddress: 50, lockSeconds: 60 });
  const config = { refreshTokenTtlSeconds: 3600 } as AuthConfig;
  const auditService = {
    recordQuietly: async (e: AuditEntry) => void audit.push(e),
  } as unknown as AuditService;
  const service = new AuthService(config, tokens, throttle, auditService, userRepo, refreshTokens);
  return { service, calls, revokedFamilies, audit, tokens };
}

const failure = async (p: Promise<unknown>) => {
  const e = await p.then(
    () => undefined,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(DomainError);
  return { code: (e as DomainError).code, message: (e as DomainError).message };
};

const token = (over: Partial<StoredRefreshToken> = {}): StoredRefreshToken => ({
  hash: 'h',
  family: 'fam-1',
  userId: 'u-1',
  issuedAt: '2026-02-28T10:00:00.000Z',
  expiresAt: '2026-03-05T10:00:00.000Z',
  revoked: false,
  ...over,
});

describe('AuthService.login', () => {
  it('refuses a body without a username and password before any lookup', async () => {
    const { service, calls, audit } = setup();
    expect(await failure(service.login('alice', 42, {}, NOW))).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(await failure(service.login('', PASSWORD, {}, NOW))).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(calls.byUsername).toEqual([]);
    expect(audit).toEqual([]);
  });

  it('issues an access token for the account and a refresh token stored by hash, with the family end', async () => {
    const { service, calls, audit, tokens } = setup();
    const pair = await service.login('alice', PASSWORD, { address: '10.0.0.1', requestId: 'r-1' }, NOW);
    expect(pair).toMatchObject({ expiresIn: 900, tokenType: 'Bearer' });
    const claims = await tokens.verify(pair.accessToken);
    expect(claims).toMatchObject({ sub: 'u-1', username: 'alice', roles: ['analyst'], clearance: 'SECRET' });
    expect(calls.created).toEqual([
      {
        hash: hashRefreshToken(pair.refreshToken),
        family: claims.sid,
        userId: 'u-1',
        issuedAt: '2026-03-01T10:00:00.000Z',
        expiresAt: '2026-03-01T11:00:00.000Z',
      },
    ]);
    expect(audit).toEqual([
      expect.objectContaining({
        actor: 'alice',
        action: 'sign-in',
        operation: 'POST /api/auth/login',
        outcome: 'success',
        requestId: 'r-1',
        detail: 'signed in from 10.0.0.1',
      }),
    ]);
  });

  // The account as stored (built per test: the hash is made before any test runs).
  it.each([
    ['a wrong password', 'alice', 'not the password!', {}],
    ['an unknown username', 'bob', PASSWORD, {}],
    ['a disabled account', 'alice', PASSWORD, { disabled: true }],
    ['an OpenID Connect account', 'alice', PASSWORD, { source: 'oidc' as const }],
  ])('answers %s with the one message, and records the failure', async (_, name, password, over) => {
    const users = [stored(over)];
    expect(users[0].passwordHash).toMatch(/^\$argon2id\$/); // the right password, in every case
    const { service, audit, calls } = setup({ users });
    expect(await failure(service.login(name, password, { address: '10.0.0.2' }, NOW))).toEqual({
      code: 'UNAUTHENTICATED',
      message: 'Wrong username or password.',
    });
    expect(calls.created).toEqual([]);
    expect(audit.map((a) => [a.actor, a.outcome, a.detail])).toEqual([
      [name, 'failure', 'wrong username or password from 10.0.0.2'],
    ]);
  });

  it('never writes an odd username (a password typed in the wrong field) to the trail', async () => {
    const { service, audit } = setup();
    await failure(service.login('My Secret Pass!', PASSWORD, {}, NOW));
    expect(audit[0]).toMatchObject({
      actor: '(not a valid username)',
      detail: 'wrong username or password from unknown',
    });
  });

  it('refuses a locked username before looking it up, even with the right password', async () => {
    const { service, calls, audit } = setup();
    await failure(service.login('alice', 'wrong password 1', {}, NOW));
    await failure(service.login('alice', 'wrong password 2', {}, NOW));
    expect(await failure(service.login('alice', PASSWORD, {}, NOW))).toMatchObject({ code: 'RATE_LIMITED' });
    expect(calls.byUsername).toEqual(['alice', 'alice']);
    expect(audit[2]).toMatchObject({
      outcome: 'failure',
      detail: 'refused: too many failed sign-ins from unknown',
    });
  });
});

describe('AuthService.refresh', () => {
  it('refuses a token of the wrong shape without touching the store', async () => {
    const { service, calls } = setup();
    expect(await failure(service.refresh('rr_short', NOW))).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(calls.spent).toEqual([]);
  });

  it('revokes the whole family when a spent token comes back', async () => {
    const { service, revokedFamilies, calls } = setup({ spend: { outcome: 'reused', token: token() } });
    const presented = newRefreshToken().token;
    const e = await failure(service.refresh(presented, NOW));
    expect(e.message).toMatch(/already used/);
    expect(calls.spent).toEqual([[hashRefreshToken(presented), NOW.toISOString()]]);
    expect(revokedFamilies).toEqual([['fam-1', NOW.toISOString()]]);
  });

  it('refuses an expired token without revoking, and ends the family of a disabled account', async () => {
    const expired = setup({ spend: { outcome: 'expired', token: token() } });
    expect((await failure(expired.service.refresh(newRefreshToken().token, NOW))).message).toMatch(
      /sign in again/,
    );
    expect(expired.revokedFamilies).toEqual([]);
    const disabled = setup({
      users: [stored({ disabled: true })],
      spend: { outcome: 'spent', token: token() },
    });
    await failure(disabled.service.refresh(newRefreshToken().token, NOW));
    expect(disabled.revokedFamilies).toEqual([['fam-1', NOW.toISOString()]]);
  });

  it('rotates within the family and keeps its end: rotation never extends a sign-in', async () => {
    const { service, calls, tokens } = setup({ spend: { outcome: 'spent', token: token() } });
    const presented = newRefreshToken().token;
    const pair = await service.refresh(presented, NOW);
    expect(pair.refreshToken).not.toBe(presented);
    expect((await tokens.verify(pair.accessToken)).sid).toBe('fam-1');
    expect(calls.created).toEqual([
      {
        hash: hashRefreshToken(pair.refreshToken),
        family: 'fam-1',
        userId: 'u-1',
        issuedAt: NOW.toISOString(),
        expiresAt: '2026-03-05T10:00:00.000Z',
      },
    ]);
  });
});

describe('AuthService sessions', () => {
  it('logout ends the refresh token family and the sign-in of a valid bearer token', async () => {
    const { service, revokedFamilies, tokens } = setup({ spend: { outcome: 'spent', token: token() } });
    const bearer = await tokens.sign({
      sub: 'u-1',
      username: 'alice',
      roles: [],
      clearance: 'SECRET',
      personId: null,
      sid: 'fam-2',
    });
    await service.logout(newRefreshToken().token, `Bearer ${bearer.token}`, NOW);
    expect(revokedFamilies).toEqual([
      ['fam-1', NOW.toISOString()],
      ['fam-2', NOW.toISOString()],
    ]);
  });

  it('logout ignores garbage and invalid bearer tokens', async () => {
    const { service, revokedFamilies, calls } = setup({ spend: { outcome: 'spent', token: token() } });
    await service.logout('nonsense', 'Bearer not.a.jwt', NOW);
    expect(calls.spent).toEqual([]);
    expect(revokedFamilies).toEqual([]);
  });

  it('verify says why a bearer token is refused', async () => {
    const { service, tokens } = setup();
    const signed = await tokens.sign({
      sub: 'u-1',
      username: 'alice',
      roles: [],
      clearance: 'SECRET',
      personId: null,
      sid: 'f',
    });
    expect((await failure(service.verify(undefined))).message).toMatch(/^Sign in first/);
    expect((await failure(service.verify(`Bearer ${signed.token}x`))).message).toMatch(/not valid/);
    const later = setup({ clock: new Date(NOW.getTime() + 901_000) });
    expect((await failure(later.service.verify(`Bearer ${signed.token}`))).message).toMatch(/expired/);
    expect((await service.verify(`bearer ${signed.token}`)).sub).toBe('u-1');
  });

  it('authenticate gives the account as stored now, without its secrets', async () => {
    const { service, tokens } = setup({
      users: [stored({ roles: ['admin'], source: 'oidc', externalId: 'https://idp x' })],
    });
    const signed = await tokens.sign({
      sub: 'u-1',
      username: 'alice',
      roles: ['analyst'],
      clearance: 'OFFICIAL',
      personId: null,
      sid: 'f',
    });
    const user = await service.authenticate(`Bearer ${signed.token}`);
    expect(user).toEqual({
      id: 'u-1',
      username: 'alice',
      roles: ['admin'],
      clearance: 'SECRET',
      personId: 'p-1',
      organizationIds: null,
      disabled: false,
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
    });
  });

  it('authenticate refuses a disabled account first, then an ended sign-in', async () => {
    const claims = {
      sub: 'u-1',
      username: 'alice',
      roles: [],
      clearance: 'SECRET',
      personId: null,
      sid: 'f',
    };
    const disabled = setup({ users: [stored({ disabled: true })], revoked: true });
    const t1 = await disabled.tokens.sign(claims);
    expect((await failure(disabled.service.authenticate(`Bearer ${t1.token}`))).message).toMatch(/disabled/);
    const ended = setup({ revoked: true });
    const t2 = await ended.tokens.sign(claims);
    expect((await failure(ended.service.authenticate(`Bearer ${t2.token}`))).message).toMatch(/signed out/);
  });

  it('records external sign-ins and refusals under a safe actor name', async () => {
    const { service, audit, tokens } = setup();
    const client = { operation: 'GET /api/auth/oidc/callback', via: 'OpenID Connect', address: '10.0.0.9' };
    const pair = await service.signInExternal(stored(), client, NOW);
    expect((await tokens.verify(pair.accessToken)).username).toBe('alice');
    await service.refuseExternal(null, 'no account', client);
    await service.refuseExternal('Not Valid', 'no account', client);
    expect(audit.map((a) => [a.actor, a.outcome, a.operation, a.detail])).toEqual([
      ['alice', 'success', client.operation, 'signed in through OpenID Connect from 10.0.0.9'],
      ['(unknown)', 'failure', client.operation, 'refused: no account from 10.0.0.9'],
      ['(not a valid username)', 'failure', client.operation, 'refused: no account from 10.0.0.9'],
    ]);
  });
});
