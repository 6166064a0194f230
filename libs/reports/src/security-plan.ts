import { SecurityDomain } from '@rampart/domain';
import { Block, ReportDocument } from './report-document';
import { PlanSection, PlanSectionId, RiskRow, SecurityPlanReport } from './report-data';
import { barChartSvg, DOMAIN_TITLES, formatNumber } from './svg-charts';
import { REPORT_MARKING } from './report-blocks';
import { DocumentOptions, firstRows, rowLimit } from './report-limits';

// The CSV lives apart to keep files short; re-exported so the plan is one module to import.
export { PLAN_CSV_COLUMNS, planCsv } from './security-plan-csv';

const section = (id: PlanSectionId, title: string) => ({ id, clause: `ISO 22340 6.2.2.5 ${id})`, title });

/** The plan's content as ISO 22340 6.2.2.5 lists it (a-g), in the standard's order. */
export const PLAN_SECTIONS: readonly { id: PlanSectionId; clause: string; title: string }[] = [
  section('a', "How security enables the organisation's objectives"),
  section('b', 'Risks and vulnerabilities and their impact on assets'),
  section('c', 'The risk the organisation accepts'),
  section('d', 'Security strategies and controls'),
  section('e', 'Security culture-change plan'),
  section('f', 'Response to changing threat levels'),
  section('g', 'Status of the plan and reporting'),
];

const pct = (p: number) => `${(p * 100).toFixed(p > 0 && p < 0.01 ? 2 : 1)} %`;
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const domainTitle = (d: string) => DOMAIN_TITLES[d as SecurityDomain] ?? d;
const responseForceText = (rf: SecurityPlanReport['response']['responseForce']) =>
  rf ? `${formatNumber(rf.timeSeconds)} s (σ ${formatNumber(rf.stdDevSeconds)} s)` : 'not recorded';
const yesNo = (b: boolean | null) => (b === null ? 'unknown' : b ? 'yes' : 'no');
const names = (xs: readonly { name: string }[]) => xs.map((x) => x.name).join(', ');

/**
 * What a person must write in each section: what the graph cannot know (objectives, budget,
 * approval), and what the data shows is missing (no RSE, no tolerance, no response force).
 */
