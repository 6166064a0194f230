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

/** Why a critical asset is uncovered, each rule of docs/spec/analytics.md §5 that it fails. */
export interface UncoveredReasons {
  missingDomains: string[];
  /** The depth class (0 or 1) when a threat reaches it with at most one control in the way. */
  shallowDepth: number | null;
  noOwner: boolean;
  /** Protecting controls (on the asset itself) that are failed, or untested beyond the interval. */
  failedControls: string[];
  untestedControls: string[];
}

/**
 * Why a critical asset is uncovered (docs/spec/analytics.md §5): missing required domains, depth <= 1
 * against a threat that reaches it, no owner, a protecting control failed or untested beyond
 * the review interval. Nothing listed: covered.
 */
export function uncoveredReasons(
  coverage: Coverage,
  data: CoverageData,
  threats: AssetThreatSummary,
  asOf: string,
  reviewIntervalDays: number,
): UncoveredReasons {
  const own = data.controls.filter((c) => c.on === data.id);
  return {
    missingDomains: coverage.missingDomains,
    shallowDepth: threats.minDepth !== null && threats.minDepth <= 1 ? threats.minDepth : null,
    noOwner: !data.owned,
    failedControls: own.filter((c) => c.status === 'failed').map((c) => c.id),
    untestedControls: own
      .filter((c) => c.status === 'implemented' || c.status === 'degraded')
      .filter((c) => !testedWithin(c.lastTestedAt, asOf, reviewIntervalDays))
      .map((c) => c.id),
  };
}

/** A control was tested within the review interval before asOf (never tested: no). */
export function testedWithin(
  lastTestedAt: string | undefined,
  asOf: string,
  reviewIntervalDays: number,
): boolean {
  return (
    Boolean(lastTestedAt) &&
    Date.parse(lastTestedAt!.slice(0, 10)) >= Date.parse(asOf) - reviewIntervalDays * 86_400_000
  );
}

/** The reasons in words, controls by name (`nameOf`); empty: the asset is covered. */
export function describeReasons(r: UncoveredReasons, nameOf: (id: string) => string = (id) => id): string[] {
  const reasons: string[] = [];
  if (r.missingDomains.length) reasons.push(`missing domains: ${r.missingDomains.join(', ')}`);
  if (r.shallowDepth !== null) reasons.push(`depth ${r.shallowDepth}`);
  if (r.noOwner) reasons.push('no owner');
  if (r.failedControls.length) reasons.push(`failed controls: ${r.failedControls.map(nameOf).join(', ')}`);
  if (r.untestedControls.length)
    reasons.push(`untested controls: ${r.untestedControls.map(nameOf).join(', ')}`);
  return reasons;
}
