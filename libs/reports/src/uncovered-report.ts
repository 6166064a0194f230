import { SECURITY_DOMAINS, SecurityDomain } from '@rampart/domain';
import { toCsv } from './csv-writer';
import { REPORT_MARKING, riskMatrixChart, weakestLinksChart } from './report-blocks';
import { Block, ReportDocument } from './report-document';
import { DocumentOptions, firstRows, rowLimit } from './report-limits';
import { UncoveredAsset, UncoveredReport } from './report-data';
import { coverageHeatmapSvg, DOMAIN_TITLES } from './svg-charts';

/** Rows per heatmap chart: a taller chart would be cut across PDF pages. */
const HEATMAP_ROWS = 35;

const pct = (p: number) => `${(p * 100).toFixed(p > 0 && p < 0.01 ? 2 : 1)} %`;
const names = (xs: readonly { name: string }[]) => xs.map((x) => x.name).join(', ');
const DOMAIN_ACTION: Record<SecurityDomain, string> = {
  governance: 'give it an owner and a governance control (or review its risks within the interval)',
  personnel: 'protect every person with access with a personnel control (vetting, briefing)',
  information: 'classify it and protect it with an information control',
  cyber: 'protect it, or a system holding it, with a cyber control',
  physical: 'protect it, or a facility holding it, with a physical control',
};

/** What to do about one uncovered asset, most important first. */
export function uncoveredActions(a: UncoveredAsset): string[] {
  const actions: string[] = [];
  for (const t of a.threats.filter((x) => x.depth === 0)) {
    const at = t.chokePoints.length
      ? `: one control at ${names(t.chokePoints)} would stand on every path`
      : '';
    actions.push(`Close the open way in for ${t.threat.name} (no control stands in it)${at}.`);
  }
  if (!a.owner) actions.push('Appoint an owner (governance).');
  for (const d of a.missingDomains) actions.push(`${DOMAIN_TITLES[d]}: ${DOMAIN_ACTION[d]}.`);
  const single = new Map<string, { name: string; commonMode: boolean; threats: string[] }>();
  for (const t of a.threats) {
    for (const s of t.singlePointsOfFailure) {
      const entry = single.get(s.id) ?? { name: s.name, commonMode: s.commonMode, threats: [] };
      entry.threats.push(t.threat.name);
      single.set(s.id, entry);
    }
  }
  for (const s of single.values()) {
    const what = s.commonMode ? ' (a common-mode dependency: controls of several domains rest on it)' : '';
    actions.push(
      `Add a second, independent layer behind ${s.name}${what}: alone it stands between ${s.threats.join(', ')} and the asset.`,
    );
  }
  if (a.failedControls.length)
    actions.push(`Repair or replace the failed controls: ${names(a.failedControls)}.`);
  if (a.untestedControls.length)
    actions.push(`Test the controls not tested within the review interval: ${names(a.untestedControls)}.`);
  return actions;
}

/** Uncovered assets shown in full (threats, findings, what to do); the table lists the rest. */
export const DETAILED_ASSETS = 5;

/**
 * The report as a document for Markdown, HTML and PDF: a summary, then the first `rows` uncovered
 * assets in one table and the most urgent in detail; every asset is in the CSV/JSON annex.
 */
export function uncoveredDocument(r: UncoveredReport, opts: DocumentOptions = {}): ReportDocument {
  const rows = rowLimit(opts);
  const s = r.summary;
  const blocks: Block[] = [
    { kind: 'heading', level: 2, text: 'Summary', id: 'summary' },
    {
      kind: 'paragraph',
      text:
        `${s.uncoveredCriticalAssets} of ${s.criticalAssets} critical assets are uncovered: a required security domain is missing, ` +
        `a threat reaches them past at most one control, they have no owner, or a control protecting them failed or went untested. ` +
        `${s.exposedCriticalAssets} are exposed: a threat reaches them with no control in the way.`,
    },
    {
      kind: 'facts',
      items: [
        { label: 'Assets', value: s.assets },
        { label: 'Critical assets', value: s.criticalAssets },
        { label: 'Uncovered critical assets', value: s.uncoveredCriticalAssets },
        { label: 'Exposed critical assets', value: s.exposedCriticalAssets },
        { label: 'Single points of failure', value: s.singlePointsOfFailure },
        { label: 'Common-mode failures', value: s.commonModeFailures },
        { label: 'Risks above tolerance', value: s.risksAboveTolerance },
        {
          label: 'Findings (high / medium / low)',
          value: `${s.findings} (${s.findingsBySeverity.high} / ${s.findingsBySeverity.medium} / ${s.findingsBySeverity.low})`,
        },
      ],
    },
    ...heatmapBlocks(r, rows),
    riskMatrixChart(r.riskMatrix),
    weakestLinksChart(r.weakestLinks),
    ...uncoveredListBlocks(r, rows),
  ];
  return {
    title: 'Uncovered critical assets',
    subtitle: `${r.organization?.name ?? 'All organisations'} · as of ${r.asOf}`,
    generatedAt: r.generatedAt,
    marking: REPORT_MARKING,
    blocks,
  };
}

function heatmapBlocks(r: UncoveredReport, limit: number): Block[] {
  const { shown, note } = firstRows(r.heatmap, limit, 'critical assets', 'JSON');
  const chunks: UncoveredReport['heatmap'][] = [];
  for (let i = 0; i < shown.length; i += HEATMAP_ROWS) chunks.push(shown.slice(i, i + HEATMAP_ROWS));
  if (!chunks.length) chunks.push([]);
  const charts = chunks.map((rows, i) => ({
    kind: 'chart' as const,
    title: `Critical assets × the five domains${chunks.length > 1 ? ` (${i + 1} of ${chunks.length})` : ''}`,
    svg: coverageHeatmapSvg(rows.map((h) => ({ name: h.asset.name, cells: h.domains }))),
    table: {
      columns: ['Asset', ...SECURITY_DOMAINS.map((d) => DOMAIN_TITLES[d])],
      rows: rows.map((h) => [h.asset.name, ...SECURITY_DOMAINS.map((d) => h.domains[d])]),
    },
  }));
  return [...charts, ...note];
}

