import fc from 'fast-check';
import { AttackGraph, coverageDataOf, scopeGraphData, sweepThreat, weakestLinks } from '@rampart/analytics';
import { OrganizationScope } from '@rampart/domain';
import { AttackGraphCache } from '@rampart/analysis';
import { GraphContext } from '@rampart/graph';
import { EntityEditor, NativeImporter } from '@rampart/interchange';
import { freshDemo, openGraph, testConfig } from '../support/test-graph';

const ORG = 'org-acme';
/** Accounts limited to the demo's organisation and to another one: their graphs are patched too. */
const SCOPES = [OrganizationScope.of([ORG]), OrganizationScope.of(['org-other'])];

/** Weakest links cached by analysis key, as RiskService does: a key kept wrongly shows as stale. */
const rankings = new WeakMap<object, ReturnType<typeof weakestLinks>>();
function cachedWeakest(g: AttackGraph) {
  let ranking = rankings.get(g.analysisKey);
  if (!ranking)
    rankings.set(
      g.analysisKey,
      (ranking = weakestLinks(g, (id) => (g.nodes.get(id)?.criticality ?? 0) >= 4)),
    );
  return ranking;
}

/** Everything the analytics read from a graph, in a canonical order. */
function observable(g: AttackGraph) {
  const ids = [...g.nodes.keys()].sort();
  const controls = [...g.controls.values()]
    .map((c) => ({ ...c, protects: [...c.protects].sort(), dependsOn: [...c.dependsOn].sort() }))
    .sort((a, b) => a.id.localeCompare(b.id));
  const threats = [...g.threats.values()].sort((a, b) => a.id.localeCompare(b.id));
  return {
    nodes: ids.map((id) => g.nodes.get(id)),
    out: ids.map((id) => g.stepsFrom(id).map((s) => `${s.to}/${s.vector}`)),
    into: ids.map((id) => g.stepsInto(id).map((s) => `${s.from}/${s.vector}`)),
    controls,
    threats: threats.map((t) => ({ ...t, startsAt: [...t.startsAt].sort(), targets: [...t.targets].sort() })),
    chains: controls.map((c) => [...g.dependencyChain(c.id)].sort()),
    risks: [...g.risks].sort((a, b) => `${a.id}${a.threatId}`.localeCompare(`${b.id}${b.threatId}`)),
    owned: [...g.owned].sort(),
    sweeps: threats.map((t) => sweepThreat(g, t)),
    // Memoised per graph and carried into a patched one: computed here, checked after the next edit.
    coverage: ids.map((id) => coverageDataOf(g, id)),
    weakest: cachedWeakest(g),
  };
}

/** One edit an analyst could make on the demo, through the same editor as the API. */
type Edit = (e: EntityEditor, importer: NativeImporter, n: number) => Promise<unknown>;

/** Relationships of the demo an edit removes and states again. */
const DEMO_LINKS = [
  { from: 'sys-web', type: 'CONNECTS_TO', to: 'sys-crm' },
  { from: 'ctl-mfa', type: 'PROTECTS', to: 'sys-vpn' },
  { from: 'p-chen', type: 'HAS_ACCESS', to: 'sys-crm', mode: 'admin' },
  { from: 'sys-telephony', type: 'DEPENDS_ON', to: 'sys-idp' },
];
const sys = (n: number) => `sys-inc-${n % 3}`;
const quietly = (p: Promise<unknown>) => p.catch(() => undefined);

const EDITS: Record<string, Edit> = {
  controlChanged: (e, _, n) =>
    e.update('ctl-mfa', {
      effectiveness: [0.9, 0.5, 1, 0][n % 4],
      status: n % 2 ? 'degraded' : 'implemented',
    }),
  controlRenamed: (e, _, n) => e.update('ctl-mfa', { name: `MFA ${n}` }),
  demoUnlinked: (e, _, n) => quietly(e.unlink(DEMO_LINKS[n % DEMO_LINKS.length])),
  demoLinked: (e, _, n) => quietly(e.link(DEMO_LINKS[n % DEMO_LINKS.length])),
  systemCreated: (e, _, n) =>
    quietly(
      e.create('SYSTEM', { id: sys(n), name: `Inc ${n}`, connectsTo: ['sys-vpn'] }, { organizationId: ORG }),
    ),
  accessGranted: (e, _, n) =>
    quietly(e.link({ from: 'p-chen', type: 'HAS_ACCESS', to: sys(n), mode: n % 2 ? 'physical' : 'read' })),
  protectsNew: (e, _, n) => quietly(e.link({ from: 'ctl-mfa', type: 'PROTECTS', to: sys(n) })),
  systemDeleted: (e, _, n) => quietly(e.delete(n % 4 === 0 ? 'sys-telephony' : sys(n))),
  fileImported: (_, i, n) =>
    i.importText(
      'incremental.json',
      JSON.stringify({
        format: 'rampart/v1',
        systems: [{ id: `sys-file-${n % 2}`, name: `From file ${n}`, connectsTo: n % 2 ? ['sys-vpn'] : [] }],
      }),
      { organizationId: ORG, prune: n % 3 === 0 },
    ),
};

