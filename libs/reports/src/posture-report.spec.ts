import { readFileSync } from 'fs';
import { join } from 'path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'csv-parse/sync';
import { MATURITY_LABELS, MaturityLevel, RiskLevel, SecurityDomain } from '@rampart/domain';
import { renderHtml } from './html-renderer';
import { renderMarkdown } from './markdown-renderer';
import { POSTURE_CSV_COLUMNS, postureCsv } from './posture-csv';
import { postureDocument } from './posture-report';
import { DomainPosture, PostureReport, RiskMatrixCount } from './report-data';

const SCHEMA = JSON.parse(
  readFileSync(join(__dirname, '../../../docs/schemas/posture-report.schema.json'), 'utf8'),
) as object;

const ref = (id: string, name: string, kind: string) => ({ id, name, kind });

const domain = (
  d: SecurityDomain,
  level: MaturityLevel,
  next: string[],
  over: Partial<DomainPosture> = {},
): DomainPosture => ({
  domain: d,
  controls: { planned: 1, implemented: 2, degraded: 1, failed: 1, retired: 0 },
  inForce: 3,
  meanEffectiveness: 0.625,
  tested: 2,
  functions: { deter: 1, detect: 2, delay: 0, respond: 1, recover: 1 },
  criticalRequired: 6,
  criticalCovered: 5,
  findings: { high: 0, medium: 1, low: 0 },
  maturity: { level, label: MATURITY_LABELS[level], next },
  ...over,
});

/** Every cell of the 5x5 matrix, as the JSON report carries it; a few hold pairs. */
const matrix = (counts: Record<string, number>): RiskMatrixCount[] =>
  [1, 2, 3, 4, 5].flatMap((likelihood) =>
    [1, 2, 3, 4, 5].map((consequence) => {
      const p = likelihood * consequence;
      const level: RiskLevel = p >= 15 ? 'extreme' : p >= 10 ? 'high' : p >= 5 ? 'medium' : 'low';
      return { likelihood, consequence, count: counts[`${likelihood}/${consequence}`] ?? 0, level };
    }),
  );

const PERSONNEL_NEXT = [
  'cover 2 more of the 6 critical assets that require it (now 50 %, needs 80 %)',
  'bring 80 % of its controls into force (now 1 of 3: 33 %)',
];

const report = (over: Partial<PostureReport> = {}): PostureReport => ({
  report: 'posture',
  schemaVersion: 1,
  generatedAt: '2026-11-23T06:00:00.000Z',
  asOf: '2026-11-23',
  organization: { id: 'org-a', name: 'Acme' },
  parameters: { organizationId: 'org-a', asOf: '2026-11-23' },
  summary: {
    assets: 40,
    criticalAssets: 8,
    uncoveredCriticalAssets: 3,
    exposedCriticalAssets: 1,
    singlePointsOfFailure: 2,
    commonModeFailures: 1,
    risksAboveTolerance: 2,
    findings: 7,
    findingsBySeverity: { high: 2, medium: 4, low: 1 },
    riskTolerance: 'medium',
    risks: 12,
    controls: 17,
    thirdParties: 1,
  },
  // Out of order on purpose: the report shows them low to extreme.
  riskByLevel: [
    { level: 'extreme', inherent: 3, residual: 1 },
    { level: 'low', inherent: 2, residual: 5 },
    { level: 'high', inherent: 4, residual: 2 },
    { level: 'medium', inherent: 3, residual: 4 },
  ],
  riskMatrix: matrix({ '2/5': 1, '3/4': 2, '1/1': 5 }),
  topRisks: [
    {
      threat: ref('t-1', 'Thieves', 'Threat'),
      asset: { ...ref('sys-depot', 'Depot server', 'System'), criticality: 5 },
      inherentLikelihood: 4,
      residualLikelihood: 2,
      consequence: 5,
      pathProbability: 0.3,
      inherentLevel: 'extreme',
      level: 'high',
      aboveTolerance: true,
      treatment: 'treat',
    },
    {
      threat: ref('t-2', 'Insider', 'Threat'),
      asset: { ...ref('inf-hr', 'HR records', 'Information'), criticality: 4 },
      inherentLikelihood: 3,
      residualLikelihood: 1,
      consequence: 4,
      pathProbability: 0.05,
      inherentLevel: 'high',
      level: 'low',
      aboveTolerance: false,
      treatment: null,
    },
  ],
  // Out of order on purpose: tables and CSV follow SECURITY_DOMAINS.
  domains: [
    domain('physical', 5, [], {
      controls: { planned: 0, implemented: 3, degraded: 0, failed: 0, retired: 1 },
      tested: 3,
      meanEffectiveness: 0.9,
      criticalCovered: 6,
      findings: { high: 0, medium: 0, low: 0 },
    }),
    domain('governance', 4, ['resolve its 1 findings']),
    domain('personnel', 2, PERSONNEL_NEXT, {
      meanEffectiveness: 2 / 3,
      criticalRequired: 6,
      criticalCovered: 3,
      findings: { high: 2, medium: 0, low: 1 },
    }),
    domain('information', 3, ['test 80 % of its controls in force within the review interval']),
    domain('cyber', 2, ['cover 1 more of the 6 critical assets that require it']),
  ],
  controlsNeedingAttention: [
    {
      control: {
        ...ref('c-badge', 'Badge reader', 'Control'),
        domains: ['physical'],
        status: 'failed',
        effectiveness: 0.7,
        lastTestedAt: null,
      },
      issue: 'failed',
      protects: 3,
    },
  ],
  weakestLinks: [
    {
      control: {
        ...ref('c-mfa', 'MFA', 'Control'),
        domains: ['cyber'],
        status: 'implemented',
        effectiveness: 0.9,
      },
      riskIncrease: 14,
      singlePointOfFailureFor: 2,
    },
  ],
  significantFindings: [
    {
      ruleId: 'GOV-1',
      title: 'Critical asset without owner',
      severity: 'high',
      clause: '6.1',
      domain: 'governance',
      count: 2,
      examples: ['Depot server has no owner', 'HR records has no owner'],
    },
    {
      ruleId: 'X-9',
      title: 'Cross-cutting',
      severity: 'low',
      clause: '3.1',
      domain: null,
      count: 1,
      examples: ['one'],
    },
  ],
  thirdParties: [
    {
      provider: ref('org-clean', 'CleanCo', 'Organization'),
      securityClauses: null,
      people: 3,
      criticalAssetsReachable: 2,
      impactScore: 4.26,
      findings: 1,
    },
  ],
  ...over,
});

