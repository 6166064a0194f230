import { ThreatData } from '@rampart/domain';
import { AttackGraph, entryVector } from './attack-graph';
import { hopsToTarget } from './path-search';
import { HopCounts } from './step-index';

/**
 * The part of the attack graph that paths of at most maxHops from the threat's entry points to the
 * target can use: every such path lies inside it, so cut sets and choke points look nowhere else.
 */
export interface Region {
  entries: string[];
  target: string;
  maxHops: number;
  nodes: Set<string>;
  /** Fewest steps from one of the threat's entry points (controls ignored). */
  fromEntry: HopCounts;
}

export function regionOf(
  g: AttackGraph,
  threat: ThreatData,
  target: string,
  maxHops: number,
  /** Hop counts the caller already has: to the target, and from all the threat's entry points. */
  known: { toTarget?: HopCounts; fromEntries?: HopCounts } = {},
): Region {
  // An entry point that cannot reach the target adds no node within maxHops of both ends, so the
  // counts from all entry points (kept per threat) give the same region.
  const fromEntry = known.fromEntries ?? g.hopsFromEntries(threat, maxHops);
  const toTarget = known.toTarget ?? hopsToTarget(g, target, maxHops, fromEntry);
  const entries = g
    .entriesOf(threat)
    .map((e) => e.id)
    .filter((id) => toTarget.has(id));
  return { entries, target, maxHops, nodes: new Set(fromEntry.within(toTarget, maxHops)), fromEntry };
}

/**
 * Whether some path of at most maxHops reaches the target with every barrier on it failed
 * (breadth-first, so the first path found is the shortest and simple).
 */
export function opensPath(g: AttackGraph, region: Region, failed: ReadonlySet<string>): boolean {
  const open = (node: string, vector: string) => g.barriers(node, vector, failed).length === 0;
  const seen = new Set<string>();
  let frontier = region.entries.filter((e) => open(e, entryVector(g.nodes.get(e) as never)));
  frontier.forEach((e) => seen.add(e));
  for (let d = 0; frontier.length; d++) {
    if (frontier.includes(region.target)) return true;
    if (d === region.maxHops) return false;
    const next: string[] = [];
    for (const u of frontier) {
      for (const s of g.stepsFrom(u)) {
        if (seen.has(s.to) || !region.nodes.has(s.to) || !open(s.to, s.vector)) continue;
        seen.add(s.to);
        next.push(s.to);
      }
    }
    frontier = next;
  }
  return false;
}

/** Every (node, vector) through which a path in the region enters a node, entries included. */
export function regionEntrances(g: AttackGraph, region: Region): { node: string; vector: string }[] {
  const out = region.entries.map((e) => ({ node: e, vector: entryVector(g.nodes.get(e) as never) }));
  for (const u of region.nodes) {
    for (const s of g.stepsFrom(u)) if (region.nodes.has(s.to)) out.push({ node: s.to, vector: s.vector });
  }
  return out;
}
