import { CONTROL_STATUSES, MATURITY_LABELS, RISK_LEVELS, SECURITY_DOMAINS } from '@rampart/domain';
import { Block, ReportDocument } from './report-document';
import { CONTROL_FUNCTION_KEYS, DomainPosture, PostureReport } from './report-data';
import { barChartSvg, DOMAIN_TITLES } from './svg-charts';
import { REPORT_MARKING, riskMatrixChart, weakestLinksChart } from './report-blocks';
import { DocumentOptions, firstRows, rowLimit } from './report-limits';

const pct = (p: number) => `${(p * 100).toFixed(p > 0 && p < 0.01 ? 2 : 1)} %`;
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const yesNo = (b: boolean) => (b ? 'yes' : 'no');
/** "a", "a and b", "a, b and c": the summary is read aloud, not parsed. */
const andList = (xs: readonly string[]) =>
  xs.length < 2 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`;
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const domainTitle = (d: string | null) =>
  d === null ? '—' : ((DOMAIN_TITLES as Record<string, string>)[d] ?? d);
const levelText = (m: DomainPosture['maturity']) => `level ${m.level} (${m.label})`;

/** The five domains in SECURITY_DOMAINS order, whatever order the data came in. */
export const inDomainOrder = (ds: readonly DomainPosture[]) =>
  [...ds].sort((a, b) => SECURITY_DOMAINS.indexOf(a.domain) - SECURITY_DOMAINS.indexOf(b.domain));
/** Controls that still count: every status but retired. */
export const activeControls = (d: DomainPosture) =>
  CONTROL_STATUSES.filter((s) => s !== 'retired').reduce((n, s) => n + d.controls[s], 0);

/** The report as a document for Markdown, HTML and PDF (ISO 22340 6.2.2.7). */
export function postureDocument(r: PostureReport, opts: DocumentOptions = {}): ReportDocument {
  const rows = rowLimit(opts);
  return {
    title: 'Security posture',
    subtitle: `${r.organization?.name ?? 'All organisations'} · as of ${r.asOf}`,
    generatedAt: r.generatedAt,
    marking: REPORT_MARKING,
    blocks: [
      ...summaryBlocks(r),
      ...riskBlocks(r, rows),
      ...controlBlocks(r, rows),
      ...findingBlocks(r),
      ...thirdPartyBlocks(r, rows),
      ...maturityBlocks(r),
      ...cultureBlocks(),
    ],
  };
}

function toleranceText(r: PostureReport): string {
  const t = r.summary.riskTolerance;
  if (t) return `the risk tolerance (${t})`;
  return r.organization
    ? 'tolerance (the organisation records no risk tolerance)'
    : 'their organisation’s tolerance (the organisations’ tolerances differ)';
}

/** Who is least mature, in one sentence; nothing when there are no domains. */
function lowestMaturityText(domains: readonly DomainPosture[]): string {
  if (!domains.length) return '';
  const low = Math.min(...domains.map((d) => d.maturity.level));
  const lowest = inDomainOrder(domains).filter((d) => d.maturity.level === low);
  const at = levelText(lowest[0].maturity);
  if (lowest.length === domains.length) return `Every domain is at maturity ${at}.`;
  const names = andList(lowest.map((d) => DOMAIN_TITLES[d.domain]));
  return lowest.length === 1
    ? `The least mature domain is ${names}, at ${at}.`
    : `The least mature domains are ${names}, at ${at}.`;
}

function summaryBlocks(r: PostureReport): Block[] {
  const s = r.summary;
  const f = s.findingsBySeverity;
  const text = [
    `${s.uncoveredCriticalAssets} of ${s.criticalAssets} critical assets are uncovered, and ` +
      `${s.exposedCriticalAssets} ${s.exposedCriticalAssets === 1 ? 'is' : 'are'} exposed: a threat reaches them with no control in the way.`,
    `${s.risksAboveTolerance} of ${plural(s.risks, 'assessed threat–asset risk')} are above ${toleranceText(r)}.`,
    `${plural(s.findings, 'finding')} ${s.findings === 1 ? 'is' : 'are'} open: ${f.high} high, ${f.medium} medium, ${f.low} low.`,
    lowestMaturityText(r.domains),
  ].filter(Boolean);
  return [
    { kind: 'heading', level: 2, text: 'Summary', id: 'summary' },
    { kind: 'paragraph', text: text.join(' ') },
    {
      kind: 'facts',
      items: [
        { label: 'Assets', value: s.assets },
        { label: 'Critical assets', value: s.criticalAssets },
        { label: 'Uncovered critical assets', value: s.uncoveredCriticalAssets },
        { label: 'Exposed critical assets', value: s.exposedCriticalAssets },
        { label: 'Risks assessed', value: s.risks },
        { label: 'Risk tolerance', value: s.riskTolerance ?? (r.organization ? 'none recorded' : 'differs') },
        { label: 'Risks above tolerance', value: s.risksAboveTolerance },
        { label: 'Controls', value: s.controls },
        { label: 'Single points of failure', value: s.singlePointsOfFailure },
        { label: 'Common-mode failures', value: s.commonModeFailures },
        { label: 'Third parties', value: s.thirdParties },
        {
          label: 'Findings (high / medium / low)',
          value: `${s.findings} (${f.high} / ${f.medium} / ${f.low})`,
        },
      ],
    },
  ];
}

function riskBlocks(r: PostureReport, limit: number): Block[] {
  const byLevel = [...r.riskByLevel].sort(
    (a, b) => RISK_LEVELS.indexOf(a.level) - RISK_LEVELS.indexOf(b.level),
  );
  const severe = (k: 'inherent' | 'residual') =>
    byLevel.filter((x) => x.level === 'high' || x.level === 'extreme').reduce((n, x) => n + x[k], 0);
  const pairs = byLevel.reduce((n, x) => n + x.inherent, 0);
  // Only aggregate counts per level are at hand: how many pairs each control lowered is not.
  const text =
    `Is the risk to assets minimised (ISO 22340 6.2.2.7)? Of ${plural(pairs, 'assessed threat–asset pair')}, ` +
    `${severe('inherent')} ${severe('inherent') === 1 ? 'is' : 'are'} high or extreme before controls ` +
    `(inherent) and ${severe('residual')} with the controls in force (residual); ` +
    `${r.summary.risksAboveTolerance} remain${r.summary.risksAboveTolerance === 1 ? 's' : ''} above ${toleranceText(r)}.`;
  const blocks: Block[] = [
    { kind: 'heading', level: 2, text: 'Risk to assets', id: 'risk' },
    { kind: 'paragraph', text },
    {
      kind: 'chart',
      title: 'Threat–asset pairs by risk level, before (inherent) and after controls (residual)',
      svg: barChartSvg(
        'Risk by level',
        byLevel.flatMap((x) => [
          { label: `${capital(x.level)}, inherent`, value: x.inherent },
          { label: `${capital(x.level)}, residual`, value: x.residual },
        ]),
      ),
      table: {
        columns: ['Level', 'Inherent', 'Residual'],
        rows: byLevel.map((x) => [x.level, x.inherent, x.residual]),
      },
    },
    riskMatrixChart(r.riskMatrix),
  ];
  if (!r.topRisks.length) {
    blocks.push({ kind: 'paragraph', text: 'No threat–asset risk is assessed.' });
    return blocks;
  }
  const top = firstRows(r.topRisks, limit, 'highest residual risks', 'JSON');
  blocks.push({
    kind: 'table',
    caption: 'Highest residual risks, above tolerance first',
    columns: [
      'Threat',
      'Asset',
      'Inherent likelihood',
      'Residual likelihood',
      'Consequence',
      'Level',
      'Above tolerance',
      'Treatment',
    ],
    rows: top.shown.map((x) => [
      x.threat.name,
      x.asset.name,
      x.inherentLikelihood,
      x.residualLikelihood,
      x.consequence,
      x.level,
      yesNo(x.aboveTolerance),
      x.treatment ?? 'none',
    ]),
  });
  blocks.push(...top.note);
  return blocks;
}

function controlBlocks(r: PostureReport, limit: number): Block[] {
  const blocks: Block[] = [
    { kind: 'heading', level: 2, text: 'Control effectiveness', id: 'controls' },
    {
      kind: 'paragraph',
      text:
        'How well the controls work, by domain (ISO 22340 6.2.2.7). Mean effectiveness is over the ' +
        'controls in force as they count on attack paths (a degraded control counts half); a control ' +
        'serving several domains counts in each.',
    },
    {
      kind: 'table',
      caption: 'Controls by domain',
      columns: [
        'Domain',
        'In force',
        'Planned',
        'Failed',
        'Degraded',
        'Retired',
        'Mean effectiveness',
        'Tested within interval',
        // One column for the five functions: thirteen would not fit an A4 page.
        `Functions (${CONTROL_FUNCTION_KEYS.join(' / ')})`,
      ],
      rows: inDomainOrder(r.domains).map((d) => [
        DOMAIN_TITLES[d.domain],
        d.inForce,
        d.controls.planned,
        d.controls.failed,
        d.controls.degraded,
        d.controls.retired,
        d.meanEffectiveness === null ? '—' : pct(d.meanEffectiveness),
        `${d.tested} of ${d.inForce}`,
        CONTROL_FUNCTION_KEYS.map((k) => d.functions[k]).join(' / '),
      ]),
    },
  ];
  if (r.controlsNeedingAttention.length) {
    const attention = firstRows(r.controlsNeedingAttention, limit, 'controls needing attention', 'JSON');
    blocks.push({
      kind: 'table',
      caption: 'Controls needing attention: failed, degraded, or in force but untested',
      columns: ['Control', 'Domains', 'Status', 'Issue', 'Last tested', 'Assets protected'],
      rows: attention.shown.map((c) => [
        c.control.name,
        c.control.domains.join(', '),
        c.control.status,
        c.issue,
        c.control.lastTestedAt ?? 'never',
        c.protects,
      ]),
    });
    blocks.push(...attention.note);
  } else {
    blocks.push({
      kind: 'paragraph',
      text: 'No control needs attention: none has failed or degraded, and every control in force is tested within the review interval.',
    });
  }
  blocks.push(weakestLinksChart(r.weakestLinks));
  return blocks;
}

function findingBlocks(r: PostureReport): Block[] {
  const heading: Block = {
    kind: 'heading',
    level: 2,
    text: 'Significant findings and compliance',
    id: 'findings',
  };
  if (!r.significantFindings.length) {
    return [
      heading,
      { kind: 'paragraph', text: 'No open findings: every compliance rule holds (ISO 22340 6.2.2.7).' },
    ];
  }
  const f = r.summary.findingsBySeverity;
  return [
    heading,
    {
      kind: 'paragraph',
      text:
        `Compliance (ISO 22340 6.2.2.7): ${plural(r.summary.findings, 'open finding')} ` +
        `(${f.high} high, ${f.medium} medium, ${f.low} low) from ${plural(r.significantFindings.length, 'rule')}, high severity first.`,
    },
    {
      kind: 'table',
      caption: 'Findings by rule',
      columns: ['Rule', 'Clause', 'Domain', 'Severity', 'Count', 'Examples'],
      rows: r.significantFindings.map((g) => [
        `${g.ruleId}: ${g.title}`,
        g.clause,
        domainTitle(g.domain),
        g.severity,
        g.count,
        g.examples.join('; '),
      ]),
    },
  ];
}

function thirdPartyBlocks(r: PostureReport, limit: number): Block[] {
  const heading: Block = { kind: 'heading', level: 2, text: 'Third-party assurance', id: 'third-parties' };
  if (!r.thirdParties.length) {
    return [heading, { kind: 'paragraph', text: 'No service provider is recorded (ISO 22340 6.2.2.9).' }];
  }
  const providers = firstRows(r.thirdParties, limit, 'service providers', 'JSON');
  return [
    heading,
    {
      kind: 'paragraph',
      text:
        'Service providers and contractors are part of the organisation’s security (ISO 22340 6.2.2.9): ' +
        'what their people can reach, and whether their contracts carry security clauses.',
    },
    {
      kind: 'table',
      caption: 'Service providers',
      columns: [
        'Provider',
        'Security clauses',
        'People',
        'Critical assets reachable',
        'Impact score',
        'PER-5 findings',
      ],
      rows: providers.shown.map((t) => [
        t.provider.name,
        t.securityClauses === null ? 'not recorded' : yesNo(t.securityClauses),
        t.people,
        t.criticalAssetsReachable,
        t.impactScore.toFixed(1),
        t.findings,
      ]),
    },
    ...providers.note,
  ];
}

function maturityBlocks(r: PostureReport): Block[] {
  const domains = inDomainOrder(r.domains);
  const staircase = ([1, 2, 3, 4, 5] as const).map((l) => `${l} ${MATURITY_LABELS[l]}`).join(', ');
  return [
    { kind: 'heading', level: 2, text: 'Maturity by domain', id: 'maturity' },
    {
      kind: 'paragraph',
      text:
        `Protective security maturity of each domain (ISO 22340 clause 11) on a staircase of five levels: ${staircase}. ` +
        'A domain reaches a level when the conditions of that level and of every level below hold; ' +
        'the exact conditions are in docs/metrics.md.',
    },
    {
      kind: 'chart',
      title: 'Maturity level by domain (1 to 5)',
      svg: barChartSvg(
        'Maturity by domain',
        domains.map((d) => ({
          label: DOMAIN_TITLES[d.domain],
          value: d.maturity.level,
          note: d.maturity.label,
        })),
        { max: 5 },
      ),
      table: {
        columns: ['Domain', 'Level', 'Label', 'Critical assets covered', 'Next level needs'],
        rows: domains.map((d) => [
          DOMAIN_TITLES[d.domain],
          d.maturity.level,
          d.maturity.label,
          `${d.criticalCovered} of ${d.criticalRequired}`,
          d.maturity.level === 5 || !d.maturity.next.length ? '—' : d.maturity.next.join('; '),
        ]),
      },
    },
  ];
}

/** Rampart records neither incidents nor culture surveys: say so, and leave the space marked. */
function cultureBlocks(): Block[] {
  return [
    { kind: 'heading', level: 2, text: 'Culture and significant incidents', id: 'culture' },
    {
      kind: 'paragraph',
      text:
        'ISO 22340 6.2.2.7 asks the report to speak to the security culture and to significant incidents. ' +
        'Rampart records neither incidents nor culture surveys, so the responsible security executive (RSE) must add them.',
    },
    { kind: 'todo', text: 'Significant security incidents in the period and the lessons learned from them.' },
    {
      kind: 'todo',
      text: 'Security culture: how staff and contractors see and practise security (surveys, briefings, reported concerns) and how it changed in the period.',
    },
  ];
}
