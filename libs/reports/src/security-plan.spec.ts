import * as fs from 'fs';
import * as path from 'path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'csv-parse/sync';
import { SecurityDomain } from '@rampart/domain';
import { renderHtml } from './html-renderer';
import { renderMarkdown } from './markdown-renderer';
import { DomainPosture, PlanSectionId, RiskRow, SecurityPlanReport } from './report-data';
import { PLAN_CSV_COLUMNS, PLAN_SECTIONS, planCsv, planDocument, planSections } from './security-plan';
import { escapeXml } from './svg-charts';
import { REPORT_MARKING } from './report-blocks';

type Body = Omit<SecurityPlanReport, 'sections'>;

const risk = (threat: string, asset: string, over: Partial<RiskRow> = {}): RiskRow => ({
  threat: { id: `t-${threat}`, name: threat, kind: 'Threat' },
  asset: { id: `a-${asset}`, name: asset, kind: 'System', criticality: 5 },
  inherentLikelihood: 5,
  residualLikelihood: 5,
  consequence: 5,
  pathProbability: 0.62,
  inherentLevel: 'extreme',
  level: 'extreme',
  aboveTolerance: true,
  treatment: null,
  ...over,
});

const posture = (
  domain: SecurityDomain,
  inForce: number,
  over: Partial<DomainPosture> = {},
): DomainPosture => ({
  domain,
  controls: { planned: 0, implemented: inForce, degraded: 0, failed: 0, retired: 0 },
  inForce,
  meanEffectiveness: inForce ? 0.7 : null,
  tested: inForce,
  functions: { deter: 0, detect: inForce, delay: 0, respond: 0, recover: 0 },
  criticalRequired: 7,
  criticalCovered: 5,
  findings: { high: 0, medium: 1, low: 0 },
  maturity: { level: 2, label: 'Developing', next: ['test every control in force within the interval'] },
  ...over,
});

const SHA = 'ab12cd34ef56' + '0'.repeat(52);

/** A port authority with something to say in every section. */
const body = (): Body => ({
  report: 'plan',
  schemaVersion: 1,
  generatedAt: '2026-11-23T06:00:00.000Z',
  asOf: '2026-11-23',
  organization: { id: 'org-h', name: 'Harbour Authority' },
  parameters: { organizationId: 'org-h', asOf: '2026-11-23' },
  context: {
    rse: { id: 'p-rse', name: 'Dana Reyes', kind: 'Person' },
    rseInTopManagement: true,
    topManagement: [{ id: 'u-board', name: 'Executive Board', kind: 'OrgUnit' }],
    assetsByKind: [
      { kind: 'System', assets: 14, critical: 5 },
      { kind: 'Facility', assets: 6, critical: 2 },
    ],
    people: 87,
    serviceProviders: 3,
  },
  risks: {
    criticalAssets: 7,
    uncoveredCriticalAssets: 4,
    exposedCriticalAssets: 2,
    top: [
      risk('Ransomware crew', 'Port Control System'),
      risk('Disgruntled insider', 'Cargo Database', {
        residualLikelihood: 3,
        consequence: 4,
        pathProbability: 0.004,
        level: 'high',
      }),
    ],
    threats: [
      {
        threat: { id: 't-rc', name: 'Ransomware crew', kind: 'Threat' },
        kind: 'criminal',
        capability: 4,
        intent: 5,
        assetsAtRisk: 3,
      },
      {
        threat: { id: 't-di', name: 'Disgruntled insider', kind: 'Threat' },
        kind: null,
        capability: null,
        intent: null,
        assetsAtRisk: 1,
      },
    ],
    missingDomains: [
      { domain: 'physical', criticalAssets: 2 },
      { domain: 'personnel', criticalAssets: 1 },
    ],
    commonModeFailures: [{ id: 'sys-idp', name: 'Identity Provider', kind: 'System' }],
  },
  acceptance: {
    tolerance: 'medium',
    accepted: [
      risk('Storm surge', 'Quay Crane', { level: 'medium', aboveTolerance: false, treatment: 'accept' }),
    ],
    untreatedAboveTolerance: [risk('Ransomware crew', 'Port Control System')],
  },
  controls: {
    domains: [
      posture('governance', 3),
      posture('personnel', 2),
      posture('information', 4, {
        controls: { planned: 0, implemented: 3, degraded: 1, failed: 2, retired: 0 },
      }),
      posture('cyber', 6),
      posture('physical', 0, {
        controls: { planned: 1, implemented: 0, degraded: 0, failed: 0, retired: 0 },
        maturity: { level: 1, label: 'Initial', next: ['put a control in force'] },
      }),
    ],
    planned: [{ id: 'c-fence', name: 'Perimeter Fence Upgrade', kind: 'Control', domains: ['physical'] }],
    priorities: [
      'Close the open way in to 2 exposed critical assets.',
      'Record a treatment decision for 1 risk above tolerance.',
    ],
  },
  culture: {
    people: 87,
    personnelControlsInForce: 2,
    vettingOverdue: 3,
    separatedWithAccess: 1,
    accessWithoutJustification: 0,
  },
  response: {
    detectControls: 4,
    respondControls: 2,
    recoverControls: 1,
    responseForce: { timeSeconds: 420, stdDevSeconds: 90, communicationProbability: 0.95 },
  },
  status: {
    state: 'draft',
    reviewIntervalDays: 180,
    nextReviewDue: '2027-05-22',
    schedules: ['0 6 * * 1 uncovered pdf'],
    recentReports: [
      { report: 'uncovered', format: 'pdf', generatedAt: '2026-11-16T06:00:00.000Z', sha256: SHA },
    ],
  },
});

