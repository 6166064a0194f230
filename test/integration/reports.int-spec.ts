/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are untyped JSON */
import { INestApplication } from '@nestjs/common';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'csv-parse/sync';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import TestAgent from 'supertest/lib/agent';
import { UNCOVERED_CSV_COLUMNS } from '@rampart/reports';
import { ReportScheduler } from '@rampart/reporting';
import { pdfText } from '../support/pdf-text';
import { startDemoApp, signedIn } from '../support/test-app';
import { testConfig } from '../support/test-graph';

const AS_OF = '2026-11-23';
const sha256 = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');
const binary = (res: any, cb: (e: Error | null, b: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

// Every format of the uncovered critical assets report on the demo organisation, checked against
// what the API answers for the same question.
describe('reports: uncovered critical assets (demo organisation)', () => {
  // Under a dot-folder, as the default .data/reports is (a static file sender refuses those).
  const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'rampart-reports-')), '.data', 'reports');
  const base = testConfig();
  const config = {
    ...base,
    reports: {
      ...base.reports,
      dir,
      schedules: [
        {
          cron: '0 6 * * *',
          report: 'uncovered',
          format: 'json',
          clearance: 'TOP_SECRET',
          entry: '0 6 * * * uncovered json',
        },
      ],
    },
  };
  let app: INestApplication;
  let api: TestAgent;
  let json: any;
  let posture: any;
  const get = (format: string) =>
    api.get(`/api/reports/uncovered?format=${format}&asOf=${AS_OF}`).buffer(true).parse(binary);
  const gql = async (query: string, variables: Record<string, unknown> = {}) =>
    (await api.post('/graphql').send({ query, variables })).body as {
      data?: any;
      errors?: any[];
    };

  beforeAll(async () => {
    ({ app } = await startDemoApp(config));
    api = await signedIn(app);
    const res = await get('json');
    expect(res.status).toBe(200);
    json = JSON.parse((res.body as Buffer).toString('utf8'));
    const p =
      await gql(`{ posture(asOf: "${AS_OF}") { assets criticalAssets uncoveredCriticalAssets exposedCriticalAssets
      singlePointsOfFailure commonModeFailures risksAboveTolerance findings uncovered { asset { id } reasons } } }`);
    expect(p.errors).toBeUndefined();
    posture = p.data.posture;
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    fs.rmSync(path.dirname(path.dirname(dir)), { recursive: true, force: true });
  });

  it('JSON validates against its documented schema and carries the API numbers', async () => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    const schema = JSON.parse(
      fs.readFileSync(path.join(__dirname, '../../docs/schemas/uncovered-report.schema.json'), 'utf8'),
    );
    const valid = ajv.validate(schema, json);
    expect(ajv.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    const { uncovered, ...numbers } = posture;
    expect(json.summary).toMatchObject(numbers);
    expect(json.summary.criticalAssets).toBe(69);
    expect(json.uncovered.map((u: any) => u.asset.id).sort()).toEqual(
      uncovered.map((u: any) => u.asset.id).sort(),
    );
    expect(json.heatmap).toHaveLength(69);
    const summary = await gql(`{ coverageSummary(asOf: "${AS_OF}", criticalOnly: true) { assetId } }`);
    expect(json.heatmap.map((h: any) => h.asset.id)).toEqual(
      summary.data.coverageSummary.map((c: any) => c.assetId),
    );
    expect(json.riskMatrix.reduce((n: number, c: any) => n + c.count, 0)).toBe(
      (await gql('{ risks { threat { id } } }')).data.risks.length,
    );
    // Exposed assets come first; each carries the most likely path the API gives.
    const first = json.uncovered[0];
    expect(first.threats.some((t: any) => t.depth === 0)).toBe(true);
    const t = first.threats[0];
    const paths = await gql(
      `query($t: ID!, $a: ID!) { attackPaths(threatId: $t, assetId: $a, k: 1) { paths { probability nodes { name } } } }`,
      {
        t: t.threat.id,
        a: first.asset.id,
      },
    );
    expect(t.probability).toBe(paths.data.attackPaths.paths[0].probability);
    expect(t.path).toEqual(paths.data.attackPaths.paths[0].nodes.map((n: any) => n.name));
    expect(first.actions[0]).toMatch(/^Close the open way in for /);
    // The plant designs have no owner (GOV-1): said, and the action to appoint one.
    const intranet = json.uncovered.find((u: any) => u.asset.id === 'inf-plant-designs');
    expect(intranet.owner).toBeNull();
    expect(intranet.reasons).toContain('no owner');
    expect(intranet.actions).toContain('Appoint an owner (governance).');
    expect(intranet.findings.map((f: any) => f.ruleId)).toContain('GOV-1');
  });

  it('CSV parses with the documented columns, one row per uncovered asset', async () => {
    const res = await get('csv');
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const rows = parse((res.body as Buffer).toString('utf8'), { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0])).toEqual(UNCOVERED_CSV_COLUMNS);
    expect(rows).toHaveLength(json.uncovered.length);
    expect(rows.map((r) => r.asset_id)).toEqual(json.uncovered.map((u: any) => u.asset.id));
    const intranet = rows.find((r) => r.asset_id === 'inf-plant-designs')!;
    expect(intranet.owner).toBe('');
    expect(intranet.reasons).toContain('no owner');
  });

  it('Markdown and self-contained HTML say the numbers and name the assets', async () => {
    const phrase = `${json.summary.uncoveredCriticalAssets} of ${json.summary.criticalAssets} critical assets are uncovered`;
    const md = (await get('md')).body.toString('utf8');
    expect(md).toContain('# Uncovered critical assets');
    expect(md).toContain(phrase);
    const html = (await get('html')).body.toString('utf8');
    expect(html).toContain(phrase);
    expect(html).toMatch(/<svg[\s\S]*<\/svg>/);
    expect(html).not.toMatch(/(src|href)="https?:/);
    for (const u of json.uncovered.slice(0, 5)) {
      const escaped = u.asset.name.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/'/g, '&#39;');
      expect(md).toContain(u.asset.name.replace(/([\\`*_{}[\]()#+\-.!|])/g, '\\$1').slice(0, 3));
      expect(html).toContain(escaped);
    }
  });

  it('PDF (headless chromium) has the same numbers and names in its text', async () => {
    const res = await get('pdf');
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="rampart-uncovered-${AS_OF}.pdf"`);
    const pdf = res.body as Buffer;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = (await pdfText(pdf)).replace(/\s+/g, ' ');
    expect(text).toContain(
      `${json.summary.uncoveredCriticalAssets} of ${json.summary.criticalAssets} critical assets are uncovered`,
    );
    for (const u of json.uncovered.slice(0, 3)) expect(text).toContain(u.asset.name);
    expect(text).toContain('NEED-TO-KNOW');
    expect(res.headers['x-report-sha256']).toBe(sha256(pdf));
  }, 120_000);

  it('records every generation with time, parameters and SHA-256', async () => {
    const res = await api.get('/api/reports?report=uncovered&first=10');
    expect(res.status).toBe(200);
    const formats = res.body.map((r: any) => r.format);
    expect(formats).toEqual(expect.arrayContaining(['json', 'csv', 'md', 'html', 'pdf']));
    const pdfRun = res.body.find((r: any) => r.format === 'pdf');
    expect(pdfRun).toMatchObject({
      report: 'uncovered',
      trigger: 'api',
      parameters: { asOf: AS_OF, organizationId: null },
    });
    expect(pdfRun.sha256).toMatch(/^[0-9a-f]{64}$/);
    // The records are bookkeeping: not part of the organisation's export.
    const exported = await api.get('/api/export?format=json');
    expect(JSON.stringify(exported.body)).not.toContain('ReportRun');
  });

  it.each(['md', 'html', 'pdf', 'csv', 'json'])(
    'generateReport writes %s into the reports directory; it downloads with its recorded hash, no server path shown',
    async (format) => {
      const r = await gql(
        `mutation { generateReport(report: "uncovered", format: "${format}", asOf: "${AS_OF}") { id file sha256 bytes downloadPath trigger } }`,
      );
      expect(r.errors).toBeUndefined();
      const run = r.data.generateReport;
      expect(run.file).toMatch(new RegExp(`^rampart-uncovered-${AS_OF}-\\d{8}T\\d{6}Z\\.${format}$`));
      const bytes = fs.readFileSync(path.join(dir, run.file));
      expect(sha256(bytes)).toBe(run.sha256);
      const dl = await api.get(run.downloadPath).buffer(true).parse(binary);
      expect(dl.status).toBe(200);
      expect(sha256(dl.body)).toBe(run.sha256);
      const runs = await gql('{ reportRuns(first: 1) { id file } }');
      expect(runs.data.reportRuns[0]).toEqual({ id: run.id, file: run.file });
      const rest = await api.get('/api/reports?first=50').expect(200);
      expect(rest.text).not.toContain(dir);
      expect(JSON.stringify(runs)).not.toContain(dir);
    },
  );

  it('a scheduled run writes its file and is recorded as such', async () => {
    const scheduler = app.get(ReportScheduler);
    expect(await scheduler.runDue(new Date(2026, 10, 23, 6, 1))).toEqual([]); // 06:01: not due
    const [file] = await scheduler.runDue(new Date(2026, 10, 23, 6, 0));
    expect(path.dirname(file)).toBe(dir);
    const name = path.basename(file);
    const written = JSON.parse(fs.readFileSync(file, 'utf8'));
    expect(written.report).toBe('uncovered');
    expect(written.summary).toEqual(expect.objectContaining({ criticalAssets: 69 }));
    // Runs of other suites (the scheduled plan) share the database: this report's only.
    const runs = await gql('{ reportRuns(report: "uncovered", first: 1000) { trigger file generatedAt } }');
    // Names no longer tell directories apart: earlier runs on a reused database may repeat it.
    expect(runs.data.reportRuns.filter((r: any) => r.trigger === 'schedule')).toContainEqual({
      trigger: 'schedule',
      file: name,
      generatedAt: new Date(2026, 10, 23, 6, 0).toISOString(),
    });
    expect(scheduler.next(new Date(2026, 10, 23, 7, 0))[0].at).toEqual(new Date(2026, 10, 24, 6, 0));
  });

  it('refuses unknown reports, formats and file names clearly', async () => {
    const name = await api.get('/api/reports/everything?format=pdf');
    expect(name.status).toBe(400);
    expect(name.body.error.message).toContain('Unknown report "everything"; the reports are uncovered');
    const format = await api.get('/api/reports/uncovered?format=docx');
    expect(format.status).toBe(400);
    expect(format.body.error.message).toContain('the formats are md, html, pdf, csv, json');
    const sneaky = await api.get('/api/report-files/..%2F..%2Fetc%2Fpasswd');
    expect(sneaky.status).toBe(404);
  });
});
