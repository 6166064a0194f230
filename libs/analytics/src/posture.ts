import { CoverageData } from '@rampart/domain';
import { AttackGraph } from './attack-graph';
import { Coverage } from './coverage';
import { isCommonModeUnit } from './cut-sets';
import { ThreatSweep, depthClass, singlePointsOf } from './threat-sweep';

export interface AssetThreatSummary {
  assetId: string;
  /** Fewest controls over every threat that reaches it (2 meaning two or more); null when none does. */
  minDepth: number | null;
  exposedTo: string[];
  /** Units that alone open a path (order-1 cut sets), with whether each is common-mode. */
  singlePoints: { id: string; commonMode: boolean; threatId: string }[];
}

/**
 * Depth class and single points of failure of one asset against every threat, from the
 * threats' sweeps (computed once for the whole organisation).
 */
export function assetThreats(g: AttackGraph, sweeps: ThreatSweep[], assetId: string): AssetThreatSummary {
  let minDepth: number | null = null;
  const exposedTo: string[] = [];
  const singlePoints: AssetThreatSummary['singlePoints'] = [];
  for (const sweep of sweeps) {
    const depth = depthClass(sweep, assetId);
    if (depth === null) continue;
    minDepth = minDepth === null ? depth : Math.min(minDepth, depth);
    if (depth === 0) exposedTo.push(sweep.threatId);
    for (const id of singlePointsOf(sweep, assetId)) {
      singlePoints.push({ id, commonMode: isCommonModeUnit(g, id), threatId: sweep.threatId });
    }
  }
  return { assetId, minDepth, exposedTo, singlePoints };
}

/**
 * Why a critical asset is uncovered (analytics.md §5): missing required domains, depth <= 1
 * against a threat that reaches it, no owner, a protecting control failed or untested beyond
 * the review interval. Empty: covered.
 */
export function uncoveredReasons(
  coverage: Coverage,
  data: CoverageData,
  threats: AssetThreatSummary,
  asOf: string,
  reviewIntervalDays: number,
): string[] {
  const reasons: string[] = [];
  if (coverage.missingDomains.length) reasons.push(`missing domains: ${coverage.missingDomains.join(', ')}`);
  if (threats.minDepth !== null && threats.minDepth <= 1) reasons.push(`depth ${threats.minDepth}`);
  if (!data.owned) reasons.push('no owner');
  const own = data.controls.filter((c) => c.on === data.id);
  const failed = own.filter((c) => c.status === 'failed').map((c) => c.id);
  if (failed.length) reasons.push(`failed controls: ${failed.join(', ')}`);
  const limit = Date.parse(asOf) - reviewIntervalDays * 86_400_000;
  const untested = own
    .filter((c) => c.status === 'implemented' || c.status === 'degraded')
    .filter((c) => !c.lastTestedAt || Date.parse(c.lastTestedAt.slice(0, 10)) < limit)
    .map((c) => c.id);
  if (untested.length) reasons.push(`untested controls: ${untested.join(', ')}`);
  return reasons;
}