describe('writes keep the digest and the attack graph in step (issue 21)', () => {
  const config = testConfig();
  let graph: GraphContext;
  let editor: EntityEditor;
  let importer: NativeImporter;

  beforeAll(async () => {
    graph = await openGraph(config);
    importer = new NativeImporter(graph);
    editor = new EntityEditor(graph, importer);
  });
  afterAll(() => graph.close());

  it('after random edit sequences, the incremental digest and patched graph equal a full recomputation', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.constantFrom(...Object.keys(EDITS)), fc.nat(11)), {
          minLength: 5,
          maxLength: 8,
        }),
        async (edits) => {
          await freshDemo(graph, config);
          // The demo's load kept the digest: the first read recomputes nothing.
          expect(await graph.digests.check()).toMatchObject({ staleContentHashes: 0 });
          const cache = new AttackGraphCache(graph.analytics, 0);
          await cache.get();
          for (const scope of SCOPES) await cache.get(scope);
          for (const [name, n] of edits) {
            await EDITS[name](editor, importer, n);
            const digest = await graph.digests.check();
            expect({ after: name, stored: digest.stored }).toEqual({ after: name, stored: digest.computed });
            expect(digest.staleContentHashes).toBe(0);
            const patched = await cache.get();
            const data = await graph.analytics.attackGraphData();
            expect(observable(patched)).toEqual(observable(new AttackGraph(data)));
            for (const scope of SCOPES) {
              const scoped = new AttackGraph(scopeGraphData(data, (org) => scope.includes(org)));
              expect(observable(await cache.get(scope))).toEqual(observable(scoped));
            }
          }
        },
      ),
      { numRuns: 4 },
    );
  }, 300_000);

  it('patches instead of reloading after an edit, and reloads after an organisation is deleted', async () => {
    await freshDemo(graph, config);
    const loads = jest.spyOn(graph.analytics, 'attackGraphData');
    const cache = new AttackGraphCache(graph.analytics, 0);
    await cache.get();
    await editor.update('ctl-mfa', { effectiveness: 0.25 });
    expect((await cache.get()).controls.get('ctl-mfa')?.effectiveness).toBe(0.25);
    expect(loads).toHaveBeenCalledTimes(1);
    await graph.organizationDeletion.delete((await graph.organizations.list())[0].id, { force: true });
    await cache.get();
    expect(loads).toHaveBeenCalledTimes(2);
    loads.mockRestore();
  });

  it('an organisation deletion loses the digest; the next read recomputes the same value a check gives', async () => {
    await freshDemo(graph, config);
    const orgs = await graph.organizations.list();
    await graph.organizationDeletion.delete(orgs[0].id, { force: true });
    expect((await graph.digests.check()).stored).toBeNull();
    const hash = await graph.digests.graphHash();
    expect(await graph.digests.check()).toMatchObject({ stored: hash, computed: hash });
  });

  it('stores real-number properties as floats whatever the file wrote (1 and 0.5 alike)', async () => {
    await freshDemo(graph, config);
    await editor.update('ctl-mfa', { effectiveness: 1 });
    const [row] = await graph.executor.executeRead('analytics-delta/controls', { ids: ['ctl-mfa'] });
    expect((row.control as Record<string, unknown>).effectiveness).toBe(1);
    const types = await graph.driver.executeQuery(
      "MATCH (c:Entity {id: 'ctl-mfa'}) RETURN c.effectiveness IS :: FLOAT AS float",
    );
    expect(types.records[0].get('float')).toBe(true);
  });
});
