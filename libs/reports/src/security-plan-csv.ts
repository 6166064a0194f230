import { SecurityDomain } from '@rampart/domain';
import { toCsv } from './csv-writer';
import { PLAN_SECTION_IDS, PlanSectionId, SecurityPlanReport } from './report-data';
import { DOMAIN_TITLES, formatNumber } from './svg-charts';

// Worded like ./security-plan's document, so the CSV and the document say the same numbers.
const pct = (p: number) => `${(p * 100).toFixed(p > 0 && p < 0.01 ? 2 : 1)} %`;
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const domainTitle = (d: string) => DOMAIN_TITLES[d as SecurityDomain] ?? d;
const yesNo = (b: boolean | null) => (b === null ? 'unknown' : b ? 'yes' : 'no');

/** CSV columns of the draft plan, one row per section a-g (docs/reports.md). */
export const PLAN_CSV_COLUMNS = [
  'section',
  'clause',
  'title',
  'drafted_from_graph',
  'to_be_written',
  'status',
];

/**
 * One row per section, from the sections the report carries (their clause, title and prompts),
 * in the standard's order. Re-exported by ./security-plan, so this file must not import it.
 */
export function planCsv(r: SecurityPlanReport): string {
  const drafted = draftedFromGraph(r);
  const order = (id: PlanSectionId) => PLAN_SECTION_IDS.indexOf(id);
  return toCsv(
    PLAN_CSV_COLUMNS,
    [...r.sections]
      .sort((x, y) => order(x.id) - order(y.id))
      .map((s) => [
        s.id,
        s.clause,
        s.title,
        drafted[s.id],
        s.toBeWritten.join('; '),
        drafted[s.id] ? 'drafted, needs review' : 'to be written',
      ]),
  );
}

/** One line per section with the key numbers; empty where the graph had nothing to draft from. */
function draftedFromGraph(r: SecurityPlanReport): Record<PlanSectionId, string> {
  const { context: a, risks: b, acceptance: c, controls: d, culture: e, response: f, status: g } = r;
  const assets = a.assetsByKind.reduce((n, k) => n + k.assets, 0);
  const critical = a.assetsByKind.reduce((n, k) => n + k.critical, 0);
  const rse = a.rse
    ? `RSE ${a.rse.name} (in top management: ${yesNo(a.rseInTopManagement)})`
    : 'RSE not appointed';
  const inForce = d.domains.map((x) => `${domainTitle(x.domain)} ${x.inForce}`).join(', ');
  const anyControl = d.domains.some((x) => x.inForce) || d.planned.length || d.priorities.length;
  return {
    a: [
      rse,
      plural(a.topManagement.length, 'top-management unit'),
      plural(a.people, 'person', 'people'),
      plural(a.serviceProviders, 'service provider'),
      `${plural(assets, 'asset')}, ${critical} critical`,
    ].join('; '),
    b:
      b.criticalAssets || b.top.length || b.threats.length
        ? `${plural(b.criticalAssets, 'critical asset')}, ${b.uncoveredCriticalAssets} uncovered, ${b.exposedCriticalAssets} exposed; ` +
          `${plural(b.top.length, 'risk')} listed; ${plural(b.threats.length, 'threat')}; ` +
          plural(b.commonModeFailures.length, 'common-mode failure')
        : '',
    c:
      c.tolerance !== null || c.accepted.length || c.untreatedAboveTolerance.length
        ? `tolerance ${c.tolerance ?? 'not recorded'}; ${plural(c.accepted.length, 'accepted risk')}; ` +
          `${c.untreatedAboveTolerance.length} untreated above tolerance`
        : '',
    d: anyControl
      ? `in force per domain: ${inForce}; ${plural(d.planned.length, 'planned control')}; ` +
        plural(d.priorities.length, 'priority', 'priorities')
      : '',
    e:
      e.people || e.personnelControlsInForce
        ? `${plural(e.people, 'person', 'people')}; ${e.personnelControlsInForce} personnel controls in force; ` +
          `${e.vettingOverdue} vetting overdue; ${e.separatedWithAccess} separated with access; ` +
          `${e.accessWithoutJustification} access without justification`
        : '',
    f:
      f.detectControls || f.respondControls || f.recoverControls || f.responseForce
        ? `controls in force: detect ${f.detectControls}, respond ${f.respondControls}, recover ${f.recoverControls}; ` +
          responseForce(f.responseForce)
        : '',
    g:
      `draft, not approved; review every ${plural(g.reviewIntervalDays, 'day')}, next due ${g.nextReviewDue}; ` +
      `${plural(g.schedules.length, 'schedule')}; ${plural(g.recentReports.length, 'recent report')}`,
  };
}

function responseForce(rf: SecurityPlanReport['response']['responseForce']): string {
  if (!rf) return 'response force not recorded';
  const alerted = pct(rf.communicationProbability);
  return `response force ${formatNumber(rf.timeSeconds)} s (σ ${formatNumber(rf.stdDevSeconds)} s), alerted ${alerted}`;
}
