import { toCsv } from './csv-writer';
import { activeControls, inDomainOrder } from './posture-report';
import { PostureReport } from './report-data';

/** CSV columns of the posture report, one row per domain (docs/reports.md). */
export const POSTURE_CSV_COLUMNS = [
  'domain',
  'maturity_level',
  'maturity_label',
  'controls',
  'in_force',
  'planned',
  'failed',
  'degraded',
  'mean_effectiveness',
  'tested',
  'critical_required',
  'critical_covered',
  'findings_high',
  'findings_medium',
  'findings_low',
  'next_level_needs',
];

export function postureCsv(r: PostureReport): string {
  return toCsv(
    POSTURE_CSV_COLUMNS,
    inDomainOrder(r.domains).map((d) => [
      d.domain,
      d.maturity.level,
      d.maturity.label,
      activeControls(d),
      d.inForce,
      d.controls.planned,
      d.controls.failed,
      d.controls.degraded,
      d.meanEffectiveness === null ? '' : Number(d.meanEffectiveness.toFixed(4)),
      d.tested,
      d.criticalRequired,
      d.criticalCovered,
      d.findings.high,
      d.findings.medium,
      d.findings.low,
      d.maturity.next.join('; '),
    ]),
  );
}