export function planSections(r: Omit<SecurityPlanReport, 'sections'>): PlanSection[] {
  const { context: a, risks: b, acceptance: c, controls: d, culture: e, response: f, status: g } = r;
  const prompts: Record<PlanSectionId, string[]> = { a: [], b: [], c: [], d: [], e: [], f: [], g: [] };

  prompts.a.push("Describe the organisation's strategic objectives and how security enables each of them.");
  if (!a.rse) {
    prompts.a.push(
      'Appoint a responsible security executive (RSE) with authority, resources and competence.',
    );
  } else if (a.rseInTopManagement === false) {
    prompts.a.push(
      `The RSE (${a.rse.name}) is not in top management: record how they report to it, or appoint one who is.`,
    );
  } else if (a.rseInTopManagement === null) {
    prompts.a.push(`Record whether the RSE (${a.rse.name}) is in top management.`);
  }
  if (!a.topManagement.length) prompts.a.push('Record which units form top management.');

  prompts.b.push(
    b.threats.length
      ? 'Describe threats not modelled in Rampart and their impact on assets.'
      : 'No threat is modelled: describe the threats the organisation faces and their impact on assets.',
  );
  if (b.exposedCriticalAssets)
    prompts.b.push(
      `State the impact on the organisation if the ${plural(b.exposedCriticalAssets, 'exposed critical asset')} were compromised.`,
    );
  if (b.commonModeFailures.length)
    prompts.b.push(
      `Assess the impact of losing ${names(b.commonModeFailures)}: controls of several domains rest on ${b.commonModeFailures.length === 1 ? 'it' : 'each'}.`,
    );

  if (c.tolerance === null)
    prompts.c.push("State the organisation's risk tolerance (low, medium, high or extreme).");
  if (c.untreatedAboveTolerance.length)
    prompts.c.push(
      `Record a treatment decision for the ${plural(c.untreatedAboveTolerance.length, 'risk')} above tolerance.`,
    );
  if (c.accepted.length)
    prompts.c.push(`Record who accepted the ${plural(c.accepted.length, 'accepted risk')} and why.`);

  if (d.priorities.length)
    prompts.d.push(
      `Justify the order of the ${plural(d.priorities.length, 'priority', 'priorities')}, and give each an owner and a date.`,
    );
  if (d.planned.length)
    prompts.d.push(`Give the ${plural(d.planned.length, 'planned control')} a budget and a date.`);
  const bare = d.domains.filter((x) => x.inForce === 0).map((x) => domainTitle(x.domain));
  if (bare.length)
    prompts.d.push(`Set a strategy for the domains with no control in force: ${bare.join(', ')}.`);
  prompts.d.push('State the budget and resources the strategy needs.');

  prompts.e.push('Describe the culture-change plan: security training, awareness and a reporting culture.');
  if (e.personnelControlsInForce === 0)
    prompts.e.push('No personnel control is in force: plan vetting and briefings.');
  if (e.vettingOverdue)
    prompts.e.push(`Plan the overdue vetting of ${plural(e.vettingOverdue, 'person', 'people')}.`);
  if (e.separatedWithAccess)
    prompts.e.push(
      `Withdraw access on separation: ${plural(e.separatedWithAccess, 'separated person', 'separated people')} still ${e.separatedWithAccess === 1 ? 'has' : 'have'} access.`,
    );
  if (e.accessWithoutJustification)
    prompts.e.push(
      `Require a recorded justification for access (${e.accessWithoutJustification} without one).`,
    );

  prompts.f.push('Define threat levels and what changes at each.');
  if (!f.responseForce)
    prompts.f.push(
      'Record a response force: time to arrive, its spread, and how likely the alert reaches it.',
    );
  if (!f.detectControls)
    prompts.f.push('No detection control is in force: state how an attack would be noticed.');
  if (!f.respondControls) prompts.f.push('No response control is in force: state who responds, and how.');
  if (!f.recoverControls) prompts.f.push('No recovery control is in force: plan how operations recover.');

  prompts.g.push(
    'Have the plan approved by top management and the RSE, and record who approved it and when.',
    'State who receives the plan (distribution) and how it is kept confidential.',
    'Keep a version history: version, date, author, what changed.',
    `Review the plan every ${plural(g.reviewIntervalDays, 'day')} and after incidents or major changes, and name who triggers it.`,
  );
  if (!g.schedules.length) prompts.g.push('Schedule regular security reporting to top management.');

  return PLAN_SECTIONS.map((s) => ({ ...s, toBeWritten: prompts[s.id] }));
}

/** The draft plan as a document for Markdown, HTML and PDF. */
export function planDocument(r: SecurityPlanReport, opts: DocumentOptions = {}): ReportDocument {
  const rows = rowLimit(opts);
  const blocks: Block[] = [
    {
      kind: 'paragraph',
      text:
        `This is a draft security plan (ISO 22342; ISO 22340 6.2.2.5 a–g) generated from the Rampart graph as of ${r.asOf}. ` +
        'The graph fills in what it knows; every part marked "to be written" needs a person. ' +
        'It must be completed, reviewed, and approved by top management and the responsible security executive before it is used.',
    },
  ];
  const body: Record<PlanSectionId, Block[]> = {
    a: contextBlocks(r),
    b: riskBlocks(r, rows),
    c: acceptanceBlocks(r, rows),
    d: controlBlocks(r, rows),
    e: cultureBlocks(r),
    f: responseBlocks(r),
    g: statusBlocks(r),
  };
  for (const s of PLAN_SECTIONS) {
    blocks.push(
      { kind: 'heading', level: 2, text: `${s.id}) ${s.title}`, id: `section-${s.id}` },
      { kind: 'paragraph', text: `${s.clause}.` },
      ...body[s.id],
    );
    blocks.push(...planPrompts(r, s.id).map((text) => ({ kind: 'todo' as const, text })));
  }
  return {
    title: 'Draft security plan',
    subtitle: `${r.organization.name} · as of ${r.asOf} · DRAFT for review`,
    generatedAt: r.generatedAt,
    marking: REPORT_MARKING,
    blocks,
  };
}

