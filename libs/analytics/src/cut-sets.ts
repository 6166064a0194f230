import { ThreatData } from '@rampart/domain';
import { AttackGraph, effectiveEffectiveness } from './attack-graph';
import { DEFAULT_MAX_HOPS } from './path-search';
import { Region, opensPath, regionEntrances, regionOf } from './region';

/** A failure unit (docs/spec/analytics.md §3): a control, or something controls depend on. */
export interface CutUnit {
  id: string;
  kind: 'CONTROL' | 'DEPENDENCY';
  /** A control's own domains; for a dependency, the domains of every control in force it takes out. */
  domains: string[];
}

export interface CutSet {
  order: number;
  /** Product of (1 - e) over the controls the set takes out (on the threat's paths). */
  probability: number;
  /** One unit is a dependency behind controls of two or more domains. */
  commonMode: boolean;
  units: CutUnit[];
  /** The controls failing the set takes out on the threat's paths. */
  controls: string[];
}

export interface CutSetResult {
  /** The threat reaches the target at all (within maxHops, controls ignored). */
  reachable: boolean;
  /** A path without any barrier exists: nothing to cut (depth 0). */
  exposed: boolean;
  cutSets: CutSet[];
}

export interface CutSetOptions {
  maxOrder?: number;
  maxHops?: number;
}

/**
 * All minimal cut sets up to maxOrder, by order then most likely first. Sets are tried by order,
 * and a set containing a smaller cut is never tried, so every reported set is minimal (failing
 * more units never closes a path).
 */
export function minimalCutSets(
  g: AttackGraph,
  threat: ThreatData,
  target: string,
  opts: CutSetOptions = {},
): CutSetResult {
  const maxOrder = opts.maxOrder ?? 3;
  const region = regionOf(g, threat, target, opts.maxHops ?? DEFAULT_MAX_HOPS);
  if (!region.nodes.has(target)) return { reachable: false, exposed: false, cutSets: [] };
  if (opensPath(g, region, new Set())) return { reachable: true, exposed: true, cutSets: [] };

  const takesOut = unitsOf(g, region);
  const ids = [...takesOut.keys()].sort();
  const found: Set<string>[] = [];
  const cutSets: CutSet[] = [];
  // Breadth by order: all singles before any pair, so minimality holds across branches.
  for (let order = 1; order <= maxOrder; order++) visitOrder(ids, order, (set) => visitSet(set));
  function visitSet(set: string[]) {
    if (found.some((f) => [...f].every((u) => set.includes(u)))) return;
    const failed = new Set(set.flatMap((u) => [...(takesOut.get(u) as Set<string>)]));
    if (opensPath(g, region, failed)) {
      found.push(new Set(set));
      cutSets.push(describe(g, set, failed));
    }
  }
  cutSets.sort(
    (a, b) =>
      a.order - b.order || b.probability - a.probability || a.units[0].id.localeCompare(b.units[0].id),
  );
  return { reachable: true, exposed: false, cutSets };
}

function visitOrder(
  ids: string[],
  order: number,
  each: (set: string[]) => void,
  start = 0,
  chosen: string[] = [],
) {
  if (chosen.length === order) return each(chosen);
  for (let i = start; i < ids.length; i++) visitOrder(ids, order, each, i + 1, [...chosen, ids[i]]);
}

/** Each failure unit of the region and the region's barrier controls it takes out. */
function unitsOf(g: AttackGraph, region: Region): Map<string, Set<string>> {
  const barriers = new Set<string>();
  for (const { node, vector } of regionEntrances(g, region)) {
    for (const b of g.barriers(node, vector)) barriers.add(b.id);
  }
  const units = new Map<string, Set<string>>();
  const add = (unit: string, control: string) => {
    const set = units.get(unit) ?? new Set<string>();
    set.add(control);
    units.set(unit, set);
  };
  for (const c of barriers) {
    add(c, c);
    for (const d of g.dependencyChain(c)) add(d, c);
  }
  return units;
}

/** A control or dependency as a unit of failure: a dependency's domains are those it takes out. */
export function failureUnit(g: AttackGraph, id: string): CutUnit {
  const control = g.controls.get(id);
  const dependents = g.dependentsOf(id);
  const domains = new Set([...(control?.domains ?? []), ...dependents.flatMap((c) => c.domains)]);
  return {
    id,
    kind: control ? 'CONTROL' : 'DEPENDENCY',
    domains: [...(dependents.length || !control ? domains : new Set(control.domains))].sort(),
  };
}

function describe(g: AttackGraph, unitIds: string[], failed: Set<string>): CutSet {
  const units = unitIds.map((id) => failureUnit(g, id));
  const commonMode = unitIds.some((id) => isCommonModeUnit(g, id));
  const controls = [...failed].sort();
  const probability = controls.reduce(
    (p, id) => p * (1 - effectiveEffectiveness(g.controls.get(id) as never)),
    1,
  );
  return { order: unitIds.length, probability, commonMode, units, controls };
}

/** A unit with dependants (controls in force whose chain contains it) spanning two or more domains. */
export function isCommonModeUnit(g: AttackGraph, id: string): boolean {
  const dependents = g.dependentsOf(id);
  if (!dependents.length) return false;
  const own = g.controls.get(id);
  return new Set([...dependents.flatMap((c) => c.domains), ...(own?.domains ?? [])]).size >= 2;
}
