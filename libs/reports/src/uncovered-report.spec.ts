import { parse } from 'csv-parse/sync';
import { diffReports, formatDiff, parseUncoveredReport } from './report-diff';
import { UncoveredAsset, UncoveredReport } from './report-data';
import {
  DETAILED_ASSETS,
  UNCOVERED_CSV_COLUMNS,
  uncoveredActions,
  uncoveredCsv,
  uncoveredDocument,
} from './uncovered-report';

const asset = (id: string, over: Partial<UncoveredAsset> = {}): UncoveredAsset => ({
  asset: { id, name: id.toUpperCase(), kind: 'System', criticality: 5, classification: null },
  owner: { id: 'p-ann', name: 'Ann', kind: 'Person' },
  reasons: ['missing domains: physical'],
  requiredDomains: ['governance', 'personnel', 'cyber', 'physical'],
  coveredDomains: ['governance', 'personnel', 'cyber'],
  missingDomains: ['physical'],
  score: 0.75,
  failedControls: [],
  untestedControls: [],
  threats: [],
  findings: [],
  actions: [],
  ...over,
});

const report = (
  uncovered: UncoveredAsset[],
  over: Partial<UncoveredReport['summary']> = {},
): UncoveredReport => ({
  report: 'uncovered',
  schemaVersion: 1,
  generatedAt: '2026-11-23T06:00:00.000Z',
  asOf: '2026-11-23',
  organization: { id: 'org-a', name: 'Acme' },
  parameters: { organizationId: 'org-a', asOf: '2026-11-23' },
  summary: {
    assets: 10,
    criticalAssets: 4,
    uncoveredCriticalAssets: uncovered.length,
    exposedCriticalAssets: 0,
    singlePointsOfFailure: 0,
    commonModeFailures: 0,
    risksAboveTolerance: 0,
    findings: 1,
    findingsBySeverity: { high: 1, medium: 0, low: 0 },
    ...over,
  },
  uncovered,
  heatmap: [],
  riskMatrix: [],
  weakestLinks: [],
});

describe('uncovered report: actions, document, CSV', () => {
  it('orders the actions: open way in first, then owner, missing domains, single points, failed and untested controls', () => {
    const a = asset('sys-x', {
      owner: null,
      missingDomains: ['physical'],
      failedControls: [{ id: 'c-1', name: 'Badge reader', kind: 'Control' }],
      untestedControls: [{ id: 'c-2', name: 'Backup', kind: 'Control' }],
      threats: [
        {
          threat: { id: 't-1', name: 'Thieves', kind: 'Threat' },
          depth: 0,
          probability: 1,
          path: ['Depot', 'SYS-X'],
          singlePointsOfFailure: [],
          chokePoints: [{ id: 'f-1', name: 'Depot', kind: 'Facility' }],
        },
        {
          threat: { id: 't-2', name: 'Crime', kind: 'Threat' },
          depth: 1,
          probability: 0.2,
          path: ['Portal', 'SYS-X'],
          singlePointsOfFailure: [{ id: 'sys-idp', name: 'IdP', kind: 'DEPENDENCY', commonMode: true }],
          chokePoints: [],
        },
      ],
    });
    expect(uncoveredActions(a)).toEqual([
      'Close the open way in for Thieves (no control stands in it): one control at Depot would stand on every path.',
      'Appoint an owner (governance).',
      'Physical: protect it, or a facility holding it, with a physical control.',
      'Add a second, independent layer behind IdP (a common-mode dependency: controls of several domains rest on it): alone it stands between Crime and the asset.',
      'Repair or replace the failed controls: Badge reader.',
      'Test the controls not tested within the review interval: Backup.',
    ]);
  });

  it('says the numbers in the summary and gives each uncovered asset its section', () => {
    const doc = uncoveredDocument(report([asset('sys-a'), asset('sys-b')]));
    expect(doc.subtitle).toBe('Acme · as of 2026-11-23');
    const text = JSON.stringify(doc.blocks);
    expect(text).toContain('2 of 4 critical assets are uncovered');
    const headings = doc.blocks
      .filter((b) => b.kind === 'heading' && b.level === 3)
      .map((b) => (b as { text: string }).text);
    expect(headings).toEqual(['SYS-A (System, criticality 5)', 'SYS-B (System, criticality 5)']);
  });

  it('lists the first rows of a large report, details the most urgent, and points to the annex for the rest', () => {
    const many = Array.from({ length: 250 }, (_, i) => asset(`sys-${String(i).padStart(3, '0')}`));
    const heat = many.map((a) => ({
      asset: { id: a.asset.id, name: a.asset.name, kind: 'System' },
      domains: {
        governance: 'covered',
        personnel: 'covered',
        information: 'not-required',
        cyber: 'covered',
        physical: 'missing',
      } as const,
    }));
    const r = { ...report(many), heatmap: heat };
    const doc = uncoveredDocument(r, { rows: 40 });
    const tables = doc.blocks.filter((b) => b.kind === 'table');
    const list = tables.find((b) => b.kind === 'table' && b.columns[0] === 'Id');
    expect(list).toMatchObject({ noWrap: [0] });
    expect(list && list.kind === 'table' && list.rows.map((row) => row[0])).toEqual(
      many.slice(0, 40).map((a) => a.asset.id),
    );
    const notes = doc.blocks.filter((b) => b.kind === 'note').map((b) => (b as { text: string }).text);
    expect(notes).toEqual([
      '40 of 250 critical assets shown; the full list is in the JSON annex (this report as json).',
      '40 of 250 uncovered critical assets shown; the full list is in the CSV/JSON annex (this report as csv or json).',
    ]);
    // The heatmap charts hold the first 40 critical assets only (35 rows per chart).
    const charts = doc.blocks.filter((b) => b.kind === 'chart' && b.title.startsWith('Critical assets'));
    expect(charts.map((c) => (c.kind === 'chart' ? c.table.rows.length : 0))).toEqual([35, 5]);
    const details = doc.blocks.filter((b) => b.kind === 'heading' && b.level === 3);
    expect(details.map((b) => (b as { id?: string }).id)).toEqual(
      many.slice(0, DETAILED_ASSETS).map((a) => a.asset.id),
    );
    // The annex is whole: every uncovered asset is a CSV row.
    expect(parse(uncoveredCsv(r), { columns: true })).toHaveLength(250);
  });

  it('says nothing about an annex when every row fits', () => {
    const doc = uncoveredDocument(report([asset('sys-a')]), { rows: 1 });
    expect(doc.blocks.filter((b) => b.kind === 'note')).toEqual([]);
  });

  it('writes one CSV row per uncovered asset under the documented columns', () => {
    const rows = parse(
      uncoveredCsv(report([asset('sys-a', { owner: null, reasons: ['no owner', 'depth 0'] })])),
      {
        columns: true,
      },
    ) as Record<string, string>[];
    expect(Object.keys(rows[0])).toEqual(UNCOVERED_CSV_COLUMNS);
    expect(rows[0]).toMatchObject({
      asset_id: 'sys-a',
      owner: '',
      score: '0.75',
      min_depth: '',
      reasons: 'no owner; depth 0',
    });
  });
});

