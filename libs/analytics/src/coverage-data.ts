import { CoverageData } from '@rampart/domain';
import { AttackGraph, PatchChange } from './attack-graph';

/**
 * The coverage inputs of an asset, from the attack graph in memory: containers follow the
 * containment steps backwards (stored on a system, hosted in or located in a facility),
 * transitively; people with access are the Person steps into the asset or a container.
 */
export function coverageDataOf(g: AttackGraph, assetId: string): CoverageData | undefined {
  let memo = assets.get(g);
  if (!memo) assets.set(g, (memo = new Map()));
  let data = memo.get(assetId);
  if (!data) {
    data = computeCoverageData(g, assetId);
    if (data) memo.set(assetId, data);
  }
  return data;
}

/** coverageDataOf by graph and asset: posture asks it of every critical asset (issue 21). */
const assets = new WeakMap<AttackGraph, Map<string, CoverageData>>();

function computeCoverageData(g: AttackGraph, assetId: string): CoverageData | undefined {
  const a = g.nodes.get(assetId);
  if (!a) return undefined;
  const containers: string[] = [];
  const seen = new Set([assetId]);
  for (let i = -1; i < containers.length; i++) {
    for (const c of g.directContainersOf(i < 0 ? assetId : containers[i])) {
      if (!seen.has(c)) {
        seen.add(c);
        containers.push(c);
      }
    }
  }
  // Assets in the same place share their containers' people: summed up once per container chain.
  const own = g.accessorsOf(assetId).filter((p) => p !== assetId);
  const chain = chainInfo(g, containers);
  const extra = own.filter((p) => !chain.has(p));
  const access = extra.length ? merge(chain.summary, accessSummary(g, extra)) : chain.summary;
  const controls = [assetId, ...containers].flatMap((on) =>
    g.protectorsOf(on).map((c) => ({
      id: c.id,
      name: c.name,
      domains: c.domains,
      functions: c.functions,
      status: c.status,
      effectiveness: c.effectiveness,
      lastTestedAt: c.lastTestedAt,
      on,
      onName: nameOf(g, on),
    })),
  );
  return {
    id: a.id,
    name: a.name,
    labels: a.labels,
    organizationId: a.organizationId,
    classification: a.classification,
    criticality: a.criticality ?? 1,
    owned: g.owned.has(a.id),
    containers: containers.map((id) => ({ id, labels: g.nodes.get(id)?.labels ?? [] })),
    controls,
    access,
    reviews: g.risks.filter((r) => r.assetId === assetId && r.reviewedAt).map((r) => r.reviewedAt as string),
  };
}

const nameOf = (g: AttackGraph, id: string) => g.nodes.get(id)?.name ?? id;

/** Personnel controls listed per asset: with one vetting control per person, a site has thousands. */
export const LISTED = 20;
const inForce = (status: string) => status === 'implemented' || status === 'degraded';
const personnel = new WeakMap<AttackGraph, Map<string, { id: string; name: string }[]>>();

/** Personnel controls in force protecting a person, memoised per graph (a person counts for many assets). */
function personnelControls(g: AttackGraph, person: string): { id: string; name: string }[] {
  let memo = personnel.get(g);
  if (!memo) personnel.set(g, (memo = new Map()));
  let list = memo.get(person);
  if (!list) {
    list = g
      .protectorsOf(person)
      .filter((c) => c.domains.includes('personnel') && inForce(c.status))
      .map((c) => ({ id: c.id, name: c.name }));
    memo.set(person, list);
  }
  return list;
}

function accessSummary(g: AttackGraph, people: Iterable<string>): CoverageData['access'] {
  let count = 0;
  let protectedPeople = 0;
  const controls = new Map<string, CoverageData['access']['controls'][number]>();
  for (const p of people) {
    count += 1;
    const cs = personnelControls(g, p);
    if (cs.length) protectedPeople += 1;
    if (controls.size < LISTED)
      for (const c of cs) if (!controls.has(c.id)) controls.set(c.id, { ...c, on: p, onName: nameOf(g, p) });
  }
  return { people: count, protectedPeople, controls: [...controls.values()] };
}

