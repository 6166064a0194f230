import fc from 'fast-check';
import { AttackGraphData, AttackNode, AttackStepEdge, AttackVector, ControlData } from '@rampart/domain';
import { AttackGraph } from './attack-graph';
import { coverageDataOf } from './coverage-data';
import { mergePatches, patchAttackGraph, patchGraphData } from './graph-patch';
import { scopeGraphData, scopePatch } from './organization-scope';

const VECTORS: AttackVector[] = ['network', 'physical', 'access', 'logical'];
const ID_COUNT = 10;
const CONTROL_COUNT = 4;
const RISK_COUNT = 3;
const id = (i: number) => `n-${i % ID_COUNT}`;
const cid = (i: number) => `c-${i % CONTROL_COUNT}`;
const rid = (i: number) => `r-${i % RISK_COUNT}`;
/** Nodes first, then controls, then risks (a risk only ever touched, never depended on). */
const anyId = (i: number) =>
  i < ID_COUNT ? id(i) : i < ID_COUNT + CONTROL_COUNT ? cid(i - ID_COUNT) : rid(i - ID_COUNT - CONTROL_COUNT);

/** A random graph over n-0..n-9: which ids exist (and how they are labelled), steps among them. */
const graphData = fc
  .record({
    nodesPresent: fc.array(fc.boolean(), { minLength: ID_COUNT, maxLength: ID_COUNT }),
    kind: fc.array(fc.constantFrom('Person', 'System', 'Facility', 'Information'), {
      minLength: ID_COUNT,
      maxLength: ID_COUNT,
    }),
    steps: fc.array(fc.tuple(fc.nat(ID_COUNT - 1), fc.nat(ID_COUNT - 1), fc.constantFrom(...VECTORS)), {
      maxLength: 30,
    }),
    controls: fc.array(
      fc.record({
        protects: fc.uniqueArray(fc.nat(ID_COUNT - 1), { maxLength: 4 }),
        personnel: fc.boolean(),
        dependsOn: fc.uniqueArray(fc.nat(ID_COUNT + CONTROL_COUNT - 1), { maxLength: 2 }),
        status: fc.constantFrom('implemented', 'degraded', 'planned'),
      }),
      { minLength: CONTROL_COUNT, maxLength: CONTROL_COUNT },
    ),
    present: fc.array(fc.boolean(), { minLength: CONTROL_COUNT, maxLength: CONTROL_COUNT }),
    owned: fc.uniqueArray(fc.nat(ID_COUNT - 1), { maxLength: 5 }),
    // Names change too (a rename patch): coverage data carries names of controls and containers.
    renamed: fc.array(fc.boolean(), {
      minLength: ID_COUNT + CONTROL_COUNT,
      maxLength: ID_COUNT + CONTROL_COUNT,
    }),
    risks: fc.array(fc.option(fc.record({ asset: fc.nat(ID_COUNT - 1), reviewed: fc.boolean() })), {
      minLength: RISK_COUNT,
      maxLength: RISK_COUNT,
    }),
  })
  .map(
    ({
      nodesPresent,
      kind,
      steps,
      controls: cs,
      present: cPresent,
      owned,
      renamed,
      risks,
    }): AttackGraphData => {
      const controls: ControlData[] = cs.flatMap((c, i) =>
        cPresent[i]
          ? [
              {
                id: cid(i),
                name: renamed[ID_COUNT + i] ? `C${i} (renamed)` : `C${i}`,
                domains: [c.personnel ? 'personnel' : 'cyber'],
                functions: ['detect'],
                effectiveness: 0.5,
                status: c.status,
                protects: c.protects.map(id),
                dependsOn: c.dependsOn.map(anyId),
              },
            ]
          : [],
      );
      const nodes: AttackNode[] = nodesPresent.flatMap((p, i) =>
        p ? [{ id: id(i), name: renamed[i] ? `N${i} (renamed)` : `N${i}`, labels: ['Asset', kind[i]] }] : [],
      );
      return {
        nodes,
        // Steps may name absent nodes (the graph drops them) and repeat (the graph keeps one).
        steps: steps.map(([a, b, vector]) => ({ from: id(a), to: id(b), vector })),
        controls,
        threats: [{ id: 'thr', name: 'T', startsAt: [], targets: [], organizationId: 'A' }],
        dependsOn: controls.flatMap((c) => c.dependsOn.map((to) => ({ from: c.id, to }))),
        owned: owned.map(id),
        risks: risks.flatMap((r, i) =>
          r
            ? [
                {
                  id: rid(i),
                  threatId: 'thr',
                  assetId: id(r.asset),
                  ...(r.reviewed ? { reviewedAt: '2026-11-01' } : {}),
                },
              ]
            : [],
        ),
      };
    },
  )
  // A graph read from Neo4j names only what it holds.
  .map((d) => consistent(d));

