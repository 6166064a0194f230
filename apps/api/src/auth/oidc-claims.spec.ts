import { OidcConfig } from '@rampart/config';
import { mapClaims, rolesOf } from './oidc-claims';
import { StoredOidcLogin } from '@rampart/graph';
import { OidcLoginStore, sameBinding, sha256 } from './oidc-login-store';

const config: OidcConfig = {
  issuer: 'https://idp.example.org',
  clientId: 'rampart',
  clientSecret: 'secret',
  redirectUri: 'https://rampart.example.org/api/auth/oidc/callback',
  scopes: ['openid'],
  usernameClaim: 'preferred_username',
  rolesClaim: 'roles',
  clearanceClaim: 'clearance',
  roleMap: { 'sec-analysts': ['analyst'], 'sec-admins': ['admin', 'auditor'] },
};
const claims = (extra: Record<string, unknown>) => ({
  iss: 'https://idp.example.org',
  sub: 'u-1',
  preferred_username: 'ana',
  roles: ['analyst'],
  clearance: 'SECRET',
  ...extra,
});

describe('OpenID Connect claims', () => {
  it('maps username, roles and clearance, linked to issuer and subject', () => {
    expect(mapClaims(claims({}), config)).toEqual({
      externalId: 'https://idp.example.org u-1',
      username: 'ana',
      roles: ['analyst'],
      clearance: 'SECRET',
    });
  });

  it('reads roles from arrays or strings, keeps known roles and mapped names, ignores the rest', () => {
    expect(rolesOf(['auditor', 'sec-admins', 'wizard', 3], config.roleMap)).toEqual(['auditor', 'admin']);
    expect(rolesOf('sec-analysts, rse  other', config.roleMap)).toEqual(['rse', 'analyst']);
    expect(rolesOf(undefined, config.roleMap)).toEqual([]);
    expect(rolesOf(['constructor', 'toString'], config.roleMap)).toEqual([]);
  });

  it('refuses, saying why: bad username, no role, unknown or missing clearance, no subject', () => {
    const problem = (extra: Record<string, unknown>) =>
      (mapClaims(claims(extra), config) as { problem: string }).problem;
    expect(problem({ preferred_username: 'Ana Smith' })).toMatch(/not a valid Rampart username/);
    expect(problem({ preferred_username: undefined })).toBe(
      'the ID token has no claim preferred_username (the username)',
    );
    expect(problem({ roles: ['visitor'] })).toBe('ana has no Rampart role in claim roles');
    expect(problem({ clearance: 'COSMIC' })).toMatch(
      /^claim clearance of ana is not a clearance level \(UNCLASSIFIED, /,
    );
    expect(problem({ clearance: undefined })).toBe('ana has no claim clearance (the clearance)');
    expect(problem({ sub: '' })).toBe('the ID token has no subject (sub)');
    expect(mapClaims(claims({ roles: [] }), config)).toEqual({
      username: 'ana',
      problem: 'ana has no Rampart role in claim roles',
    });
  });
});

describe('OidcLoginStore', () => {
  const login = (binding: string) => ({ nonce: 'n', codeVerifier: 'v', bindingHash: sha256(binding) });

  // Taken once, expiry and capacity are the Cypher's (test/integration/shared-state.int-spec.ts).
  it('keeps pending sign-ins in the shared store, for ttlMs, and gives them back as they were', async () => {
    const rows = new Map<string, StoredOidcLogin>();
    const capacities: number[] = [];
    const store = new OidcLoginStore(
      {
        putOidcLogin: async (l, capacity) => void (rows.set(l.state, l), capacities.push(capacity)),
        takeOidcLogin: async (state, now) => {
          const l = rows.get(state);
          rows.delete(state);
          return l && l.expiresAt > now ? l : null;
        },
      },
      1000,
      7,
    );
    await store.put('s1', login('b1'), 5);
    expect(rows.get('s1')).toEqual({
      state: 's1',
      nonce: 'n',
      codeVerifier: 'v',
      bindingHash: sha256('b1').toString('hex'),
      expiresAt: 1005,
    });
    expect(capacities).toEqual([7]);
    const back = await store.take('s1', 999);
    expect(back).toEqual(login('b1'));
    expect(sameBinding(back!, 'b1')).toBe(true);
    expect(await store.take('s1', 999)).toBeUndefined();
    expect(await store.take('unknown', 0)).toBeUndefined();
  });

  it('checks the browser binding', () => {
    expect(sameBinding(login('cookie'), 'cookie')).toBe(true);
    expect(sameBinding(login('cookie'), 'other')).toBe(false);
    expect(sameBinding(login('cookie'), undefined)).toBe(false);
  });
});
