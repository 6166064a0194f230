import { OidcConfig } from '@rampart/config';
import { DEFAULT_CLASSIFICATION_LEVELS, ROLES, Role, USERNAME_PATTERN, isRole } from '@rampart/domain';

/** What a verified ID token says about the account to sign in, in Rampart's terms. */
export interface MappedIdentity {
  /** `<issuer> <sub>`: the identity the account is linked to (usernames can be reassigned). */
  externalId: string;
  username: string;
  roles: Role[];
  clearance: string;
}

/** Why claims cannot sign anyone in; `username` when the claims named a valid one (audit trail). */
export interface ClaimProblem {
  problem: string;
  username: string | null;
}

type Claims = Record<string, unknown>;

/**
 * Maps the claims of a verified ID token: the username claim must be a valid Rampart username,
 * the roles claim (an array, or names separated by spaces or commas) keeps Rampart roles and the
 * names OIDC_ROLE_MAP maps (the rest is ignored) and must leave at least one, and the clearance
 * claim must be a known level: anything else refuses the sign-in rather than guessing.
 */
export function mapClaims(claims: Claims, config: OidcConfig): MappedIdentity | ClaimProblem {
  const rawName = claims[config.usernameClaim];
  if (typeof rawName !== 'string' || !USERNAME_PATTERN.test(rawName)) {
    return {
      username: null,
      problem:
        typeof rawName === 'string'
          ? `claim ${config.usernameClaim} is not a valid Rampart username (2-64 of a-z 0-9 . _ @ -, starting with a letter or digit)`
          : `the ID token has no claim ${config.usernameClaim} (the username)`,
    };
  }
  const username = rawName;
  const sub = claims.sub;
  if (typeof sub !== 'string' || !sub) return { username, problem: 'the ID token has no subject (sub)' };
  const roles = rolesOf(claims[config.rolesClaim], config.roleMap);
  if (!roles.length) {
    return { username, problem: `${username} has no Rampart role in claim ${config.rolesClaim}` };
  }
  const clearance = claims[config.clearanceClaim];
  if (typeof clearance !== 'string' || !DEFAULT_CLASSIFICATION_LEVELS.includes(clearance)) {
    return {
      username,
      problem:
        clearance === undefined
          ? `${username} has no claim ${config.clearanceClaim} (the clearance)`
          : `claim ${config.clearanceClaim} of ${username} is not a clearance level (${DEFAULT_CLASSIFICATION_LEVELS.join(', ')})`,
    };
  }
  return { externalId: `${String(claims.iss)} ${sub}`, username, roles, clearance };
}

/** The Rampart roles a roles claim grants, in ROLES order, each once. */
export function rolesOf(value: unknown, roleMap: Record<string, string[]>): Role[] {
  const names = Array.isArray(value)
    ? value.filter((v): v is string => typeof v === 'string')
    : typeof value === 'string'
      ? value.split(/[\s,]+/)
      : [];
  const granted = new Set<string>();
  for (const name of names.map((n) => n.trim()).filter(Boolean)) {
    if (isRole(name)) granted.add(name);
    for (const role of Object.hasOwn(roleMap, name) ? roleMap[name] : []) granted.add(role);
  }
  return ROLES.filter((r) => granted.has(r));
}

export const isClaimProblem = (m: MappedIdentity | ClaimProblem): m is ClaimProblem => 'problem' in m;
