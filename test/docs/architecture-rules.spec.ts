import * as path from 'node:path';

interface Rule {
  name: string;
  from: { path?: string };
  to: { path?: string; pathNot?: string };
}

// The rules `npm run lint:arch` applies, built from docs/architecture.md's table.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { forbidden } = require(path.resolve(__dirname, '../../.dependency-cruiser.cjs')) as {
  forbidden: Rule[];
};

/** Whether an import from `from` to `to` (files) breaks a layer rule. */
const refused = (from: string, to: string) =>
  forbidden.some(
    (r) =>
      r.name.startsWith('layer:') &&
      new RegExp(r.from.path!).test(from) &&
      new RegExp(r.to.path!).test(to) &&
      !new RegExp(r.to.pathNot!).test(to),
  );

describe('the layer rules read from docs/architecture.md', () => {
  it('forbid every app-to-app import', () => {
    const apps = ['apps/api', 'apps/cli', 'apps/web'];
    for (const a of apps)
      for (const b of apps) if (a !== b) expect(refused(`${a}/src/x.ts`, `${b}/src/y.ts`)).toBe(true);
  });

  it('keep bench on libs', () => {
    expect(refused('bench/x.ts', 'apps/api/src/bootstrap.ts')).toBe(true);
    expect(refused('bench/x.ts', 'libs/access/src/index.ts')).toBe(false);
  });

  it('keep the pure libs pure and the arrows pointing down', () => {
    for (const lib of ['graph', 'config', 'output', 'analytics', 'auth', 'reports'])
      expect(refused('libs/domain/src/x.ts', `libs/${lib}/src/index.ts`)).toBe(true);
    expect(refused('libs/analytics/src/x.ts', 'libs/graph/src/index.ts')).toBe(true);
    expect(refused('libs/graph/src/x.ts', 'libs/interchange/src/index.ts')).toBe(true);
    expect(refused('libs/access/src/x.ts', 'libs/analysis/src/index.ts')).toBe(true);
    expect(refused('libs/analysis/src/x.ts', 'libs/reporting/src/index.ts')).toBe(true);
    expect(refused('libs/reporting/src/x.ts', 'libs/analysis/src/index.ts')).toBe(false);
    expect(refused('apps/api/src/x.ts', 'libs/reporting/src/index.ts')).toBe(false);
  });

  it('let a folder import itself', () => {
    expect(refused('libs/domain/src/a.ts', 'libs/domain/src/b.ts')).toBe(false);
    expect(refused('apps/api/src/a.ts', 'apps/api/src/b/c.ts')).toBe(false);
  });

  it('do not let a folder named like another slip through (libs/auth vs libs/authz)', () => {
    expect(refused('libs/domain/src/x.ts', 'libs/authz/src/index.ts')).toBe(true);
  });
});