const empty = () =>
  report({
    topRisks: [],
    controlsNeedingAttention: [],
    weakestLinks: [],
    significantFindings: [],
    thirdParties: [],
  });

const headings = (r: PostureReport) =>
  postureDocument(r).blocks.flatMap((b) => (b.kind === 'heading' ? [`${b.level} ${b.id} ${b.text}`] : []));
const paragraphs = (r: PostureReport) =>
  postureDocument(r).blocks.flatMap((b) => (b.kind === 'paragraph' ? [b.text] : []));

describe('posture report: document', () => {
  it('has the seven sections in order, titled and marked like its sibling', () => {
    const doc = postureDocument(report());
    expect(doc.title).toBe('Security posture');
    expect(doc.subtitle).toBe('Acme · as of 2026-11-23');
    expect(doc.marking).toMatch(/^NEED-TO-KNOW/);
    expect(postureDocument(report({ organization: null })).subtitle).toBe(
      'All organisations · as of 2026-11-23',
    );
    expect(headings(report())).toEqual([
      '2 summary Summary',
      '2 risk Risk to assets',
      '2 controls Control effectiveness',
      '2 findings Significant findings and compliance',
      '2 third-parties Third-party assurance',
      '2 maturity Maturity by domain',
      '2 culture Culture and significant incidents',
    ]);
  });

  it('says the summary in plain words: coverage, tolerance, findings, least mature domains', () => {
    expect(paragraphs(report())[0]).toBe(
      '3 of 8 critical assets are uncovered, and 1 is exposed: a threat reaches them with no control in the way. ' +
        '2 of 12 assessed threat–asset risks are above the risk tolerance (medium). ' +
        '7 findings are open: 2 high, 4 medium, 1 low. ' +
        'The least mature domains are Personnel and Cyber, at level 2 (Developing).',
    );
    const oneLow = report();
    oneLow.domains = oneLow.domains.filter((d) => d.domain !== 'cyber');
    expect(paragraphs(oneLow)[0]).toContain('The least mature domain is Personnel, at level 2 (Developing).');
    const flat = report({ organization: null });
    flat.summary = { ...flat.summary, riskTolerance: null };
    flat.domains = flat.domains.map((d) => ({ ...d, maturity: { level: 3, label: 'Defined', next: ['x'] } }));
    expect(paragraphs(flat)[0]).toContain(
      'above their organisation’s tolerance (the organisations’ tolerances differ). ',
    );
    expect(paragraphs(flat)[0]).toContain('Every domain is at maturity level 3 (Defined).');
  });

  it('shows risk before and after controls, the matrix, and the top risks', () => {
    const md = renderMarkdown(postureDocument(report()));
    expect(paragraphs(report())[1]).toBe(
      'Is the risk to assets minimised (ISO 22340 6.2.2.7)? Of 12 assessed threat–asset pairs, 7 are high or ' +
        'extreme before controls (inherent) and 3 with the controls in force (residual); 2 remain above the risk tolerance (medium).',
    );
    expect(md).toContain('| low | 2 | 5 |\n| medium | 3 | 4 |\n| high | 4 | 2 |\n| extreme | 3 | 1 |');
    expect(md).toContain('| 1 | 1 | low | 5 |\n| 2 | 5 | high | 1 |\n| 3 | 4 | high | 2 |');
    expect(md).toContain('| Thieves | Depot server | 4 | 2 | 5 | high | yes | treat |');
    expect(md).toContain('| Insider | HR records | 3 | 1 | 4 | low | no | none |');
  });

  it('tabulates control effectiveness per domain in domain order, controls needing attention and weakest links', () => {
    const md = renderMarkdown(postureDocument(report()));
    expect(md).toContain(
      '| Domain | In force | Planned | Failed | Degraded | Retired | Mean effectiveness | Tested within interval | Functions (deter / detect / delay / respond / recover) |',
    );
    const rows = md
      .split('\n')
      .filter((l) =>
        /^\| (Governance|Personnel|Information|Cyber|Physical) \| \d+ \| \d+ \| \d+ \| \d+ \| \d+ \| /.test(
          l,
        ),
      );
    expect(rows).toEqual([
      '| Governance | 3 | 1 | 1 | 1 | 0 | 62.5 % | 2 of 3 | 1 / 2 / 0 / 1 / 1 |',
      '| Personnel | 3 | 1 | 1 | 1 | 0 | 66.7 % | 2 of 3 | 1 / 2 / 0 / 1 / 1 |',
      '| Information | 3 | 1 | 1 | 1 | 0 | 62.5 % | 2 of 3 | 1 / 2 / 0 / 1 / 1 |',
      '| Cyber | 3 | 1 | 1 | 1 | 0 | 62.5 % | 2 of 3 | 1 / 2 / 0 / 1 / 1 |',
      '| Physical | 3 | 0 | 0 | 0 | 1 | 90.0 % | 3 of 3 | 1 / 2 / 0 / 1 / 1 |',
    ]);
    expect(md).toContain('| Badge reader | physical | failed | failed | never | 3 |');
    expect(md).toContain('| MFA | cyber | 14 | 2 |');
  });

  it('lists findings by rule and the third parties', () => {
    const md = renderMarkdown(postureDocument(report()));
    expect(md).toContain(
      '| GOV-1: Critical asset without owner | 6.1 | Governance | high | 2 | Depot server has no owner; HR records has no owner |',
    );
    expect(md).toContain('| X-9: Cross-cutting | 3.1 | — | low | 1 | one |');
    expect(md).toContain('| CleanCo | not recorded | 3 | 2 | 4.3 | 1 |');
    const clauses = report();
    clauses.thirdParties = [
      { ...clauses.thirdParties[0], securityClauses: true },
      {
        ...clauses.thirdParties[0],
        provider: ref('org-g', 'GuardCo', 'Organization'),
        securityClauses: false,
      },
    ];
    const md2 = renderMarkdown(postureDocument(clauses));
    expect(md2).toContain('| CleanCo | yes | 3 |');
    expect(md2).toContain('| GuardCo | no | 3 |');
  });

  it('charts maturity per domain with what the next level needs, and explains the staircase', () => {
    const doc = postureDocument(report());
    const chart = doc.blocks.find((b) => b.kind === 'chart' && b.title.startsWith('Maturity'));
    expect(chart?.kind === 'chart' && chart.table.rows).toEqual([
      ['Governance', 4, 'Managed', '5 of 6', 'resolve its 1 findings'],
      ['Personnel', 2, 'Developing', '3 of 6', PERSONNEL_NEXT.join('; ')],
      [
        'Information',
        3,
        'Defined',
        '5 of 6',
        'test 80 % of its controls in force within the review interval',
      ],
      ['Cyber', 2, 'Developing', '5 of 6', 'cover 1 more of the 6 critical assets that require it'],
      ['Physical', 5, 'Optimised', '6 of 6', '—'],
    ]);
    expect(chart?.kind === 'chart' && chart.svg).toContain('Personnel 2 (Developing)');
    expect(paragraphs(report()).join('\n')).toContain(
      'staircase of five levels: 1 Initial, 2 Developing, 3 Defined, 4 Managed, 5 Optimised.',
    );
  });

  it('leaves incidents and culture visibly to the RSE', () => {
    const doc = postureDocument(report());
    expect(doc.blocks.slice(-2).map((b) => b.kind)).toEqual(['todo', 'todo']);
    const md = renderMarkdown(doc);
    expect(md).toContain(
      '> **To be written:** Significant security incidents in the period and the lessons learned',
    );
    expect(md).toContain('> **To be written:** Security culture:');
  });

  it('says "none" for empty lists instead of empty tables', () => {
    const ps = paragraphs(empty());
    expect(ps).toEqual(
      expect.arrayContaining([
        'No threat–asset risk is assessed.',
        'No control needs attention: none has failed or degraded, and every control in force is tested within the review interval.',
        'No open findings: every compliance rule holds (ISO 22340 6.2.2.7).',
        'No service provider is recorded (ISO 22340 6.2.2.9).',
      ]),
    );
    const captions = postureDocument(empty()).blocks.flatMap((b) => (b.kind === 'table' ? [b.caption] : []));
    expect(captions).toEqual(['Controls by domain']);
    expect(headings(empty())).toHaveLength(7);
  });

  it('renders to HTML with every chart inline', () => {
    const html = renderHtml(postureDocument(report()));
    expect(html.match(/<svg[\s>]/g)).toHaveLength(4);
    expect(html.match(/<aside class="todo"/g)).toHaveLength(2);
    expect(html).toContain('<h2 id="third-parties">Third-party assurance</h2>');
    expect(() => renderHtml(postureDocument(empty()))).not.toThrow();
  });
});