/** One row per uncovered asset (the first `limit`), then the first few in detail. */
function uncoveredListBlocks(r: UncoveredReport, limit: number): Block[] {
  const blocks: Block[] = [{ kind: 'heading', level: 2, text: 'Uncovered critical assets', id: 'uncovered' }];
  if (!r.uncovered.length) {
    return [...blocks, { kind: 'paragraph', text: 'None: every critical asset is covered.' }];
  }
  const { shown, note } = firstRows(r.uncovered, limit, 'uncovered critical assets', 'CSV/JSON');
  blocks.push(
    {
      kind: 'paragraph',
      text:
        'Exposed first, then by criticality. Depth: the fewest controls a threat passes to reach it ' +
        '(empty when no modelled threat does).',
    },
    {
      kind: 'table',
      columns: ['Id', 'Asset', 'Criticality', 'Depth', 'Why uncovered', 'Findings'],
      noWrap: [0],
      rows: shown.map((a) => [
        a.asset.id,
        a.asset.name,
        a.asset.criticality,
        a.threats.length ? Math.min(...a.threats.map((t) => t.depth)) : '',
        a.reasons.join('; '),
        a.findings.length,
      ]),
    },
    ...note,
  );
  const detailed = Math.min(DETAILED_ASSETS, limit);
  blocks.push({ kind: 'heading', level: 2, text: 'Most urgent: what to do', id: 'most-urgent' });
  blocks.push({
    kind: 'paragraph',
    text:
      r.uncovered.length > detailed
        ? `The first ${detailed} of the ${r.uncovered.length} uncovered critical assets in detail; ` +
          'what to do about every one is in the CSV/JSON annex (column actions).'
        : 'Each uncovered critical asset in detail.',
  });
  for (const a of r.uncovered.slice(0, detailed)) blocks.push(...assetBlocks(a));
  return blocks;
}

function assetBlocks(a: UncoveredAsset): Block[] {
  const missing = a.missingDomains.map((d) => DOMAIN_TITLES[d]).join(', ') || 'none';
  const blocks: Block[] = [
    {
      kind: 'heading',
      level: 3,
      text: `${a.asset.name} (${a.asset.kind}, criticality ${a.asset.criticality})`,
      id: a.asset.id,
    },
    {
      kind: 'paragraph',
      text:
        `Id ${a.asset.id} · classification ${a.asset.classification ?? 'none'} · owner ${a.owner?.name ?? 'none'} · ` +
        `convergence ${Math.round(a.score * 100)} % (${a.coveredDomains.length} domains covered) · missing domains: ${missing}.\n` +
        `Uncovered because: ${a.reasons.join('; ')}.`,
    },
  ];
  if (a.threats.length) {
    blocks.push({
      kind: 'table',
      caption: 'Threats that reach it',
      columns: ['Threat', 'Depth', 'P', 'Most likely path', 'Single points of failure', 'Choke points'],
      noWrap: [2],
      rows: a.threats.map((t) => [
        t.threat.name,
        t.depth,
        pct(t.probability),
        t.path.join(' → '),
        t.singlePointsOfFailure.map((u) => `${u.name}${u.commonMode ? ' (common mode)' : ''}`).join(', ') ||
          '—',
        names(t.chokePoints) || '—',
      ]),
    });
  } else {
    blocks.push({ kind: 'paragraph', text: 'No modelled threat reaches it.' });
  }
  if (a.findings.length) {
    blocks.push({
      kind: 'table',
      caption: 'Findings',
      columns: ['Rule', 'Severity', 'Finding'],
      noWrap: [0],
      rows: a.findings.map((f) => [f.ruleId, f.severity, f.message]),
    });
  }
  blocks.push({ kind: 'paragraph', text: 'What to do:' }, { kind: 'list', items: a.actions });
  return blocks;
}

/** CSV columns of the uncovered report, one row per uncovered asset (docs/reports.md). */
export const UNCOVERED_CSV_COLUMNS = [
  'asset_id',
  'asset_name',
  'kind',
  'criticality',
  'classification',
  'owner',
  'score',
  'missing_domains',
  'min_depth',
  'exposed_to',
  'most_likely_threat',
  'most_likely_probability',
  'single_points_of_failure',
  'findings',
  'reasons',
  'actions',
];

export function uncoveredCsv(r: UncoveredReport): string {
  const list = (xs: readonly string[]) => xs.join('; ');
  return toCsv(
    UNCOVERED_CSV_COLUMNS,
    r.uncovered.map((a) => {
      const top = a.threats[0];
      const spof = new Set(a.threats.flatMap((t) => t.singlePointsOfFailure.map((u) => u.name)));
      return [
        a.asset.id,
        a.asset.name,
        a.asset.kind,
        a.asset.criticality,
        a.asset.classification ?? '',
        a.owner?.name ?? '',
        Number(a.score.toFixed(4)),
        list(a.missingDomains),
        a.threats.length ? Math.min(...a.threats.map((t) => t.depth)) : '',
        list(a.threats.filter((t) => t.depth === 0).map((t) => t.threat.name)),
        top?.threat.name ?? '',
        top ? Number(top.probability.toFixed(6)) : '',
        list([...spof]),
        a.findings.length,
        list(a.reasons),
        list(a.actions),
      ];
    }),
  );
}