/** The fixture, changed in place before its sections are derived, as the API service does. */
const plan = (change: (b: Body) => void = () => undefined): SecurityPlanReport => {
  const b = body();
  change(b);
  return { ...b, sections: planSections(b) };
};
const prompts = (r: SecurityPlanReport, id: PlanSectionId) =>
  r.sections.find((s) => s.id === id)!.toBeWritten;
const allPrompts = (r: SecurityPlanReport) => r.sections.flatMap((s) => s.toBeWritten);
const count = (haystack: string, needle: string) => haystack.split(needle).length - 1;

describe('draft security plan: sections and prompts', () => {
  it('has the seven sections of ISO 22340 6.2.2.5 in order, with their clauses', () => {
    const r = plan();
    expect(r.sections.map((s) => [s.id, s.clause])).toEqual([
      ['a', 'ISO 22340 6.2.2.5 a)'],
      ['b', 'ISO 22340 6.2.2.5 b)'],
      ['c', 'ISO 22340 6.2.2.5 c)'],
      ['d', 'ISO 22340 6.2.2.5 d)'],
      ['e', 'ISO 22340 6.2.2.5 e)'],
      ['f', 'ISO 22340 6.2.2.5 f)'],
      ['g', 'ISO 22340 6.2.2.5 g)'],
    ]);
    expect(r.sections.map((s) => s.title)).toEqual(PLAN_SECTIONS.map((s) => s.title));
    expect(PLAN_SECTIONS[2].title).toBe('The risk the organisation accepts');
  });

  it('always asks for objectives (a), the culture-change plan (e), approval and distribution (g)', () => {
    // A quiet organisation: nothing the data flags, so only what the graph can never know is asked.
    const r = plan((b) => {
      b.culture = { ...b.culture, vettingOverdue: 0, separatedWithAccess: 0, accessWithoutJustification: 0 };
    });
    expect(prompts(r, 'a')).toEqual([
      "Describe the organisation's strategic objectives and how security enables each of them.",
    ]);
    expect(prompts(r, 'e')).toEqual([
      'Describe the culture-change plan: security training, awareness and a reporting culture.',
    ]);
    expect(prompts(r, 'g')).toEqual([
      'Have the plan approved by top management and the RSE, and record who approved it and when.',
      'State who receives the plan (distribution) and how it is kept confidential.',
      'Keep a version history: version, date, author, what changed.',
      'Review the plan every 180 days and after incidents or major changes, and name who triggers it.',
    ]);
    expect(prompts(r, 'f')).toEqual(['Define threat levels and what changes at each.']);
  });

  it('asks to appoint an RSE only when there is none, and flags one outside top management', () => {
    const none = plan((b) => {
      b.context.rse = null;
      b.context.rseInTopManagement = null;
    });
    expect(prompts(none, 'a')).toContain(
      'Appoint a responsible security executive (RSE) with authority, resources and competence.',
    );
    expect(allPrompts(plan()).join('\n')).not.toMatch(/Appoint a responsible security executive/);
    const outside = plan((b) => {
      b.context.rseInTopManagement = false;
    });
    expect(prompts(outside, 'a')).toContain(
      'The RSE (Dana Reyes) is not in top management: record how they report to it, or appoint one who is.',
    );
    expect(allPrompts(plan()).join('\n')).not.toMatch(/not in top management/);
  });

  it('asks for a tolerance when none is recorded, and for treatment decisions per untreated risk', () => {
    const r = plan();
    expect(prompts(r, 'c')).toEqual([
      'Record a treatment decision for the 1 risk above tolerance.',
      'Record who accepted the 1 accepted risk and why.',
    ]);
    const open = plan((b) => {
      b.acceptance = {
        tolerance: null,
        accepted: [],
        untreatedAboveTolerance: [risk('A', 'X'), risk('B', 'Y'), risk('C', 'Z')],
      };
    });
    expect(prompts(open, 'c')).toEqual([
      "State the organisation's risk tolerance (low, medium, high or extreme).",
      'Record a treatment decision for the 3 risks above tolerance.',
    ]);
  });

  it('asks to record a response force only when none is, and for threat levels always', () => {
    expect(prompts(plan(), 'f')).toEqual(['Define threat levels and what changes at each.']);
    const r = plan((b) => {
      b.response = { detectControls: 0, respondControls: 2, recoverControls: 1, responseForce: null };
    });
    expect(prompts(r, 'f')).toEqual([
      'Define threat levels and what changes at each.',
      'Record a response force: time to arrive, its spread, and how likely the alert reaches it.',
      'No detection control is in force: state how an attack would be noticed.',
    ]);
  });

  it('names the people numbers in the culture prompts when they are not zero', () => {
    expect(prompts(plan(), 'e')).toEqual([
      'Describe the culture-change plan: security training, awareness and a reporting culture.',
      'Plan the overdue vetting of 3 people.',
      'Withdraw access on separation: 1 separated person still has access.',
    ]);
  });

  it('drives risk and control prompts from the data', () => {
    const r = plan();
    expect(prompts(r, 'b')).toEqual([
      'Describe threats not modelled in Rampart and their impact on assets.',
      'State the impact on the organisation if the 2 exposed critical assets were compromised.',
      'Assess the impact of losing Identity Provider: controls of several domains rest on it.',
    ]);
    expect(prompts(r, 'd')).toEqual([
      'Justify the order of the 2 priorities, and give each an owner and a date.',
      'Give the 1 planned control a budget and a date.',
      'Set a strategy for the domains with no control in force: Physical.',
      'State the budget and resources the strategy needs.',
    ]);
  });
});