describe('posture report: CSV', () => {
  const rows = (r: PostureReport) => parse(postureCsv(r), { columns: true }) as Record<string, string>[];

  it('writes one row per domain in domain order under the documented columns', () => {
    expect(postureCsv(report()).split('\r\n')[0]).toBe(POSTURE_CSV_COLUMNS.join(','));
    const got = rows(report());
    expect(Object.keys(got[0])).toEqual(POSTURE_CSV_COLUMNS);
    expect(got.map((r) => r.domain)).toEqual(['governance', 'personnel', 'information', 'cyber', 'physical']);
    expect(got[1]).toEqual({
      domain: 'personnel',
      maturity_level: '2',
      maturity_label: 'Developing',
      controls: '5',
      in_force: '3',
      planned: '1',
      failed: '1',
      degraded: '1',
      mean_effectiveness: '0.6667',
      tested: '2',
      critical_required: '6',
      critical_covered: '3',
      findings_high: '2',
      findings_medium: '0',
      findings_low: '1',
      next_level_needs: PERSONNEL_NEXT.join('; '),
    });
    expect(got[4]).toMatchObject({
      domain: 'physical',
      controls: '3',
      mean_effectiveness: '0.9',
      next_level_needs: '',
    });
  });

  it('leaves retired controls out of the total, and effectiveness empty when none is in force', () => {
    const r = report();
    r.domains = [
      domain('cyber', 1, ['put at least one control in force'], {
        controls: { planned: 2, implemented: 0, degraded: 0, failed: 1, retired: 4 },
        inForce: 0,
        tested: 0,
        meanEffectiveness: null,
      }),
    ];
    expect(rows(r)[0]).toMatchObject({
      controls: '3',
      in_force: '0',
      planned: '2',
      failed: '1',
      mean_effectiveness: '',
      next_level_needs: 'put at least one control in force',
    });
    expect(renderMarkdown(postureDocument(r))).toContain('| Cyber | 0 | 2 | 1 | 0 | 4 | — | 0 of 0 |');
  });
});