describe('report diff', () => {
  const finding = { ruleId: 'GOV-1', title: 'no owner', severity: 'high', message: 'SYS-B has no owner' };
  const a = report([asset('sys-a'), asset('sys-b', { findings: [finding] })]);
  const b = report([asset('sys-b', { reasons: ['no owner'] }), asset('sys-c')], { findings: 0 });

  it('lists new, resolved and changed uncovered assets, new and resolved findings, moved numbers', () => {
    const d = diffReports(a, b);
    expect(d.newUncovered.map((u) => u.id)).toEqual(['sys-c']);
    expect(d.resolvedUncovered.map((u) => u.id)).toEqual(['sys-a']);
    expect(d.changedUncovered).toEqual([
      { id: 'sys-b', name: 'SYS-B', before: ['missing domains: physical'], after: ['no owner'] },
    ]);
    expect(d.resolvedFindings).toEqual([
      { ruleId: 'GOV-1', assetId: 'sys-b', assetName: 'SYS-B', message: 'SYS-B has no owner' },
    ]);
    expect(d.newFindings).toEqual([]);
    expect(d.summary).toEqual({ findings: [1, 0] });
    expect(formatDiff(d)).toContain('+ SYS-C (sys-c): missing domains: physical');
  });

  it('finds nothing between a report and itself', () => {
    const d = diffReports(a, a);
    expect([
      d.newUncovered,
      d.resolvedUncovered,
      d.changedUncovered,
      d.newFindings,
      d.resolvedFindings,
    ]).toEqual([[], [], [], [], []]);
  });

  it('refuses a file that is not a JSON uncovered report, saying which', () => {
    expect(() => parseUncoveredReport('%PDF-1.7', 'a.pdf')).toThrow(/^a\.pdf: not JSON/);
    expect(() => parseUncoveredReport('{"report":"posture"}', 'b.json')).toThrow(
      'b.json: a "posture" report; diff compares uncovered reports (rampart report uncovered --format json).',
    );
    expect(() => parseUncoveredReport('{"uncovered":[]}', 'c.json')).toThrow(
      'c.json: not an uncovered report in JSON',
    );
  });
});
