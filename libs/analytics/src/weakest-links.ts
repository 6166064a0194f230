import { AttackGraph, Barrier } from './attack-graph';
import { DEFAULT_MAX_HOPS, PathSearchResult, hopsToTarget, mostLikelyPaths } from './path-search';
import { regionEntrances, regionOf } from './region';
import { inherentLikelihoodOf, residualLikelihood } from './risk';
import { singlePointsOf, sweepThreat } from './threat-sweep';

export interface WeakestLink {
  controlId: string;
  /** Sum over (threat, critical asset) pairs of the rise of residual L x C if the control fails. */
  riskIncrease: number;
  /**
   * Critical assets for which the control is an order-1 cut set (securityDepth's single points
   * of failure): failing it, and what depends on it, opens a path. Never an exposed asset.
   */
  singlePointOfFailureFor: string[];
  /** Pairs whose paths it stands on. */
  pairs: number;
}

export interface WeakestLinkOptions {
  /** How many most likely paths each pair's first search finds (the bound below reads them). */
  topPaths?: number;
}

/** Enough for most barriers of a 100k-person organisation: 36,825 searches became 5,257. */
const TOP_PATHS = 8;

/**
 * Controls ranked by how much residual risk over critical assets rises if each fails
 * (docs/spec/analytics.md §6 scoring), over every (threat, critical asset) pair the threat reaches;
 * ties by the number of assets it alone protects.
 *
 * Failing a control of effectiveness e divides by (1 - e) at most the probability of the paths
 * it stands on, so the best path rises to base / (1 - e) at most: when that cannot move the
 * residual likelihood into another band, the rise is 0 without searching; nor when no path
 * through the control can overtake the best one (failingCannotRaise). Only the controls that could
 * change the answer cost a path search.
 */
export function weakestLinks(
  g: AttackGraph,
  isCritical: (assetId: string) => boolean,
  maxHops = DEFAULT_MAX_HOPS,
  options: WeakestLinkOptions = {},
): WeakestLink[] {
  const topPaths = options.topPaths ?? TOP_PATHS;
  const links = new Map<string, WeakestLink>();
  const link = (id: string) => {
    let l = links.get(id);
    if (!l) links.set(id, (l = { controlId: id, riskIncrease: 0, singlePointOfFailureFor: [], pairs: 0 }));
    return l;
  };
  const critical = [...g.nodes.values()].filter((n) => isCritical(n.id));
  const sweeps = [...g.threats.values()].map((threat) => ({
    threat,
    sweep: sweepThreat(g, threat, maxHops),
    fromEntries: g.hops(
      g.entriesOf(threat).map((e) => e.id),
      'forward',
      maxHops,
    ),
  }));
  for (const asset of critical) {
    for (const { threat, sweep, fromEntries } of sweeps) {
      if (!sweep.reachable.has(asset.id)) continue;
      // The counts to the asset on the threat's side only: every search of this pair reads no more.
      const toTarget = hopsToTarget(g, asset.id, maxHops, fromEntries);
      const inherent = inherentLikelihoodOf(threat);
      for (const id of singlePointsOf(sweep, asset.id)) {
        const l = g.controls.has(id) ? link(id) : undefined;
        if (l && !l.singlePointOfFailureFor.includes(asset.id)) l.singlePointOfFailureFor.push(asset.id);
      }
      const c = asset.criticality ?? 1;
      const score = (p: number) => residualLikelihood(inherent, p) * c;
      const top = mostLikelyPaths(g, threat, asset.id, topPaths, { maxHops, toTarget });
      const base = top.paths[0]?.probability ?? 0;
      const region = regionOf(g, threat, asset.id, maxHops, { toTarget, fromEntries });
      const barriers = new Map(
        regionEntrances(g, region).flatMap((e) => g.barriers(e.node, e.vector).map((b) => [b.id, b])),
      );
      for (const b of barriers.values()) {
        const l = link(b.id);
        l.pairs += 1;
        if (score(Math.min(1, base / (1 - b.effectiveness))) === score(base)) continue;
        if (failingCannotRaise(top, topPaths, b, base)) continue;
        const failed = new Set([b.id]);
        const p =
          mostLikelyPaths(g, threat, asset.id, 1, { maxHops, failed, toTarget }).paths[0]?.probability ?? 0;
        l.riskIncrease += score(p) - score(base);
      }
    }
  }
  return [...links.values()]
    .map((l) => ({ ...l, singlePointOfFailureFor: l.singlePointOfFailureFor.sort() }))
    .sort(
      (a, b) =>
        b.riskIncrease - a.riskIncrease ||
        b.singlePointOfFailureFor.length - a.singlePointOfFailureFor.length ||
        a.controlId.localeCompare(b.controlId),
    );
}

/**
 * Failing b removes its factor (1 - e) from the paths through it (a path counts a barrier once),
 * and from no other: the best it can make is the best path through b divided by (1 - e). The
 * most likely paths come in order, so the first of `top` through b is the best through b; when
 * none is, no path through b is more likely than the last of them (and none exists when the search
 * found fewer than it asked for). Below the best path, failing b leaves the best path as it is.
 */
export function failingCannotRaise(top: PathSearchResult, asked: number, b: Barrier, base: number): boolean {
  if (top.truncated) return false;
  const through = top.paths.find((p) => p.controls.includes(b.id));
  const bound = through?.probability ?? (top.paths.length < asked ? 0 : top.paths[asked - 1].probability);
  // A margin for rounding: the search multiplies the factors, this divides one out.
  return bound / (1 - b.effectiveness) < base * (1 - 1e-9);
}