/** Looked up by id, so the document keeps the standard's order whatever order the data has. */
const planPrompts = (r: SecurityPlanReport, id: PlanSectionId) =>
  r.sections.find((x) => x.id === id)?.toBeWritten ?? [];

/** A table, or a sentence when it would be empty (an empty table reads like a rendering fault). */
function tableOr(caption: string, columns: string[], rows: (string | number)[][], none: string): Block {
  return rows.length
    ? { kind: 'table', caption, columns, rows }
    : { kind: 'paragraph', text: `${caption}: ${none}` };
}

/** tableOr of the first `limit` rows, and how many of how many when some are left out. */
function firstTableOr(
  caption: string,
  columns: string[],
  rows: (string | number)[][],
  none: string,
  limit: number,
): Block[] {
  const { shown, note } = firstRows(rows, limit, caption.toLowerCase(), 'JSON');
  return [tableOr(caption, columns, shown, none), ...note];
}

/** A list of the first `limit` items, or a sentence when there are none. */
function firstListOr(items: string[], what: string, none: string, limit: number): Block[] {
  if (!items.length) return [{ kind: 'paragraph', text: none }];
  const { shown, note } = firstRows(items, limit, what, 'JSON');
  return [{ kind: 'list', items: shown }, ...note];
}

const RISK_COLUMNS = ['Threat', 'Asset', 'Residual level', 'L × C', 'Path probability'];
const riskCells = (x: RiskRow) => [
  x.threat.name,
  x.asset.name,
  x.level,
  `${x.residualLikelihood} × ${x.consequence}`,
  pct(x.pathProbability),
];

function contextBlocks(r: SecurityPlanReport): Block[] {
  const a = r.context;
  return [
    {
      kind: 'facts',
      items: [
        { label: 'Organisation', value: r.organization.name },
        { label: 'Responsible security executive', value: a.rse?.name ?? 'not appointed' },
        { label: 'RSE in top management', value: yesNo(a.rseInTopManagement) },
        { label: 'Top management', value: names(a.topManagement) || 'none recorded' },
        { label: 'People', value: a.people },
        { label: 'Service providers', value: a.serviceProviders },
      ],
    },
    tableOr(
      'Assets by kind',
      ['Kind', 'Assets', 'Critical'],
      a.assetsByKind.map((k) => [k.kind, k.assets, k.critical]),
      'none recorded.',
    ),
  ];
}

function riskBlocks(r: SecurityPlanReport, limit: number): Block[] {
  const b = r.risks;
  return [
    {
      kind: 'facts',
      items: [
        { label: 'Critical assets', value: b.criticalAssets },
        { label: 'Uncovered critical assets', value: b.uncoveredCriticalAssets },
        { label: 'Exposed critical assets', value: b.exposedCriticalAssets },
      ],
    },
    tableOr('Highest residual risks', RISK_COLUMNS, b.top.map(riskCells), 'none assessed.'),
    ...firstTableOr(
      'Threats',
      ['Threat', 'Kind', 'Capability', 'Intent', 'Assets at risk'],
      b.threats.map((t) => [
        t.threat.name,
        t.kind ?? '—',
        t.capability ?? '—',
        t.intent ?? '—',
        t.assetsAtRisk,
      ]),
      'none modelled.',
      limit,
    ),
    tableOr(
      'Missing security domains',
      ['Domain', 'Critical assets missing it'],
      b.missingDomains.map((m) => [domainTitle(m.domain), m.criticalAssets]),
      'none: every critical asset has the domains it requires.',
    ),
    { kind: 'paragraph', text: 'Common-mode failures (what controls of several domains rest on):' },
    ...firstListOr(
      b.commonModeFailures.map((n) => `${n.name} (${n.kind})`),
      'common-mode failures',
      'None found.',
      limit,
    ),
  ];
}