describe('draft security plan: document', () => {
  const r = plan();
  const doc = planDocument(r);
  const md = renderMarkdown(doc);
  const html = renderHtml(doc);

  it('is titled a draft, marked, and opens saying a person must finish and approve it', () => {
    expect(doc.title).toBe('Draft security plan');
    expect(doc.subtitle).toBe('Harbour Authority · as of 2026-11-23 · DRAFT for review');
    expect(doc.marking).toBe(REPORT_MARKING);
    expect(doc.blocks[0].kind).toBe('paragraph');
    const intro = (doc.blocks[0] as { text: string }).text;
    expect(intro).toContain('draft security plan');
    expect(intro).toContain('generated from the Rampart graph as of 2026-11-23');
    expect(intro).toContain('"to be written" needs a person');
    expect(intro).toContain('approved by top management');
  });

  it('has one level-2 heading per section, each followed by its own prompts as todo blocks', () => {
    const headings = doc.blocks.flatMap((b) => (b.kind === 'heading' ? [[b.level, b.id, b.text]] : []));
    expect(headings).toEqual([
      [2, 'section-a', "a) How security enables the organisation's objectives"],
      [2, 'section-b', 'b) Risks and vulnerabilities and their impact on assets'],
      [2, 'section-c', 'c) The risk the organisation accepts'],
      [2, 'section-d', 'd) Security strategies and controls'],
      [2, 'section-e', 'e) Security culture-change plan'],
      [2, 'section-f', 'f) Response to changing threat levels'],
      [2, 'section-g', 'g) Status of the plan and reporting'],
    ]);
    // The todo blocks between one heading and the next are exactly that section's prompts.
    const bySection = new Map<string, string[]>();
    let current = '';
    for (const b of doc.blocks) {
      if (b.kind === 'heading') current = b.id!.slice('section-'.length);
      if (b.kind === 'todo') bySection.set(current, [...(bySection.get(current) ?? []), b.text]);
    }
    for (const s of r.sections) expect(bySection.get(s.id) ?? []).toEqual(s.toBeWritten);
  });

  it('shows every prompt as "to be written" in Markdown and HTML', () => {
    const all = allPrompts(r);
    // a 1, b 3, c 2, d 4, e 3, f 1, g 4.
    expect(all).toHaveLength(18);
    for (const p of all) {
      expect(md).toContain(`> **To be written:** ${p}`);
      expect(html).toContain(
        '<aside class="todo" role="note"><p class="todo-label">To be written</p>' +
          `<p>${escapeXml(p)}</p></aside>`,
      );
    }
    expect(count(md, '**To be written:**')).toBe(all.length);
    expect(count(html, '<aside class="todo"')).toBe(all.length);
    expect(html).toContain('<h2 id="section-c">c) The risk the organisation accepts</h2>');
  });

  it('fills the sections with the names and numbers from the graph', () => {
    for (const row of [
      '| Responsible security executive | Dana Reyes |',
      '| RSE in top management | yes |',
      '| Top management | Executive Board |',
      '| People | 87 |',
      '| System | 14 | 5 |',
      '| Exposed critical assets | 2 |',
      '| Ransomware crew | Port Control System | extreme | 5 × 5 | 62.0 % |',
      '| Disgruntled insider | Cargo Database | high | 3 × 4 | 0.40 % |',
      '| Ransomware crew | criminal | 4 | 5 | 3 |',
      '| Disgruntled insider | — | — | — | 1 |',
      '| Physical | 2 |',
      '| Storm surge | Quay Crane | medium | 5 × 5 | 62.0 % |',
      '| Information | 4 | 0 | 2 | 5 of 7 | 2 Developing |',
      '| Physical | 0 | 1 | 0 | 5 of 7 | 1 Initial |',
      '| Cyber | 6 |',
      '| Vetting overdue | 3 |',
      '| Separated people with access | 1 |',
      '| Detect controls in force | 4 |',
      '| Response force time | 420 s (σ 90 s) |',
      '| Alert reaches the response force | 95.0 % |',
      '| State | Draft — not approved |',
      '| Review interval | 180 days |',
      '| Next review due | 2027-05-22 |',
      '| Report schedules | 0 6 \\* \\* 1 uncovered pdf |',
      '| uncovered | pdf | 2026-11-16T06:00:00.000Z | ab12cd34ef56 |',
    ]) {
      expect(md).toContain(row);
    }
    expect(md).toContain("The organisation's risk tolerance is medium");
    expect(md).toContain('- Identity Provider (System)');
    expect(md).toContain('- Perimeter Fence Upgrade (Physical)');
    // Markdown escapes a leading "1." so it stays a bullet; HTML shows it as written.
    expect(md).toContain('- 1\\. Close the open way in to 2 exposed critical assets.');
    expect(html).toContain('<li>2. Record a treatment decision for 1 risk above tolerance.</li>');
    expect(md).not.toContain('ab12cd34ef560');
  });

  it('charts the controls in force per domain with the data as a table', () => {
    const chart = doc.blocks.find((b) => b.kind === 'chart');
    expect(chart).toMatchObject({
      title: 'Controls in force per domain',
      table: {
        columns: ['Domain', 'Controls in force'],
        rows: [
          ['Governance', 3],
          ['Personnel', 2],
          ['Information', 4],
          ['Cyber', 6],
          ['Physical', 0],
        ],
      },
    });
    expect(html).toContain('<figcaption>Controls in force per domain</figcaption>');
  });

  it('says so where the graph has nothing: no RSE, no tolerance, no response force, no reports', () => {
    const bare = plan((b) => {
      b.context.rse = null;
      b.context.rseInTopManagement = null;
      b.acceptance = { tolerance: null, accepted: [], untreatedAboveTolerance: [] };
      b.response.responseForce = null;
      b.status.schedules = [];
      b.status.recentReports = [];
    });
    const text = renderMarkdown(planDocument(bare));
    expect(text).toContain('| Responsible security executive | not appointed |');
    expect(text).toContain('| RSE in top management | unknown |');
    expect(text).toContain('No risk tolerance is recorded: no risk can be judged above or below it.');
    expect(text).toContain('Accepted risks: none recorded.');
    expect(text).toContain('Untreated risks above tolerance: none can be judged without a tolerance.');
    expect(text).toContain('| Response force time | not recorded |');
    expect(text).toContain('| Report schedules | none configured |');
    expect(text).toContain('Recent reports: none generated yet.');
    expect(text).toContain('> **To be written:** Schedule regular security reporting to top management.');
  });
});

