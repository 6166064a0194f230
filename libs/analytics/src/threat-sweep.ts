import { ThreatData } from '@rampart/domain';
import { AttackGraph, entryVector } from './attack-graph';
import { DEFAULT_MAX_HOPS, hopsFrom } from './path-search';

/**
 * Organisation-wide answers per threat in a few breadth-first sweeps instead of one search per
 * asset: which nodes the threat reaches with no barrier (depth 0), which with exactly one
 * distinct control on the way (depth 1, and that control is a single point of failure), and,
 * per dependency unit, which nodes failing it opens. Exactly the depth class and the order-1
 * cut sets of securityDepth and minimalCutSets (property-tested), in O(sweeps x graph).
 */
export interface ThreatSweep {
  threatId: string;
  /** Reached within maxHops, controls ignored. */
  reachable: Set<string>;
  /** Reached by a path without any barrier. */
  open: Set<string>;
  /** Not open, but reached by a path whose only barrier is this control: node -> controls. */
  lone: Map<string, Set<string>>;
  /** Units with dependants (dependencies, controls others rely on) -> nodes failing them opens. */
  opensByUnit: Map<string, Set<string>>;
}

export function sweepThreat(g: AttackGraph, threat: ThreatData, maxHops = DEFAULT_MAX_HOPS): ThreatSweep {
  const entries = g.entriesOf(threat);
  const barrierIds = (node: string, vector: string, failed?: ReadonlySet<string>) =>
    g.barriers(node, vector, failed).map((b) => b.id);

  // Controls ignored.
  const reachable = bfs(
    g,
    entries.map((e) => e.id),
    maxHops,
    () => true,
  );

  // States (node, c): every barrier met so far is c ('' for none).
  const best = new Map<string, number>();
  let frontier: [string, string][] = [];
  const visit = (node: string, c: string, hops: number) => {
    const key = `${node}|${c}`;
    if (best.has(key)) return;
    best.set(key, hops);
    frontier.push([node, c]);
  };
  const admit = (node: string, vector: string, c: string, hops: number) => {
    const ids = barrierIds(node, vector);
    if (ids.length === 0) visit(node, c, hops);
    else if (ids.length === 1 && (c === '' || c === ids[0])) visit(node, ids[0], hops);
  };
  for (const e of entries) admit(e.id, entryVector(e), '', 0);
  for (let h = 1; h <= maxHops && frontier.length; h++) {
    const layer = frontier;
    frontier = [];
    for (const [u, c] of layer) for (const s of g.stepsFrom(u)) admit(s.to, s.vector, c, h);
  }
  const open = new Set<string>();
  const lone = new Map<string, Set<string>>();
  for (const key of best.keys()) {
    const [node, c] = key.split('|');
    if (c === '') open.add(node);
  }
  for (const key of best.keys()) {
    const [node, c] = key.split('|');
    if (c === '' || open.has(node)) continue;
    const set = lone.get(node) ?? new Set<string>();
    set.add(c);
    lone.set(node, set);
  }

  // Units others depend on: failing one takes out every control whose chain contains it.
  const opensByUnit = new Map<string, Set<string>>();
  const units = new Set<string>();
  for (const c of g.controls.values()) for (const d of g.dependencyChain(c.id)) units.add(d);
  for (const u of units) {
    const failed = g.takenOutBy(u);
    const entryOpen = entries
      .filter((e) => barrierIds(e.id, entryVector(e), failed).length === 0)
      .map((e) => e.id);
    const reached = bfs(
      g,
      entryOpen,
      maxHops,
      (node, vector) => barrierIds(node, vector, failed).length === 0,
    );
    const opened = new Set([...reached].filter((n) => !open.has(n)));
    if (opened.size) opensByUnit.set(u, opened);
  }
  return { threatId: threat.id, reachable, open, lone, opensByUnit };
}

/** Nodes reached from `starts` within maxHops through passable steps (hopsFrom, keys only). */
function bfs(
  g: AttackGraph,
  starts: string[],
  maxHops: number,
  passable: (node: string, vector: string) => boolean,
): Set<string> {
  const next = (id: string) => g.stepsFrom(id).flatMap((s) => (passable(s.to, s.vector) ? [s.to] : []));
  return new Set(hopsFrom(starts, next, maxHops).keys());
}

/** Depth class of a node from the sweep: 0, 1, 2 meaning "2 or more", null when unreachable. */
export function depthClass(sweep: ThreatSweep, node: string): 0 | 1 | 2 | null {
  if (!sweep.reachable.has(node)) return null;
  if (sweep.open.has(node)) return 0;
  return sweep.lone.has(node) ? 1 : 2;
}

/** The order-1 cut sets of (threat, node) from the sweep: lone controls and opening units. */
export function singlePointsOf(sweep: ThreatSweep, node: string): string[] {
  if (sweep.open.has(node) || !sweep.reachable.has(node)) return [];
  const units = new Set(sweep.lone.get(node) ?? []);
  for (const u of unitsOpening(sweep).get(node) ?? []) units.add(u);
  return [...units].sort();
}

const opening = new WeakMap<ThreatSweep, Map<string, string[]>>();

/** opensByUnit turned around, once per sweep: posture asks it for every critical asset. */
function unitsOpening(sweep: ThreatSweep): Map<string, string[]> {
  let byNode = opening.get(sweep);
  if (!byNode) {
    byNode = new Map();
    for (const [u, opened] of sweep.opensByUnit) {
      for (const n of opened) {
        const list = byNode.get(n);
        if (list) list.push(u);
        else byNode.set(n, [u]);
      }
    }
    opening.set(sweep, byNode);
  }
  return byNode;
}