interface ChainInfo {
  has(person: string): boolean;
  summary: CoverageData['access'];
  /** The containers of the chain (a patch drops the info when one of them changed). */
  containers: readonly string[];
}
const NOBODY: ChainInfo = {
  has: () => false,
  summary: { people: 0, protectedPeople: 0, controls: [] },
  containers: [],
};
const infos = new WeakMap<AttackGraph, Map<string, ChainInfo>>();

/**
 * The people with access to containers[from..] and their summary, once per chain. Containers come
 * innermost first, so the outer part of a chain (room, building, site: thousands of people) is
 * computed once and shared; each chain only adds the people of its first container not already in it.
 */
function chainInfo(g: AttackGraph, containers: string[], from = 0): ChainInfo {
  if (from >= containers.length) return NOBODY;
  let memo = infos.get(g);
  if (!memo) infos.set(g, (memo = new Map()));
  const key = containers.slice(from).join('|');
  let info = memo.get(key);
  if (!info) {
    const outer = chainInfo(g, containers, from + 1);
    const added = new Set(g.accessorsOf(containers[from]).filter((p) => !outer.has(p)));
    const chain = containers.slice(from);
    info = added.size
      ? {
          has: (p) => added.has(p) || outer.has(p),
          summary: merge(outer.summary, accessSummary(g, added)),
          containers: chain,
        }
      : { ...outer, containers: chain };
    memo.set(key, info);
  }
  return info;
}

function merge(a: CoverageData['access'], b: CoverageData['access']): CoverageData['access'] {
  const controls = new Map([...a.controls, ...b.controls].slice(0, LISTED).map((c) => [c.id, c]));
  return {
    people: a.people + b.people,
    protectedPeople: a.protectedPeople + b.protectedPeople,
    controls: [...controls.values()],
  };
}

/** Past this many people touched, checking each asset's people costs more than recomputing. */
const MAX_PEOPLE_CHECKED = 2000;

/**
 * A patched graph takes over the coverage memos of the graph it came from, but the entries the
 * patch may have changed: people whose protectors changed or who were touched, chains with a
 * container whose steps changed or with such a person, and assets whose own record, steps,
 * protectors, containers, chain, people with access or risk reviews changed.
 */
export function inheritCoverageMemos(prev: AttackGraph, next: AttackGraph, change: PatchChange): void {
  const people = new Set([...change.touched, ...change.protectors]);
  const oldPersonnel = personnel.get(prev);
  if (oldPersonnel) {
    const memo = new Map<string, { id: string; name: string }[]>();
    for (const [p, list] of oldPersonnel) if (!people.has(p)) memo.set(p, list);
    personnel.set(next, memo);
  }
  const oldInfos = infos.get(prev);
  if (oldInfos) {
    const memo = new Map<string, ChainInfo>();
    for (const [key, info] of oldInfos) {
      const stale = info.containers.some((c) => change.steps.has(c)) || [...people].some((p) => info.has(p));
      if (!stale) memo.set(key, info);
    }
    infos.set(next, memo);
  }
  const oldAssets = assets.get(prev);
  if (oldAssets && people.size <= MAX_PEOPLE_CHECKED)
    assets.set(next, keptAssets(prev, next, change, people, oldAssets));
}

function keptAssets(
  prev: AttackGraph,
  next: AttackGraph,
  change: PatchChange,
  people: ReadonlySet<string>,
  old: ReadonlyMap<string, CoverageData>,
): Map<string, CoverageData> {
  const changed = (id: string) => change.touched.has(id) || change.steps.has(id) || change.protectors.has(id);
  // Assets a changed person reaches directly (own access), before or after; and those of a changed risk.
  const stale = new Set<string>();
  for (const p of people) for (const g of [prev, next]) for (const s of g.stepsFrom(p)) stale.add(s.to);
  for (const g of [prev, next]) for (const r of g.risks) if (change.touched.has(r.id)) stale.add(r.assetId);
  const chains = infos.get(next);
  const memo = new Map<string, CoverageData>();
  for (const [id, d] of old) {
    if (changed(id) || stale.has(id)) continue;
    if (d.containers.some((c) => changed(c.id)) || d.controls.some((c) => change.touched.has(c.id))) continue;
    // The people of its containers: their chain was kept only if none of them changed.
    if (d.containers.length && !chains?.has(d.containers.map((c) => c.id).join('|'))) continue;
    memo.set(id, d);
  }
  return memo;
}
