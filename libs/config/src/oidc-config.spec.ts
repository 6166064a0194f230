import * as path from 'node:path';
import { SECRET_VARIABLES } from './config.schema';
import { ConfigError, loadConfig } from './load-config';

const root = path.resolve(__dirname, '../../..');
const SECRET = 'client secret never shown';
const problemsOf = (env: Record<string, string>): string[] => {
  try {
    loadConfig(env, root);
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
  return [];
};

describe('OIDC_* configuration', () => {
  it('is off (undefined) without OIDC_ISSUER', () => {
    expect(loadConfig({}, root).auth.oidc).toBeUndefined();
    expect(loadConfig({ OIDC_CLIENT_ID: 'x', OIDC_ISSUER: '' }, root).auth.oidc).toBeUndefined();
  });

  it('applies the defaults with issuer, client id and secret', () => {
    const c = loadConfig(
      {
        OIDC_ISSUER: 'https://login.example.org/realms/acme',
        OIDC_CLIENT_ID: 'rampart',
        OIDC_CLIENT_SECRET: SECRET,
        PORT: '8080',
      },
      root,
    );
    expect(c.auth.oidc).toEqual({
      issuer: 'https://login.example.org/realms/acme',
      clientId: 'rampart',
      clientSecret: SECRET,
      redirectUri: 'http://localhost:8080/api/auth/oidc/callback',
      scopes: ['openid', 'profile', 'email'],
      usernameClaim: 'preferred_username',
      rolesClaim: 'roles',
      clearanceClaim: 'clearance',
      roleMap: {},
    });
  });

  it('reads every variable, the role map included', () => {
    const c = loadConfig(
      {
        OIDC_ISSUER: 'https://idp.example.org',
        OIDC_CLIENT_ID: 'rampart',
        OIDC_CLIENT_SECRET: SECRET,
        OIDC_REDIRECT_URI: 'https://rampart.example.org/api/auth/oidc/callback',
        OIDC_SCOPES: 'openid  profile groups',
        OIDC_USERNAME_CLAIM: 'email',
        OIDC_ROLES_CLAIM: 'https://example.org/groups',
        OIDC_CLEARANCE_CLAIM: 'clearance_level',
        OIDC_ROLE_MAP: ' sec-analysts=analyst, sec-admins = admin,sec-admins=auditor ,',
      },
      root,
    );
    expect(c.auth.oidc).toMatchObject({
      redirectUri: 'https://rampart.example.org/api/auth/oidc/callback',
      scopes: ['openid', 'profile', 'groups'],
      usernameClaim: 'email',
      rolesClaim: 'https://example.org/groups',
      clearanceClaim: 'clearance_level',
      roleMap: { 'sec-analysts': ['analyst'], 'sec-admins': ['admin', 'auditor'] },
    });
  });

  it('requires the client id and secret with an issuer, one line each', () => {
    expect(problemsOf({ OIDC_ISSUER: 'https://idp.example.org' })).toEqual([
      'OIDC_CLIENT_ID is required when OIDC_ISSUER is set',
      'OIDC_CLIENT_SECRET is required when OIDC_ISSUER is set',
    ]);
  });

  it('says what is wrong with each bad value', () => {
    const problems = problemsOf({
      OIDC_ISSUER: 'login.example.org',
      OIDC_SCOPES: 'profile email',
      OIDC_ROLES_CLAIM: 'my roles',
      OIDC_REDIRECT_URI: 'rampart/callback',
    });
    expect(problems).toHaveLength(4);
    expect(problems.find((p) => p.startsWith('OIDC_ISSUER='))).toMatch(/issuer URL/);
    expect(problems.find((p) => p.startsWith('OIDC_SCOPES='))).toMatch(/openid/);
    expect(problems.find((p) => p.startsWith('OIDC_ROLES_CLAIM='))).toMatch(/claim name/);
    expect(problems.find((p) => p.startsWith('OIDC_REDIRECT_URI='))).toBeDefined();
  });

  it('counts OIDC_CLIENT_SECRET among the secrets (never printed, only its length)', () => {
    expect(SECRET_VARIABLES.has('OIDC_CLIENT_SECRET')).toBe(true);
  });

  it('refuses unknown roles and malformed entries in OIDC_ROLE_MAP', () => {
    const base = { OIDC_ISSUER: 'https://idp.example.org', OIDC_CLIENT_ID: 'r', OIDC_CLIENT_SECRET: SECRET };
    expect(problemsOf({ ...base, OIDC_ROLE_MAP: 'sec-analysts=analyst,ops=operator,=admin,admins' })).toEqual(
      [
        'OIDC_ROLE_MAP entry "ops=operator": unknown role operator; the roles are rse, analyst, asset-owner, auditor, admin',
        'OIDC_ROLE_MAP entry "=admin": expected <provider group or role>=<Rampart role>',
        'OIDC_ROLE_MAP entry "admins": expected <provider group or role>=<Rampart role>',
      ],
    );
  });

  it('wants https for a remote issuer in production', () => {
    const prod = {
      NODE_ENV: 'production',
      RAMPART_JWT_SECRET: 'p'.repeat(32),
      OIDC_CLIENT_ID: 'r',
      OIDC_CLIENT_SECRET: SECRET,
    };
    expect(problemsOf({ ...prod, OIDC_ISSUER: 'http://idp.example.org' })).toEqual([
      'OIDC_ISSUER="http://idp.example.org": expected https:// when NODE_ENV=production',
    ]);
    expect(problemsOf({ ...prod, OIDC_ISSUER: 'http://127.0.0.1:8080' })).toEqual([]);
  });
});
