import * as fs from 'node:fs';
import * as path from 'node:path';
import { Role, ROLES } from '@rampart/domain';
import {
  Action,
  ACTIONS,
  can,
  grantOf,
  PERMISSIONS,
  permissionFor,
  Principal,
  roleMatrixMarkdown,
} from './policy';

/**
 * docs/spec/analytics.md §8 and issue 8, written out by hand: auditor read-only, asset-owner edits what it
 * owns, analyst edits the graph, rse and admin everything, user admin to admin alone (separation of
 * duties), audit trail to admin, rse, auditor. Y = yes, O = owned assets only, . = no.
 * Changing policy.ts without changing this table fails the test, on purpose.
 */
const EXPECTED = `
action            rse  analyst  asset-owner  auditor  admin
graph:read        Y    Y        Y            Y        Y
graph:write       Y    Y        O            .        Y
graph:import      Y    Y        .            .        Y
graph:export      Y    Y        .            Y        Y
analytics:run     Y    Y        Y            Y        Y
report:generate   Y    Y        .            .        Y
report:read       Y    Y        Y            Y        Y
audit:read        Y    .        .            Y        Y
user:admin        .    .        .            .        Y
graph:admin       .    .        .            .        Y
self:read         Y    Y        Y            Y        Y
`;

const table = EXPECTED.trim()
  .split('\n')
  .map((line) => line.trim().split(/\s+/));
const [header, ...rows] = table;
const SYMBOL = { always: 'Y', 'owned-by-person': 'O', never: '.' } as const;

const user = (roles: Role[], personId: string | null = null): Principal => ({ roles, personId });

describe('policy matrix', () => {
  it('covers exactly the roles and actions', () => {
    expect(header.slice(1)).toEqual([...ROLES]);
    expect(rows.map((r) => r[0])).toEqual([...ACTIONS]);
    expect(Object.keys(PERMISSIONS).sort()).toEqual([...ROLES].sort());
  });

  it.each(rows.map((r) => [r[0], r.slice(1)] as const))(
    '%s is granted as the table says',
    (action, cells) => {
      ROLES.forEach((role, i) => {
        expect([role, SYMBOL[grantOf(role, action as Action)]]).toEqual([role, cells[i]]);
      });
    },
  );

  it('PERMISSIONS lists every action granted in any form, and nothing else', () => {
    for (const role of ROLES) {
      const granted = ACTIONS.filter((a) => grantOf(role, a) !== 'never');
      expect([...PERMISSIONS[role]].sort()).toEqual(granted.sort());
    }
  });

  it('can() agrees with the matrix for unconditional grants', () => {
    for (const role of ROLES) {
      for (const action of ACTIONS) {
        if (grantOf(role, action) === 'owned-by-person') continue;
        expect(can(user([role], 'p-1'), action, { ownerPersonIds: ['p-1'] })).toBe(
          grantOf(role, action) === 'always',
        );
      }
    }
  });

  it('renders the matrix as Markdown for the docs', () => {
    const md = roleMatrixMarkdown();
    const lines = md.trim().split('\n');
    expect(lines[0]).toBe('| action | rse | analyst | asset-owner | auditor | admin |');
    expect(lines).toHaveLength(2 + ACTIONS.length);
    expect(lines.find((l) => l.startsWith('| `graph:write`'))).toMatch(
      /\| yes \| yes \| own assets \| – \| yes \|$/,
    );
    expect(lines.find((l) => l.startsWith('| `user:admin`'))).toMatch(/\| – \| – \| – \| – \| yes \|$/);
  });

  it('is the table docs/security.md prints (cells compared, not padding)', () => {
    const cells = (line: string) => line.split('|').map((c) => c.trim());
    const rows = (md: string) =>
      md
        .split('\n')
        .filter((l) => /^\| `[a-z]+:[a-z]+`/.test(l))
        .map(cells);
    const doc = fs.readFileSync(path.join(__dirname, '../../../docs/security.md'), 'utf8');
    expect(rows(doc)).toEqual(rows(roleMatrixMarkdown()));
  });
});

describe('asset-owner writes', () => {
  const owner = user(['asset-owner'], 'p-1');

  it('may write a resource its person owns (alone or with others)', () => {
    expect(can(owner, 'graph:write', { ownerPersonIds: ['p-1'] })).toBe(true);
    expect(can(owner, 'graph:write', { ownerPersonIds: ['p-2', 'p-1'] })).toBe(true);
  });

  it('may not write what another person owns, nothing owned, or without a resource', () => {
    expect(can(owner, 'graph:write', { ownerPersonIds: ['p-2'] })).toBe(false);
    expect(can(owner, 'graph:write', { ownerPersonIds: [] })).toBe(false);
    expect(can(owner, 'graph:write', {})).toBe(false);
    expect(can(owner, 'graph:write')).toBe(false);
    expect(permissionFor(owner, 'graph:write')).toBe('owned-by-person');
  });

  it('may not write anything without a personId', () => {
    for (const personId of [null, '']) {
      const unlinked = user(['asset-owner'], personId);
      expect(can(unlinked, 'graph:write', { ownerPersonIds: ['p-1', ''] })).toBe(false);
    }
  });

  it('ownership never widens other actions', () => {
    for (const action of [
      'graph:import',
      'graph:export',
      'report:generate',
      'audit:read',
      'user:admin',
      'graph:admin',
    ] as const) {
      expect(can(owner, action, { ownerPersonIds: ['p-1'] })).toBe(false);
    }
  });
});

describe('several roles, odd principals', () => {
  it('takes the widest grant among the roles', () => {
    const both = user(['asset-owner', 'analyst'], 'p-1');
    expect(permissionFor(both, 'graph:write')).toBe('always');
    expect(can(both, 'graph:write', { ownerPersonIds: ['p-9'] })).toBe(true);
    const rseAdmin = user(['rse', 'auditor']);
    expect(can(rseAdmin, 'user:admin')).toBe(false);
    expect(can(user(['rse', 'admin']), 'user:admin')).toBe(true);
  });

  it('grants nothing to no roles, unknown roles, or a disabled account', () => {
    for (const action of ACTIONS) {
      expect(can(user([]), action)).toBe(false);
      expect(can(user(['root' as Role]), action)).toBe(false);
      expect(can({ roles: ['admin'], personId: null, disabled: true }, action)).toBe(false);
    }
  });
});
