import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import TestAgent from 'supertest/lib/agent';
import { signedIn } from '../support/test-app';
import { parse } from 'yaml';
import { GraphContext } from '@rampart/graph';
import { CsvImporter, Exporter, NativeImporter, formatIssue, readCsvSet } from '@rampart/interchange';
import { createApp } from '../../apps/api/src/bootstrap';
import { createLogger } from '../../apps/api/src/logging';
import { freshGraph, openGraph, testConfig } from '../support/test-graph';

const ROOT = path.resolve(__dirname, '../..');
const CSV = path.join(__dirname, '../fixtures/import/csv');
const VALID = path.join(CSV, 'valid');
const INVALID = path.join(CSV, 'invalid');
const CLI = path.join(ROOT, 'dist/apps/cli/src/main.js');
const rampart = (...args: string[]) =>
  spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, env: process.env, encoding: 'utf8' });

/** Every issue of the invalid set; the lines are those of test/fixtures/import/csv/invalid. */
const INVALID_ISSUES = [
  expect.stringMatching(
    /^people\.csv:1: favouriteColour: unknown column; the columns of people\.csv are id, name,/,
  ),
  expect.stringMatching(/^facilities\.csv:2: the row has 4 cells but the header has 3 columns/),
  'systems.csv:3: id: duplicate id "p-carol": already defined at people.csv:2',
  expect.stringMatching(/^controls\.csv:2: domains: "magic": expected one of governance, /),
  'controls.csv:2: effectiveness: expected a number from 0 to 1',
  'controls.csv:2: status: expected one of planned, implemented, degraded, failed, retired',
  'relationships.csv:2: to: "sys-missing" is not defined in this CSV set or in the graph',
  'relationships.csv:4: from: "p-zed" is not defined in this CSV set: the from of a MEMBER_OF row must be an entity of people.csv in the same set',
];