/** The records of `data` that touch the ids (what the repository reads for a delta). */
function partOf(data: AttackGraphData, ids: ReadonlySet<string>): AttackGraphData {
  const touches = (s: { from: string; to: string }) => ids.has(s.from) || ids.has(s.to);
  return {
    nodes: data.nodes.filter((n) => ids.has(n.id)),
    steps: data.steps.filter(touches),
    controls: data.controls.filter((c) => ids.has(c.id)),
    threats: [],
    dependsOn: data.dependsOn.filter(touches),
    owned: (data.owned ?? []).filter((o) => ids.has(o)),
    risks: (data.risks ?? []).filter((r) => ids.has(r.id)),
  };
}

/** `after` differs from `before` only in what touches `ids`. */
function edited(before: AttackGraphData, after: AttackGraphData, ids: ReadonlySet<string>): AttackGraphData {
  const touches = (s: AttackStepEdge) => ids.has(s.from) || ids.has(s.to);
  const kept = (x: { id: string }) => !ids.has(x.id);
  // A control not touched keeps its relationships: those to a touched node are stated by it.
  const controls = [...before.controls.filter(kept), ...after.controls.filter((c) => !kept(c))];
  return {
    ...before,
    nodes: [...before.nodes.filter(kept), ...after.nodes.filter((n) => ids.has(n.id))],
    steps: [...before.steps.filter((s) => !touches(s)), ...after.steps.filter(touches)],
    controls,
    dependsOn: controls.flatMap((c) => c.dependsOn.map((to) => ({ from: c.id, to }))),
    owned: [
      ...(before.owned ?? []).filter((o) => !ids.has(o)),
      ...(after.owned ?? []).filter((o) => ids.has(o)),
    ],
    risks: [...(before.risks ?? []).filter(kept), ...(after.risks ?? []).filter((r) => !kept(r))],
  };
}

/** Each entity in the organisation `orgs` gives its id (by its index, as anyId numbers them). */
function inOrganizations(d: AttackGraphData, orgs: readonly string[]): AttackGraphData {
  const orgOf = new Map(orgs.map((o, i) => [anyId(i), o]));
  const put = <T extends { id: string }>(x: T) => ({ ...x, organizationId: orgOf.get(x.id) });
  return { ...d, nodes: d.nodes.map(put), controls: d.controls.map(put), risks: d.risks?.map(put) };
}

/** The relationships held inside records (a control's protects and dependsOn, a risk's asset). */
const recordRelationships = (d: AttackGraphData) =>
  new Set([
    ...d.controls.flatMap((c) => [...c.protects, ...c.dependsOn].map((x) => `${c.id}|${x}`)),
    ...(d.risks ?? []).map((r) => `${r.id}|${r.assetId}`),
  ]);

/**
 * An edit of `base` as the change log records it: a relationship written or removed touches both
 * its ends (so a control naming a deleted entity is read again), until nothing more changes.
 */
function applyEdit(base: ReadonlySet<string>, before: AttackGraphData, after: AttackGraphData) {
  let ids = new Set(base);
  for (;;) {
    const next = consistent(edited(before, after, ids));
    const [was, is] = [recordRelationships(before), recordRelationships(next)];
    const grown = new Set(ids);
    for (const r of [...was].filter((x) => !is.has(x)).concat([...is].filter((x) => !was.has(x))))
      for (const end of r.split('|')) grown.add(end);
    if (grown.size === ids.size) return { ids, next };
    ids = grown;
  }
}

/**
 * The data with no record naming an entity it does not hold (Neo4j has no relationship to a node
 * that is not there): what a graph read from the database, or scoped from one, always is.
 */