function acceptanceBlocks(r: SecurityPlanReport, limit: number): Block[] {
  const c = r.acceptance;
  return [
    {
      kind: 'paragraph',
      text:
        c.tolerance === null
          ? 'No risk tolerance is recorded: no risk can be judged above or below it.'
          : `The organisation's risk tolerance is ${c.tolerance}: a residual risk above ${c.tolerance} needs a treatment decision.`,
    },
    ...firstTableOr('Accepted risks', RISK_COLUMNS, c.accepted.map(riskCells), 'none recorded.', limit),
    ...firstTableOr(
      'Untreated risks above tolerance',
      RISK_COLUMNS,
      c.untreatedAboveTolerance.map(riskCells),
      c.tolerance === null ? 'none can be judged without a tolerance.' : 'none.',
      limit,
    ),
  ];
}

function controlBlocks(r: SecurityPlanReport, limit: number): Block[] {
  const d = r.controls;
  return [
    tableOr(
      'Controls per domain',
      ['Domain', 'In force', 'Planned', 'Failed', 'Critical assets covered', 'Maturity'],
      d.domains.map((x) => [
        domainTitle(x.domain),
        x.inForce,
        x.controls.planned,
        x.controls.failed,
        `${x.criticalCovered} of ${x.criticalRequired}`,
        `${x.maturity.level} ${x.maturity.label}`,
      ]),
      'none recorded.',
    ),
    {
      kind: 'chart',
      title: 'Controls in force per domain',
      svg: barChartSvg(
        'Controls in force per domain',
        d.domains.map((x) => ({ label: domainTitle(x.domain), value: x.inForce })),
      ),
      table: {
        columns: ['Domain', 'Controls in force'],
        rows: d.domains.map((x) => [domainTitle(x.domain), x.inForce]),
      },
    },
    { kind: 'paragraph', text: 'Planned controls:' },
    ...firstListOr(
      d.planned.map((p) => `${p.name} (${p.domains.map(domainTitle).join(', ')})`),
      'planned controls',
      'None planned.',
      limit,
    ),
    { kind: 'paragraph', text: 'Priorities derived from the graph, most important first:' },
    d.priorities.length
      ? { kind: 'list', items: d.priorities.map((p, i) => `${i + 1}. ${p}`) }
      : { kind: 'paragraph', text: 'None derived.' },
  ];
}

function cultureBlocks(r: SecurityPlanReport): Block[] {
  const e = r.culture;
  return [
    {
      kind: 'facts',
      items: [
        { label: 'People', value: e.people },
        { label: 'Personnel controls in force', value: e.personnelControlsInForce },
        { label: 'Vetting overdue', value: e.vettingOverdue },
        { label: 'Separated people with access', value: e.separatedWithAccess },
        { label: 'Access without justification', value: e.accessWithoutJustification },
      ],
    },
  ];
}

function responseBlocks(r: SecurityPlanReport): Block[] {
  const f = r.response;
  const rf = f.responseForce;
  return [
    {
      kind: 'facts',
      items: [
        { label: 'Detect controls in force', value: f.detectControls },
        { label: 'Respond controls in force', value: f.respondControls },
        { label: 'Recover controls in force', value: f.recoverControls },
        { label: 'Response force time', value: responseForceText(rf) },
        {
          label: 'Alert reaches the response force',
          value: rf ? pct(rf.communicationProbability) : 'not recorded',
        },
      ],
    },
  ];
}

function statusBlocks(r: SecurityPlanReport): Block[] {
  const g = r.status;
  return [
    {
      kind: 'facts',
      items: [
        { label: 'State', value: 'Draft — not approved' },
        { label: 'Review interval', value: plural(g.reviewIntervalDays, 'day') },
        { label: 'Next review due', value: g.nextReviewDue },
        { label: 'Report schedules', value: g.schedules.join('; ') || 'none configured' },
      ],
    },
    tableOr(
      'Recent reports',
      ['Report', 'Format', 'Generated at', 'SHA-256 (first 12)'],
      g.recentReports.map((x) => [x.report, x.format, x.generatedAt, x.sha256.slice(0, 12)]),
      'none generated yet.',
    ),
  ];
}