describe('CSV import on a real Neo4j', () => {
  const config = testConfig();
  let graph: GraphContext;
  let csv: CsvImporter;
  let native: NativeImporter;
  let exporter: Exporter;
  const snapshot = () => graph.exports.snapshot({});
  const exportYaml = async () => (await exporter.export('yaml', {})).body;

  /** A graph holding the organisation of valid.yaml only (the invalid set refers to it). */
  const freshHarbour = async () => {
    await freshGraph(graph);
    const r = await native.importText('valid.yaml', fs.readFileSync(path.join(CSV, 'valid.yaml'), 'utf8'));
    if (!r.ok) throw new Error(r.issues.map(formatIssue).join('\n'));
  };

  beforeAll(async () => {
    graph = await openGraph(config);
    native = new NativeImporter(graph);
    csv = new CsvImporter(native);
    exporter = new Exporter(graph);
  });
  afterAll(() => graph.close());

  describe('importer', () => {
    beforeEach(() => freshGraph(graph));

    it('imports a set, and importing it again changes nothing', async () => {
      const first = await csv.importPaths([VALID], { now: '2026-01-01T00:00:00.000Z' });
      expect(first.issues).toEqual([]);
      expect(first).toMatchObject({
        ok: true,
        file: 'valid',
        source: 'csv:valid',
        organizationId: 'org-harbour',
      });
      expect(first.entities).toBe(21); // the organisation and 20 entities
      expect(first.counts).toMatchObject({ created: 21, changed: 21, relationshipsDeleted: 0 });
      const before = await snapshot();
      const again = await csv.importPaths([VALID], { now: '2026-06-01T00:00:00.000Z' });
      expect(again.counts).toMatchObject({ created: 0, changed: 0, relationshipsDeleted: 0, pruned: 0 });
      expect(await snapshot()).toEqual(before);
    });

    it('gives the same organisation as the native YAML file that states the same', async () => {
      expect((await csv.importPaths([VALID])).issues).toEqual([]);
      const fromCsv = await exportYaml();
      await freshGraph(graph);
      const yaml = await native.importText(
        'valid.yaml',
        fs.readFileSync(path.join(CSV, 'valid.yaml'), 'utf8'),
      );
      expect(yaml.issues).toEqual([]);
      expect(fromCsv).toBe(await exportYaml());
      const doc = parse(fromCsv);
      expect(doc.people.find((p: { id: string }) => p.id === 'p-ben')).toMatchObject({
        name: 'Ortiz, Ben',
        description: 'Night shift supervisor;\r\nholds the "master" key',
        access: [
          { to: 'sys-tos', mode: 'admin' },
          { to: 'sys-tos', mode: 'write', justification: 'operator', until: '2026-12-31' },
        ],
      });
      expect(doc.controls.find((c: { id: string }) => c.id === 'ctl-fence').responsible).toEqual([
        'p-ann',
        'p-ben',
      ]);
    });

    it('reads the same set from a list of .csv files, and validates on a dry run without writing', async () => {
      const files = fs.readdirSync(VALID).map((f) => path.join(VALID, f));
      const dry = await csv.importPaths(files, { dryRun: true });
      expect(dry).toMatchObject({ ok: true, dryRun: true, file: 'valid', entities: 21 });
      expect(dry.counts).toBeUndefined();
      expect(await graph.health.isEmpty()).toBe(true);
    });

    it('imports the example set of examples/csv', async () => {
      const report = await csv.importPaths([path.join(ROOT, 'examples/csv')]);
      expect(report.issues).toEqual([]);
      expect(report.counts?.created).toBeGreaterThan(5);
    });
  });

  describe('invalid set', () => {
    beforeEach(() => freshHarbour());

    it('reports every error of every file with file and line, and leaves the graph unchanged', async () => {
      const before = await snapshot();
      const report = await csv.importPaths([INVALID]);
      expect(report.ok).toBe(false);
      expect(report.counts).toBeUndefined();
      expect(report.issues.map(formatIssue)).toEqual(INVALID_ISSUES);
      expect(await snapshot()).toEqual(before);
    });

    it('the rest of a set adds to the only organisation, and prune keeps to its source', async () => {
      const set = readCsvSet([INVALID]);
      const systems = set.files.filter((f) => f.name === 'systems.csv');
      systems[0].text = 'id,name,kind,hostedIn\nsys-new,New system,ict,fac-dc\n';
      const report = await csv.importSet('extra', systems);
      expect(report).toMatchObject({ ok: true, organizationId: 'org-harbour', source: 'csv:extra' });
      expect(report.counts).toMatchObject({ created: 1, relationships: 1 });
      const pruned = await csv.importSet('extra', [{ name: 'systems.csv', text: 'id,name\n' }], {
        prune: true,
      });
      expect(pruned.counts?.pruned).toBe(1);
      expect(parse(await exportYaml()).systems.map((s: { id: string }) => s.id)).toContain('sys-web');
    });
  });

  describe('CLI', () => {
    beforeAll(() => {
      if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build first (npm test does).`);
    });
    beforeEach(() => freshGraph(graph));

    it('import <dir> imports a set in one go; again, nothing changes', () => {
      const first = rampart('import', VALID);
      expect(first.stderr).toContain(
        'valid (organisation org-harbour, source csv:valid): entities: 21 created, 0 updated, 0 unchanged',
      );
      expect(first.status).toBe(0);
      const again = rampart('import', ...fs.readdirSync(VALID).map((f) => path.join(VALID, f)));
      expect(again.status).toBe(0);
      expect(again.stderr).toContain('entities: 0 created, 0 updated, 21 unchanged, 0 deleted');
    });

    it('validate <dir> lists every problem with file and line, and exits 1', async () => {
      await freshHarbour();
      const r = rampart('validate', INVALID);
      expect(r.status).toBe(1);
      expect(r.stderr).toContain(`invalid: ${INVALID_ISSUES.length} problems; nothing was written:`);
      expect(r.stderr).toContain(
        '  systems.csv:3: id: duplicate id "p-carol": already defined at people.csv:2',
      );
      expect(r.stderr).toContain(
        '  relationships.csv:2: to: "sys-missing" is not defined in this CSV set or in the graph',
      );
    });
  });

  describe('REST multipart', () => {
    let app: INestApplication;
    let api: TestAgent;
    const attachAll = (req: request.Test, dir: string) =>
      fs.readdirSync(dir).reduce((r, f) => r.attach('files', path.join(dir, f)), req);

    beforeAll(async () => {
      app = await createApp({
        config: { ...config, importBodyLimit: '20kb' },
        graph,
        logger: createLogger({ logLevel: 'silent' }),
      });
      await app.init();
      api = await signedIn(app);
    });
    afterAll(() => app.close());
    beforeEach(() => freshGraph(graph));

    it('imports one part per CSV file as one set; 200 with the report', async () => {
      const res = await attachAll(api.post('/api/import?filename=harbour'), VALID).expect(200);
      expect(res.body).toMatchObject({
        ok: true,
        file: 'harbour',
        source: 'csv:harbour',
        organizationId: 'org-harbour',
        counts: { created: 21 },
      });
      const again = await attachAll(api.post('/api/import?filename=harbour'), VALID).expect(200);
      expect(again.body.counts).toMatchObject({ created: 0, changed: 0 });
    });

    it('answers 422 with every issue, each with file and line; nothing is written', async () => {
      await freshHarbour();
      const before = await snapshot();
      const res = await attachAll(api.post('/api/import?source=api'), INVALID).expect(422);
      expect(res.body.ok).toBe(false);
      expect(res.body.issues).toHaveLength(INVALID_ISSUES.length);
      expect(res.body.issues).toContainEqual({
        file: 'relationships.csv',
        path: 'to',
        line: 2,
        message: '"sys-missing" is not defined in this CSV set or in the graph',
      });
      expect(await snapshot()).toEqual(before);
    });

    it('keeps the import body limit, and refuses a multipart body without files', async () => {
      const big = `id,name\n${Array.from({ length: 2000 }, (_, i) => `ou-${i},Unit ${i}`).join('\n')}\n`;
      const res = await api
        .post('/api/import')
        .attach('files', Buffer.from(big), 'org-units.csv')
        .expect(413);
      expect(res.body.error.message).toMatch(/larger than the limit of 20kb/);
      const none = await api.post('/api/import').field('x', '1').expect(400);
      expect(none.body.error.message).toMatch(/one file part each/);
    });
  });
});
