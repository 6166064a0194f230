import { Role, ROLES } from '@rampart/domain';

/**
 * The ONE place roles map to permissions (docs/spec/analytics.md §8, issue 8). Guards ask can(); resolvers,
 * controllers and the CLI never test role names themselves. docs/security.md prints
 * roleMatrixMarkdown(), and policy.spec.ts pins the matrix to a literal table: changing who may do
 * what changes both, on purpose.
 */
export const ACTIONS = [
  'graph:read',
  'graph:write',
  'graph:import',
  'graph:export',
  'analytics:run',
  'report:generate',
  'report:read',
  'audit:read',
  'user:admin',
  'graph:admin',
  'self:read',
] as const;
export type Action = (typeof ACTIONS)[number];

export const ACTION_DESCRIPTIONS: Record<Action, string> = {
  'graph:read': 'read entities, relationships, search',
  'graph:write': 'create, update, delete entities and relationships; prune',
  'graph:import': 'import files (native, CSV, STIX)',
  'graph:export': 'export the graph (native, Cytoscape JSON, GraphML, CSV)',
  'analytics:run': 'attack paths, cut sets, blast radius, findings, coverage, what-if',
  'report:generate': 'generate reports and write them to the report store',
  'report:read': 'list and download generated reports',
  'audit:read': 'read the audit trail',
  'user:admin': 'create, update and disable users',
  'graph:admin': 'delete a whole organisation',
  'self:read': 'read one’s own account (me)',
};

/** A grant that holds only for some resources. */
export type Condition = 'owned-by-person';

const EVERYTHING: readonly Action[] = ACTIONS;

/**
 * Role × action. Decisions beyond the letter of docs/spec/analytics.md §8:
 * - user:admin is admin only, also withheld from rse (separation of duties, ISO 22340 / ISO 27002
 *   5.3): whoever shapes the security picture does not also decide who sees it. One person needing
 *   both holds both roles, visibly.
 * - audit:read: admin, rse and auditor (issue 8). Not analyst nor asset-owner: the trail records
 *   everyone's activity, which is oversight, not analysis.
 * - auditor is read-only. It may export (an audit takes evidence away, and an export changes
 *   nothing) and run analytics (computation on what it may read). It may not generate reports:
 *   generation writes into the shared report store, which holds the accountable record of posture
 *   produced by those who own it; the auditor reads those reports and can export the raw data.
 * - asset-owner reads, runs analytics and reads reports, and writes only where owned-by-person
 *   holds. No import (a file changes many entities at once, beyond per-entity ownership), no export
 *   (a bulk copy of the organisation's weak points exceeds an owner's need-to-know), no report
 *   generation.
 * - analyst edits the graph: read, write, import, export, analytics, reports; no audit, no users.
 * - graph:admin (deleting a whole organisation, issue 18) is admin only: it removes in one step
 *   what every other role can only change entry by entry.
 * - Everyone reads their own account (self:read). Clearance redaction applies on top of all of this
 *   (clearance.ts), for every role including admin.
 */
export const PERMISSIONS: Record<Role, readonly Action[]> = {
  rse: EVERYTHING.filter((a) => a !== 'user:admin' && a !== 'graph:admin'),
  analyst: [
    'graph:read',
    'graph:write',
    'graph:import',
    'graph:export',
    'analytics:run',
    'report:generate',
    'report:read',
    'self:read',
  ],
  'asset-owner': ['graph:read', 'graph:write', 'analytics:run', 'report:read', 'self:read'],
  auditor: ['graph:read', 'graph:export', 'analytics:run', 'report:read', 'audit:read', 'self:read'],
  admin: EVERYTHING,
};

/** Grants in PERMISSIONS that hold only under a condition. */
export const CONDITIONS: { readonly [R in Role]?: { readonly [A in Action]?: Condition } } = {
  'asset-owner': { 'graph:write': 'owned-by-person' },
};

/** How a user holds an action: outright, only on resources meeting a condition, or not at all. */
export type Grant = 'always' | Condition | 'never';

export interface Principal {
  roles: readonly Role[];
  personId: string | null;
  /** A disabled account can do nothing, whatever its token says. */
  disabled?: boolean;
}

/**
 * What the action touches, as far as conditions care. For owned-by-person the caller passes the
 * persons who OWN the asset the edit concerns, as stored before the edit:
 * - an asset: its owners; a control (or its PROTECTS edge): the owners of the asset it protects;
 * - an edit touching several assets (a control protecting several, an edge between two assets) is
 *   allowed only if can() holds for each of them: call it once per asset;
 * - a new control is judged by the assets it will protect; any other new entity, or an unowned
 *   asset, has no owners yet, so an asset-owner cannot create or claim it (an OWNS edge to someone
 *   else's asset is an edit of that asset, refused the same way).
 * apps/api/src/entity/edit-targets.ts says which entities each edit concerns.
 */
export interface PolicyResource {
  ownerPersonIds?: readonly string[];
}

export function grantOf(role: Role, action: Action): Grant {
  if (!PERMISSIONS[role]?.includes(action)) return 'never';
  return CONDITIONS[role]?.[action] ?? 'always';
}

/** The widest grant among the user's roles: lets a guard know whether to load ownership at all. */
export function permissionFor(user: Principal, action: Action): Grant {
  if (user.disabled) return 'never';
  let best: Grant = 'never';
  for (const role of user.roles) {
    // A role name from an old token or a hand-edited record grants nothing.
    if (!(ROLES as readonly string[]).includes(role)) continue;
    const g = grantOf(role, action);
    if (g === 'always') return g;
    if (g !== 'never') best = g;
  }
  return best;
}

/** May this user do this action (on this resource)? Conditional grants fail closed without a resource. */
export function can(user: Principal, action: Action, resource?: PolicyResource): boolean {
  const grant = permissionFor(user, action);
  switch (grant) {
    case 'always':
      return true;
    case 'never':
      return false;
    case 'owned-by-person':
      return (
        user.personId !== null &&
        user.personId !== '' &&
        (resource?.ownerPersonIds?.includes(user.personId) ?? false)
      );
  }
}

const CELL: Record<Grant, string> = { always: 'yes', 'owned-by-person': 'own assets', never: '–' };

/** The role × action table as Markdown, for docs/security.md (a doc check can compare the two). */
export function roleMatrixMarkdown(): string {
  const header = `| action | ${ROLES.join(' | ')} |`;
  const rule = `|${' --- |'.repeat(ROLES.length + 1)}`;
  const rows = ACTIONS.map(
    (a) => `| \`${a}\` (${ACTION_DESCRIPTIONS[a]}) | ${ROLES.map((r) => CELL[grantOf(r, a)]).join(' | ')} |`,
  );
  return [header, rule, ...rows].join('\n') + '\n';
}
