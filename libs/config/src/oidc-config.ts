import { ROLES } from '@rampart/domain';
import { OidcConfig } from './app-config';
import { Env } from './config.schema';

const LOOPBACK = /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?(\/|$)/;

/**
 * The OIDC_* variables taken together: undefined when OIDC_ISSUER is unset (sign-in through
 * OpenID Connect is off), else the whole configuration, or the problems with it, one line each.
 */
export function oidcConfigFrom(e: Env): OidcConfig | undefined | { problems: string[] } {
  if (!e.OIDC_ISSUER) return undefined;
  const problems: string[] = [];
  if (!e.OIDC_CLIENT_ID) problems.push('OIDC_CLIENT_ID is required when OIDC_ISSUER is set');
  if (!e.OIDC_CLIENT_SECRET) problems.push('OIDC_CLIENT_SECRET is required when OIDC_ISSUER is set');
  // Plain http lets anyone on the path swap the provider's keys: only on the machine itself in production.
  if (e.NODE_ENV === 'production' && !e.OIDC_ISSUER.startsWith('https://') && !LOOPBACK.test(e.OIDC_ISSUER)) {
    problems.push(`OIDC_ISSUER=${JSON.stringify(e.OIDC_ISSUER)}: expected https:// when NODE_ENV=production`);
  }
  const roleMap = parseRoleMap(e.OIDC_ROLE_MAP ?? '');
  if (!('map' in roleMap)) problems.push(...roleMap.problems);
  if (problems.length || !('map' in roleMap)) return { problems };
  return {
    issuer: e.OIDC_ISSUER,
    clientId: e.OIDC_CLIENT_ID!,
    clientSecret: e.OIDC_CLIENT_SECRET!,
    redirectUri: e.OIDC_REDIRECT_URI ?? `http://localhost:${e.PORT}/api/auth/oidc/callback`,
    scopes: e.OIDC_SCOPES.split(/\s+/).filter(Boolean),
    usernameClaim: e.OIDC_USERNAME_CLAIM,
    rolesClaim: e.OIDC_ROLES_CLAIM,
    clearanceClaim: e.OIDC_CLEARANCE_CLAIM,
    roleMap: roleMap.map,
  };
}

/** OIDC_ROLE_MAP: `<provider name>=<role>` entries separated by commas, e.g. `sec-analysts=analyst,sec-admins=admin`. */
export function parseRoleMap(text: string): { map: Record<string, string[]> } | { problems: string[] } {
  const map: Record<string, string[]> = {};
  const problems: string[] = [];
  const roles: readonly string[] = ROLES;
  for (const entry of text
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean)) {
    const at = entry.lastIndexOf('=');
    const name = entry.slice(0, Math.max(at, 0)).trim();
    const role = entry.slice(at + 1).trim();
    if (at < 1 || !name) {
      problems.push(`OIDC_ROLE_MAP entry "${entry}": expected <provider group or role>=<Rampart role>`);
    } else if (!roles.includes(role)) {
      problems.push(
        `OIDC_ROLE_MAP entry "${entry}": unknown role ${role}; the roles are ${roles.join(', ')}`,
      );
    } else {
      map[name] = [...new Set([...(map[name] ?? []), role])];
    }
  }
  return problems.length ? { problems } : { map };
}