describe('draft security plan: CSV', () => {
  const read = (csv: string) => parse(csv, { columns: true }) as Record<string, string>[];

  it('writes one row per section under the documented columns, and parses back', () => {
    const r = plan();
    const csv = planCsv(r);
    expect(csv.split('\r\n')[0]).toBe(PLAN_CSV_COLUMNS.join(','));
    const rows = read(csv);
    expect(rows).toHaveLength(7);
    expect(Object.keys(rows[0])).toEqual(PLAN_CSV_COLUMNS);
    expect(rows.map((x) => x.section)).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g']);
    expect(rows.map((x) => x.to_be_written)).toEqual(r.sections.map((s) => s.toBeWritten.join('; ')));
    expect(rows[1]).toEqual({
      section: 'b',
      clause: 'ISO 22340 6.2.2.5 b)',
      title: 'Risks and vulnerabilities and their impact on assets',
      drafted_from_graph:
        '7 critical assets, 4 uncovered, 2 exposed; 2 risks listed; 2 threats; 1 common-mode failure',
      to_be_written: r.sections[1].toBeWritten.join('; '),
      status: 'drafted, needs review',
    });
    expect(rows[0].drafted_from_graph).toBe(
      'RSE Dana Reyes (in top management: yes); 1 top-management unit; 87 people; 3 service providers; 20 assets, 7 critical',
    );
    expect(rows[2].drafted_from_graph).toBe('tolerance medium; 1 accepted risk; 1 untreated above tolerance');
    expect(rows[3].drafted_from_graph).toBe(
      'in force per domain: Governance 3, Personnel 2, Information 4, Cyber 6, Physical 0; 1 planned control; 2 priorities',
    );
    expect(rows[5].drafted_from_graph).toBe(
      'controls in force: detect 4, respond 2, recover 1; response force 420 s (σ 90 s), alerted 95.0 %',
    );
    expect(rows[6].drafted_from_graph).toBe(
      'draft, not approved; review every 180 days, next due 2027-05-22; 1 schedule; 1 recent report',
    );
    expect(rows.map((x) => x.status)).toEqual(Array(7).fill('drafted, needs review'));
  });

  it('keeps semicolons out of the prompts, so the joined CSV cell splits back into them', () => {
    const r = plan((b) => {
      b.context.rse = null;
      b.acceptance.tolerance = null;
      b.response = { detectControls: 0, respondControls: 0, recoverControls: 0, responseForce: null };
      b.status.schedules = [];
    });
    const rows = read(planCsv(r));
    expect(rows.map((x) => x.to_be_written.split('; '))).toEqual(r.sections.map((s) => s.toBeWritten));
    expect(allPrompts(r).filter((p) => p.includes(';'))).toEqual([]);
  });

  it('writes the prompts the report carries, in the standard order whatever order they come in', () => {
    const r = plan();
    r.sections = [...r.sections].reverse();
    r.sections[0] = { ...r.sections[0], toBeWritten: ['Name the plan owner.', 'Add a glossary.'] };
    const rows = read(planCsv(r));
    expect(rows.map((x) => x.section)).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g']);
    expect(rows[6].to_be_written).toBe('Name the plan owner.; Add a glossary.');
    expect(renderMarkdown(planDocument(r))).toContain('> **To be written:** Add a glossary.');
  });

  it('marks a section "to be written" when the graph drafted nothing for it', () => {
    const rows = read(
      planCsv(
        plan((b) => {
          b.acceptance = { tolerance: null, accepted: [], untreatedAboveTolerance: [] };
          b.response = { detectControls: 0, respondControls: 0, recoverControls: 0, responseForce: null };
        }),
      ),
    );
    expect(rows.map((x) => [x.section, x.drafted_from_graph === '', x.status])).toEqual([
      ['a', false, 'drafted, needs review'],
      ['b', false, 'drafted, needs review'],
      ['c', true, 'to be written'],
      ['d', false, 'drafted, needs review'],
      ['e', false, 'drafted, needs review'],
      ['f', true, 'to be written'],
      ['g', false, 'drafted, needs review'],
    ]);
    expect(rows[2].to_be_written).toBe(
      "State the organisation's risk tolerance (low, medium, high or extreme).",
    );
  });
});

