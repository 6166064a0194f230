import { CoverageData } from '@rampart/domain';
import { AttackGraph } from './attack-graph';

/**
 * The coverage inputs of an asset, from the attack graph in memory: containers follow the
 * containment steps backwards (stored on a system, hosted in or located in a facility),
 * transitively; people with access are the Person steps into the asset or a container.
 */
export function coverageDataOf(g: AttackGraph, assetId: string): CoverageData | undefined {
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
  const access = own.length
    ? accessSummary(g, new Set([...peopleOf(g, containers), ...own]))
    : chainSummary(g, containers);
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

const inForce = (status: string) => status === 'implemented' || status === 'degraded';
const personnel = new WeakMap<AttackGraph, Map<string, { id: string; name: string }[]>>();
const chains = new WeakMap<AttackGraph, Map<string, string[]>>();
const summaries = new WeakMap<AttackGraph, Map<string, CoverageData['access']>>();

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
  const controls = new Map<string, { id: string; name: string; on: string }>();
  for (const p of people) {
    count += 1;
    const cs = personnelControls(g, p);
    if (cs.length) protectedPeople += 1;
    for (const c of cs) if (!controls.has(c.id)) controls.set(c.id, { ...c, on: p });
  }
  return { people: count, protectedPeople, controls: [...controls.values()] };
}

function peopleOf(g: AttackGraph, containers: string[]): string[] {
  let memo = chains.get(g);
  if (!memo) chains.set(g, (memo = new Map()));
  const key = [...containers].sort().join('|');
  let list = memo.get(key);
  if (!list) {
    list = [...new Set(containers.flatMap((c) => g.accessorsOf(c)))];
    memo.set(key, list);
  }
  return list;
}

function chainSummary(g: AttackGraph, containers: string[]): CoverageData['access'] {
  let memo = summaries.get(g);
  if (!memo) summaries.set(g, (memo = new Map()));
  const key = [...containers].sort().join('|');
  let summary = memo.get(key);
  if (!summary) {
    summary = accessSummary(g, peopleOf(g, containers));
    memo.set(key, summary);
  }
  return summary;
}