describe('posture report: JSON schema', () => {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  const validate = ajv.compile(SCHEMA);
  const json = (r: PostureReport) => JSON.parse(JSON.stringify(r)) as Record<string, unknown>;

  it('accepts the fixture, with and without lists and organisation', () => {
    expect(validate(json(report()))).toBe(true);
    expect(validate.errors).toBeNull();
    expect(validate(json({ ...empty(), organization: null }))).toBe(true);
  });

  it('rejects a level 6, a label that is not the level’s, an unknown field and a missing one', () => {
    const six = json(report());
    (six.domains as { maturity: { level: number } }[])[0].maturity.level = 6;
    expect(validate(six)).toBe(false);
    expect(validate.errors?.map((e) => e.instancePath)).toContain('/domains/0/maturity/level');

    const label = json(report());
    (label.domains as { maturity: { label: string } }[])[0].maturity.label = 'Managed';
    expect(validate(label)).toBe(false);

    const extra = json(report());
    (extra.thirdParties as Record<string, unknown>[])[0].contract = 'yes';
    expect(validate(extra)).toBe(false);
    expect(validate.errors?.[0]).toMatchObject({
      instancePath: '/thirdParties/0',
      keyword: 'additionalProperties',
    });

    const missing = json(report());
    delete (missing.summary as Record<string, unknown>).riskTolerance;
    expect(validate(missing)).toBe(false);
    expect(validate.errors?.[0]).toMatchObject({ instancePath: '/summary', keyword: 'required' });
  });
});
