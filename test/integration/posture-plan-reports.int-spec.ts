/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are untyped JSON */
import { INestApplication } from '@nestjs/common';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'csv-parse/sync';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import TestAgent from 'supertest/lib/agent';
import { PLAN_CSV_COLUMNS, POSTURE_CSV_COLUMNS } from '@rampart/reports';
import { pdfText } from '../support/pdf-text';
import { startDemoApp, signedIn } from '../support/test-app';
import { testConfig } from '../support/test-graph';

const AS_OF = '2026-11-23';
const DOMAINS = ['governance', 'personnel', 'information', 'cyber', 'physical'];
const binary = (res: any, cb: (e: Error | null, b: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};
const validate = (schemaFile: string, data: unknown) => {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  const schema = JSON.parse(fs.readFileSync(path.join(__dirname, '../../docs/schemas', schemaFile), 'utf8'));
  ajv.validate(schema, data);
  return ajv.errors ?? [];
};
const flat = (text: string) => text.replace(/\s+/g, ' ');

// The security posture report (ISO 22340 6.2.2.7) and the draft security plan (6.2.2.5) on the demo
// organisation, in every format, checked against what the API answers for the same questions.
describe('reports: security posture and draft security plan (demo organisation)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rampart-reports-'));
  const base = testConfig();
  const schedule = '0 6 * * MON plan pdf';
  const config = {
    ...base,
    reports: {
      ...base.reports,
      dir,
      schedules: [
        { cron: '0 6 * * MON', report: 'plan', format: 'pdf', clearance: 'TOP_SECRET', entry: schedule },
      ],
    },
  };
  let app: INestApplication;
  let http: TestAgent;
  let posture: any;
  let plan: any;
  let api: any;
  const get = (report: string, format: string, query = '') =>
    http.get(`/api/reports/${report}?format=${format}&asOf=${AS_OF}${query}`).buffer(true).parse(binary);
  const gql = async (query: string, variables: Record<string, unknown> = {}) => {
    const body = (await http.post('/graphql').send({ query, variables })).body;
    expect(body.errors).toBeUndefined();
    return body.data;
  };
  const text = async (report: string, format: string) => (await get(report, format)).body.toString('utf8');

  beforeAll(async () => {
    ({ app } = await startDemoApp(config));
    http = await signedIn(app);
    posture = JSON.parse(await text('posture', 'json'));
    plan = JSON.parse(await text('plan', 'json'));
    api = await gql(`{
      posture(asOf: "${AS_OF}") { assets criticalAssets uncoveredCriticalAssets exposedCriticalAssets
        singlePointsOfFailure commonModeFailures risksAboveTolerance findings }
      risks { threat { id } asset { id } level residualLikelihood consequence aboveTolerance treatment }
      findings(asOf: "${AS_OF}") { ruleId severity nodes { id } }
      coverageSummary(asOf: "${AS_OF}", criticalOnly: true) { assetId requiredDomains coveredDomains missingDomains }
      organization(id: "org-acme") { riskTolerance reviewIntervalDays }
    }`);
  }, 180_000);
  afterAll(async () => {
    await app?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  describe('security posture', () => {
    it('JSON validates against its documented schema and carries the API numbers', async () => {
      expect(validate('posture-report.schema.json', posture)).toEqual([]);
      expect(posture.summary).toMatchObject(api.posture);
      expect(posture.summary.riskTolerance).toBe(api.organization.riskTolerance);
      expect(posture.summary.risks).toBe(api.risks.length);
      expect(posture.riskMatrix.reduce((n: number, c: any) => n + c.count, 0)).toBe(api.risks.length);
      for (const level of ['low', 'medium', 'high', 'extreme']) {
        const row = posture.riskByLevel.find((r: any) => r.level === level);
        expect(row.residual).toBe(api.risks.filter((r: any) => r.level === level).length);
      }
      // Top risks: above tolerance first, each as the API assesses it.
      const above = api.risks.filter((r: any) => r.aboveTolerance).length;
      for (const [i, r] of posture.topRisks.entries()) {
        expect(r.aboveTolerance).toBe(i < above);
        const same = api.risks.find((x: any) => x.threat.id === r.threat.id && x.asset.id === r.asset.id);
        expect([r.level, r.residualLikelihood, r.consequence]).toEqual([
          same.level,
          same.residualLikelihood,
          same.consequence,
        ]);
      }
      // Findings grouped by rule add up to posture's count.
      const groups = posture.significantFindings;
      expect(groups.reduce((n: number, g: any) => n + g.count, 0)).toBe(api.posture.findings);
      expect(groups.find((g: any) => g.ruleId === 'PER-5')).toMatchObject({
        domain: 'governance',
        clause: '6.2.2.9',
      });
    });

    it('counts controls and coverage per domain as the entity lists and coverage do', async () => {
      for (const d of DOMAINS) {
        const row = posture.domains.find((x: any) => x.domain === d);
        const q = await gql(
          `query($d: String) {
            inForce: controls(filter: { domain: $d, organizationId: "org-acme", status: ["implemented", "degraded"] }, first: 1) { totalCount }
            planned: controls(filter: { domain: $d, organizationId: "org-acme", status: ["planned"] }, first: 1) { totalCount }
          }`,
          { d },
        );
        expect([d, row.inForce, row.controls.planned]).toEqual([
          d,
          q.inForce.totalCount,
          q.planned.totalCount,
        ]);
        const required = api.coverageSummary.filter((c: any) => c.requiredDomains.includes(d));
        expect(row.criticalRequired).toBe(required.length);
        expect(row.criticalCovered).toBe(required.filter((c: any) => c.coveredDomains.includes(d)).length);
        expect(row.maturity.level).toBeGreaterThanOrEqual(1);
        expect(row.maturity.level).toBeLessThanOrEqual(5);
        if (row.maturity.level < 5) expect(row.maturity.next.length).toBeGreaterThan(0);
      }
      // The demo has high-severity personnel findings (PER-1 a leaver with access): not Managed.
      const personnel = posture.domains.find((x: any) => x.domain === 'personnel');
      expect(personnel.findings.high).toBeGreaterThan(0);
      expect(personnel.maturity.level).toBeLessThanOrEqual(3);
    });

    it('third-party assurance: clauses, people and reach of each provider', async () => {
      const cleanco = posture.thirdParties.find((t: any) => t.provider.id === 'sp-cleanco');
      expect(cleanco.securityClauses).toBe(false);
      const per5 = api.findings.filter(
        (f: any) => f.ruleId === 'PER-5' && f.nodes.some((n: any) => n.id === 'sp-cleanco'),
      );
      expect(cleanco.findings).toBe(per5.length);
      expect(cleanco.findings).toBeGreaterThan(0);
      const people = await gql(
        `{ entity(id: "sp-cleanco") { ... on ServiceProvider { relationships(types: [MEMBER_OF], direction: IN) { node { id } } } } }`,
      );
      expect(cleanco.people).toBe(people.entity.relationships.length);
      const reach = await gql(
        `{ blastRadius(nodeIds: ["sp-cleanco"], mode: STRUCTURAL) { nodes { labels criticality } } }`,
      );
      expect(cleanco.criticalAssetsReachable).toBe(
        reach.blastRadius.nodes.filter((n: any) => n.labels.includes('Asset') && n.criticality >= 4).length,
      );
      const probable = await gql(`{ blastRadius(nodeIds: ["sp-cleanco"], mode: PROBABLE) { impactScore } }`);
      expect(cleanco.impactScore).toBeCloseTo(probable.blastRadius.impactScore, 9);
    });

    it('CSV has one row per domain with the documented columns', async () => {
      const rows = parse(await text('posture', 'csv'), { columns: true }) as Record<string, string>[];
      expect(Object.keys(rows[0])).toEqual(POSTURE_CSV_COLUMNS);
      expect(rows.map((r) => r.domain)).toEqual(DOMAINS);
      for (const r of rows) {
        const d = posture.domains.find((x: any) => x.domain === r.domain);
        expect([r.domain, Number(r.maturity_level), Number(r.in_force)]).toEqual([
          r.domain,
          d.maturity.level,
          d.inForce,
        ]);
      }
    });

    it('Markdown, HTML and PDF say the numbers, maturity and providers', async () => {
      const md = await text('posture', 'md');
      const html = await text('posture', 'html');
      const pdf = (await get('posture', 'pdf')).body as Buffer;
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      const pdfWords = flat(await pdfText(pdf));
      for (const doc of [md, html, pdfWords]) {
        expect(doc).toContain('Security posture');
        expect(doc).toContain('CleanCo Facilities');
        expect(doc).toContain(posture.topRisks[0].asset.name.replace(/&/g, doc === html ? '&amp;' : '&'));
        for (const d of posture.domains) expect(doc).toContain(d.maturity.label);
      }
      expect(html).toMatch(/<svg[\s\S]*<\/svg>/);
      expect(html).not.toMatch(/(src|href)="https?:/);
      expect(pdfWords).toContain('NEED-TO-KNOW');
    }, 120_000);
  });

  describe('draft security plan', () => {
    it('JSON validates and fills sections a-g from the graph', async () => {
      expect(validate('plan-report.schema.json', plan)).toEqual([]);
      expect(plan.organization).toEqual({ id: 'org-acme', name: 'Acme Water' });
      expect(plan.sections.map((s: any) => s.id)).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g']);
      // Two people hold the RSE role; Alice, on the board, is the RSE (GOV-3 flags Sofia).
      expect(plan.context.rse).toEqual({ id: 'p-alice', name: 'Alice Ng', kind: 'Person' });
      expect(plan.context.rseInTopManagement).toBe(true);
      expect(plan.context.topManagement.map((u: any) => u.id)).toEqual(['ou-board']);
      expect(plan.context.serviceProviders).toBe(5);
      expect(plan.risks).toMatchObject({
        criticalAssets: api.posture.criticalAssets,
        uncoveredCriticalAssets: api.posture.uncoveredCriticalAssets,
        exposedCriticalAssets: api.posture.exposedCriticalAssets,
      });
      expect(plan.risks.commonModeFailures).toHaveLength(api.posture.commonModeFailures);
      for (const m of plan.risks.missingDomains) {
        expect(m.criticalAssets).toBe(
          api.coverageSummary.filter((c: any) => c.missingDomains.includes(m.domain)).length,
        );
      }
      expect(plan.acceptance.tolerance).toBe('medium');
      expect(plan.acceptance.accepted).toHaveLength(
        api.risks.filter((r: any) => r.treatment === 'accept').length,
      );
      expect(plan.acceptance.untreatedAboveTolerance).toHaveLength(
        api.risks.filter((r: any) => r.aboveTolerance && !r.treatment).length,
      );
      expect(plan.culture.separatedWithAccess).toBe(
        api.findings.filter((f: any) => f.ruleId === 'PER-1').length,
      );
      expect(plan.response.responseForce).toEqual({
        timeSeconds: 300,
        stdDevSeconds: 60,
        communicationProbability: 0.95,
      });
      expect(plan.status).toMatchObject({
        state: 'draft',
        reviewIntervalDays: 365,
        nextReviewDue: '2027-11-23',
        schedules: [schedule],
      });
      expect(plan.controls.priorities.length).toBeGreaterThan(0);
      for (const s of ['a', 'e', 'g']) {
        expect(plan.sections.find((x: any) => x.id === s).toBeWritten.length).toBeGreaterThan(0);
      }
    });

    it('Markdown, HTML and PDF mark every part a person must write', async () => {
      const md = await text('plan', 'md');
      const html = await text('plan', 'html');
      const pdf = flat(await pdfText((await get('plan', 'pdf')).body as Buffer));
      for (const doc of [md, html, pdf]) {
        expect(doc).toContain('Draft security plan');
        expect(doc).toContain('Alice Ng');
        for (const s of plan.sections) {
          expect(doc).toContain(s.clause);
          for (const prompt of s.toBeWritten) {
            const words = prompt.split(/\s+/).slice(0, 4).join(' ');
            expect(doc).toContain(doc === html ? words.replace(/&/g, '&amp;').replace(/'/g, '&#39;') : words);
          }
        }
      }
      expect(html).not.toMatch(/(src|href)="https?:/);
    }, 120_000);

    it('CSV has one row per section with the documented columns', async () => {
      const rows = parse(await text('plan', 'csv'), { columns: true }) as Record<string, string>[];
      expect(Object.keys(rows[0])).toEqual(PLAN_CSV_COLUMNS);
      expect(rows.map((r) => r.section)).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g']);
      expect(rows[0].to_be_written).toContain(plan.sections[0].toBeWritten[0]);
    });

    it('the scheduled plan runs and writes its PDF', async () => {
      const { ReportScheduler } = await import('@rampart/reporting');
      const [file] = await app.get(ReportScheduler).runDue(new Date(2026, 10, 23, 6, 0)); // a Monday
      expect(path.basename(file)).toMatch(/^rampart-plan-\d{4}-\d{2}-\d{2}-\d{8}T\d{6}Z\.pdf$/);
      expect(fs.readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
    }, 120_000);

    it('is written for one organisation: an unknown one is 404, the plan names its organisation', async () => {
      const missing = await get('plan', 'json', '&organizationId=org-nowhere');
      expect(missing.status).toBe(404);
      expect(JSON.parse(missing.body.toString('utf8')).error.message).toContain('org-nowhere');
      const named = await get('plan', 'md', '&organizationId=org-acme');
      expect(named.status).toBe(200);
      expect(named.headers['content-disposition']).toBe(
        `attachment; filename="rampart-plan-org-acme-${AS_OF}.md"`,
      );
    });
  });
});