describe('draft security plan: JSON schema', () => {
  const schema = JSON.parse(
    fs.readFileSync(path.join(__dirname, '../../../docs/schemas/plan-report.schema.json'), 'utf8'),
  );
  // Compiled once: the schema is the same for every case.
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  const check = ajv.compile(schema);
  const validate = (data: unknown) => {
    const ok = check(data);
    return { ok, errors: check.errors ?? [] };
  };
  const json = (r: SecurityPlanReport) => JSON.parse(JSON.stringify(r));

  it('accepts the fixture, and one with every nullable field null', () => {
    expect(validate(json(plan())).errors).toEqual([]);
    expect(validate(json(plan())).ok).toBe(true);
    const bare = plan((b) => {
      b.context.rse = null;
      b.context.rseInTopManagement = null;
      b.acceptance.tolerance = null;
      b.response.responseForce = null;
    });
    expect(validate(json(bare)).errors).toEqual([]);
  });

  it('rejects a plan without an organisation, with an unknown field, or with its sections out of order', () => {
    const noOrg = { ...json(plan()), organization: null };
    expect(validate(noOrg).ok).toBe(false);
    expect(validate(noOrg).errors.map((e) => e.instancePath)).toContain('/organization');

    const extra = json(plan());
    extra.culture.morale = 'high';
    expect(validate(extra).errors).toEqual([
      expect.objectContaining({ instancePath: '/culture', keyword: 'additionalProperties' }),
    ]);

    const swapped = json(plan());
    [swapped.sections[0], swapped.sections[1]] = [swapped.sections[1], swapped.sections[0]];
    expect(validate(swapped).ok).toBe(false);
    expect(validate(swapped).errors.map((e) => e.instancePath)).toContain('/sections/0/id');

    const silent = json(plan());
    silent.sections[6].toBeWritten = [];
    expect(validate(silent).errors.map((e) => [e.instancePath, e.keyword])).toEqual([
      ['/sections/6/toBeWritten', 'minItems'],
    ]);

    expect(validate({ ...json(plan()), report: 'posture' }).ok).toBe(false);
  });
});
