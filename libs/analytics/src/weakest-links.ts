import { AttackGraph } from './attack-graph';
import { DEFAULT_MAX_HOPS, mostLikelyPaths } from './path-search';
import { opensPath, regionEntrances, regionOf } from './region';
import { inherentLikelihoodOf, residualLikelihood } from './risk';

export interface WeakestLink {
  controlId: string;
  /** Sum over (threat, critical asset) pairs of the rise of residual L x C if the control fails. */
  riskIncrease: number;
  /** Critical assets for which the control alone is a cut (a single point of failure). */
  singlePointOfFailureFor: string[];
  /** Pairs whose paths it stands on. */
  pairs: number;
}

/**
 * Controls ranked by how much residual risk over critical assets rises if each fails
 * (analytics.md §6 scoring), over every (threat, critical asset) pair the threat reaches;
 * ties by the number of assets it alone protects.
 */
export function weakestLinks(
  g: AttackGraph,
  isCritical: (assetId: string) => boolean,
  maxHops = DEFAULT_MAX_HOPS,
): WeakestLink[] {
  const links = new Map<string, WeakestLink>();
  const link = (id: string) => {
    let l = links.get(id);
    if (!l) links.set(id, (l = { controlId: id, riskIncrease: 0, singlePointOfFailureFor: [], pairs: 0 }));
    return l;
  };
  const critical = [...g.nodes.values()].filter((n) => isCritical(n.id));
  for (const threat of g.threats.values()) {
    const inherent = inherentLikelihoodOf(threat);
    for (const asset of critical) {
      const region = regionOf(g, threat, asset.id, maxHops);
      if (!region.nodes.has(asset.id)) continue;
      const c = asset.criticality ?? 1;
      const score = (p: number) => residualLikelihood(inherent, p) * c;
      const base = score(mostLikelyPaths(g, threat, asset.id, 1, { maxHops }).paths[0]?.probability ?? 0);
      const barriers = new Set(
        regionEntrances(g, region).flatMap((e) => g.barriers(e.node, e.vector).map((b) => b.id)),
      );
      for (const id of barriers) {
        const failed = new Set([id]);
        const p = mostLikelyPaths(g, threat, asset.id, 1, { maxHops, failed }).paths[0]?.probability ?? 0;
        const l = link(id);
        l.pairs += 1;
        l.riskIncrease += score(p) - base;
        if (opensPath(g, region, failed) && !l.singlePointOfFailureFor.includes(asset.id)) {
          l.singlePointOfFailureFor.push(asset.id);
        }
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