function consistent(d: AttackGraphData): AttackGraphData {
  const held = new Set([...d.nodes.map((n) => n.id), ...d.controls.map((c) => c.id)]);
  const has = (x: string) => held.has(x);
  const controls = d.controls.map((c) => ({
    ...c,
    protects: c.protects.filter(has),
    dependsOn: c.dependsOn.filter(has),
  }));
  return {
    ...d,
    controls,
    dependsOn: controls.flatMap((c) => c.dependsOn.map((to) => ({ from: c.id, to }))),
    risks: d.risks?.filter((r) => has(r.assetId)),
  };
}

/** Data as a comparable value: the same records in any order. */
const canonical = (d: AttackGraphData) => ({
  nodes: d.nodes.map((n) => JSON.stringify(n)).sort(),
  steps: d.steps.map((s) => JSON.stringify(s)).sort(),
});

/** Every record of the data, in any order. */
const everything = (d: AttackGraphData) => {
  const sorted = (xs: unknown[] = []) => xs.map((x) => JSON.stringify(x)).sort();
  return [d.nodes, d.steps, d.controls, d.threats, d.dependsOn, d.risks, d.owned].map((xs) => sorted(xs));
};

/** Everything a search can see of a graph's steps. */
function observable(g: AttackGraph) {
  const all = Array.from({ length: ID_COUNT }, (_, i) => id(i));
  return {
    nodes: [...g.nodes.keys()].sort(),
    out: all.map((n) => g.stepsFrom(n).map((s) => `${s.to}/${s.vector}`)),
    into: all.map((n) => g.stepsInto(n).map((s) => `${s.from}/${s.vector}`)),
    hops: all.map((n) => [...g.hops([n], 'forward', 4)].filter(([x]) => g.nodes.has(x)).sort()),
    back: all.map((n) => [...g.hops([n], 'reverse', 4)].filter(([x]) => g.nodes.has(x)).sort()),
    tree: all.map((n) => g.tree([n], 'forward', 3).map((t) => `${t.id}:${t.hops}:${t.parent}`)),
    controls: [...g.controls.values()].map((c) => JSON.stringify(c)).sort(),
    protectors: all.map((n) => g.protectorsOf(n).map((c) => c.id)),
    barriers: all.map((n) => g.barriers(n, 'network').map((b) => b.id)),
    chains: Array.from({ length: CONTROL_COUNT }, (_, i) => [...g.dependencyChain(cid(i))].sort()),
    dependents: all.map((n) =>
      g
        .dependentsOf(n)
        .map((c) => c.id)
        .sort(),
    ),
    owned: [...g.owned].sort(),
    accessors: all.map((n) => [...g.accessorsOf(n)].sort()),
    containers: all.map((n) => [...g.directContainersOf(n)].sort()),
    coverage: all.map((n) => coverageDataOf(g, n)),
  };
}

