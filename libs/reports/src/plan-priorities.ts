import { SecurityDomain } from '@rampart/domain';
import { WeakestLinkRow } from './report-data';
import { DOMAIN_TITLES } from './svg-charts';

export interface PriorityInput {
  exposedCriticalAssets: number;
  untreatedAboveTolerance: number;
  missingDomains: { domain: SecurityDomain; criticalAssets: number }[];
  weakestLinks: WeakestLinkRow[];
  failedControls: number;
  untestedControls: number;
  plannedControls: number;
}

/** How many weakest links the plan names as priorities. */
const LINKS_NAMED = 3;
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * The plan's priorities (ISO 22340 6.2.2.5 d), most urgent first: open ways in, untreated risks
 * above tolerance, the domains missing on most critical assets, the weakest links, failed,
 * untested and planned controls. Only what the graph shows; a person orders and funds them.
 */
export function planPriorities(p: PriorityInput): string[] {
  const out: string[] = [];
  if (p.exposedCriticalAssets)
    out.push(
      `Close the open ways in to ${plural(p.exposedCriticalAssets, 'critical asset')} that a threat reaches with no control in the way.`,
    );
  if (p.untreatedAboveTolerance)
    out.push(
      `Decide a treatment for ${plural(p.untreatedAboveTolerance, 'risk')} above the organisation's tolerance.`,
    );
  for (const m of [...p.missingDomains]
    .filter((x) => x.criticalAssets)
    .sort((a, b) => b.criticalAssets - a.criticalAssets))
    out.push(
      `${DOMAIN_TITLES[m.domain]}: cover the ${plural(m.criticalAssets, 'critical asset')} it is missing on.`,
    );
  for (const w of p.weakestLinks
    .filter((l) => l.riskIncrease > 0 || l.singlePointOfFailureFor > 0)
    .slice(0, LINKS_NAMED)) {
    const alone = w.singlePointOfFailureFor
      ? `; it alone protects ${plural(w.singlePointOfFailureFor, 'critical asset')}`
      : '';
    out.push(`Back up ${w.control.name} with an independent layer${alone}.`);
  }
  if (p.failedControls) out.push(`Repair or replace ${plural(p.failedControls, 'failed control')}.`);
  if (p.untestedControls)
    out.push(`Test ${plural(p.untestedControls, 'control')} in force not tested within the review interval.`);
  if (p.plannedControls) out.push(`Bring ${plural(p.plannedControls, 'planned control')} into force.`);
  return out;
}