describe('patchAttackGraph (issue 21: an edit patches the graph instead of reloading it)', () => {
  it('equals the graph built from the edited data, over random sequences of edits', () => {
    fc.assert(
      fc.property(
        graphData,
        fc.array(
          fc.tuple(
            graphData,
            fc.uniqueArray(fc.nat(ID_COUNT + CONTROL_COUNT + RISK_COUNT - 1), { minLength: 1, maxLength: 4 }),
          ),
          {
            minLength: 1,
            maxLength: 5,
          },
        ),
        // Two organisations; an entity never changes organisation (another's id is refused).
        fc.array(fc.constantFrom('A', 'B'), {
          minLength: ID_COUNT + CONTROL_COUNT + RISK_COUNT,
          maxLength: ID_COUNT + CONTROL_COUNT + RISK_COUNT,
        }),
        (first, edits, orgs) => {
          const start = inOrganizations(first, orgs);
          let data = start;
          let graph = new AttackGraph(start);
          // An account limited to organisation A (and what belongs to none) patches its own graph.
          const inA = (org: string | undefined) => org === undefined || org === 'A';
          let scoped = new AttackGraph(scopeGraphData(start, inA));
          // Every edit so far as one patch of the first data (what the cache keeps for data()).
          let merged: { ids: readonly string[]; part: AttackGraphData } | undefined;
          for (const [target, touchedAt] of edits) {
            const { ids, next } = applyEdit(
              new Set(touchedAt.map(anyId)),
              data,
              inOrganizations(target, orgs),
            );
            const patch = { ids: [...ids], part: partOf(next, ids) };
            const patchedData = patchGraphData(data, patch);
            merged = merged ? mergePatches(merged, patch) : patch;
            graph = patchAttackGraph(graph, patch);
            scoped = patchAttackGraph(scoped, scopePatch(patch, inA, graph));
            data = patchedData;
            expect(canonical(patchedData)).toEqual(canonical(next));
            expect(everything(patchGraphData(start, merged))).toEqual(everything(patchedData));
            expect(observable(graph)).toEqual(observable(new AttackGraph(next)));
            expect(observable(scoped)).toEqual(observable(new AttackGraph(scopeGraphData(next, inA))));
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('leaves the graph it patched as it was (searches under way keep their version)', () => {
    const data: AttackGraphData = {
      nodes: ['a', 'b', 'c'].map((n) => ({ id: n, name: n, labels: ['Asset', 'System'] })),
      steps: [{ from: 'a', to: 'b', vector: 'network' }],
      controls: [],
      threats: [],
      dependsOn: [],
    };
    const before = new AttackGraph(data);
    const patch = {
      ids: ['c'],
      part: { ...data, nodes: [data.nodes[2]], steps: [{ from: 'b', to: 'c', vector: 'network' as const }] },
    };
    const after = patchAttackGraph(before, patch);
    expect([...after.hops(['a'], 'forward', 5)].map(([n]) => n)).toEqual(['a', 'b', 'c']);
    expect([...before.hops(['a'], 'forward', 5)].map(([n]) => n)).toEqual(['a', 'b']);
    expect(before.stepsFrom('b')).toEqual([]);
  });
});

describe('coverage memos after a patch', () => {
  it('a personnel control switched off shows in the coverage of assets behind a container at once', () => {
    const control = {
      id: 'c',
      name: 'Vetting',
      domains: ['personnel'],
      functions: ['deter'],
      effectiveness: 0.5,
      status: 'implemented',
      protects: ['p'],
      dependsOn: [],
    };
    const data: AttackGraphData = {
      nodes: [
        { id: 'fac', name: 'Site', labels: ['Asset', 'Facility'] },
        { id: 'sys', name: 'Server', labels: ['Asset', 'System'] },
        { id: 'p', name: 'Pat', labels: ['Asset', 'Person'] },
      ],
      steps: [
        { from: 'fac', to: 'sys', vector: 'physical' },
        { from: 'p', to: 'fac', vector: 'access' },
      ],
      controls: [control],
      threats: [],
      dependsOn: [],
    };
    const before = new AttackGraph(data);
    expect(coverageDataOf(before, 'sys')?.access).toMatchObject({ people: 1, protectedPeople: 1 });
    const patch = {
      ids: ['c'],
      part: { ...data, nodes: [], steps: [], controls: [{ ...control, status: 'planned' }] },
    };
    const after = patchAttackGraph(before, patch);
    expect(coverageDataOf(after, 'sys')?.access).toMatchObject({ people: 1, protectedPeople: 0 });
  });
});

describe('the analysis key of a patched graph', () => {
  const data: AttackGraphData = {
    nodes: [
      { id: 'a', name: 'A', labels: ['Asset', 'System'] },
      { id: 'b', name: 'B', labels: ['Asset', 'System'] },
    ],
    steps: [{ from: 'a', to: 'b', vector: 'network' }],
    controls: [],
    threats: [],
    dependsOn: [],
  };
  const patched = (ids: string[], part: Partial<AttackGraphData>) => {
    const g = new AttackGraph(data);
    return [g, patchAttackGraph(g, { ids, part: { ...data, nodes: [], steps: [], ...part } })];
  };

  it('is kept by a rename (cached whole-graph results stay valid)', () => {
    const [g, next] = patched(['b'], { nodes: [{ ...data.nodes[1], name: 'Bee' }], steps: data.steps });
    expect(next.analysisKey).toBe(g.analysisKey);
  });

  it('is new after anything else: criticality, a step, an entity the graph does not hold', () => {
    for (const [ids, part] of [
      [['b'], { nodes: [{ ...data.nodes[1], criticality: 5 }], steps: data.steps }],
      [['b'], { nodes: [data.nodes[1]], steps: [] }],
      [['org-1'], {}],
    ] as const) {
      const [g, next] = patched([...ids], part as Partial<AttackGraphData>);
      expect(next.analysisKey).not.toBe(g.analysisKey);
    }
  });
});
