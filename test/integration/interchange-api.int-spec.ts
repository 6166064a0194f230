import * as fs from 'node:fs';
import * as path from 'node:path';
import { INestApplication } from '@nestjs/common';
import TestAgent from 'supertest/lib/agent';
import { signedIn } from '../support/test-app';
import { parse } from 'yaml';
import { GraphContext, Q } from '@rampart/graph';
import { CSV_FILE_NAMES, CsvImporter, NativeImporter, toCsvSet } from '@rampart/interchange';
import { createApp } from '../../apps/api/src/bootstrap';
import { createLogger } from '../../apps/api/src/logging';
import { freshDemo, freshGraph, openGraph, testConfig } from '../support/test-graph';
import { binaryBody, zipTexts } from '../support/zip-entries';

const FIXTURES = path.join(__dirname, '../fixtures/import');
const ALL_PATTERNS = {
  label: 'AttackPattern',
  exclude: [],
  organizationId: null,
  organizationIds: null,
  source: null,
  search: null,
  filters: [],
  hidden: [],
};

describe('REST import and export', () => {
  const config = testConfig();
  let graph: GraphContext;
  let app: INestApplication;
  let api: TestAgent;

  beforeAll(async () => {
    graph = await openGraph(config);
    app = await createApp({ config, graph, logger: createLogger({ logLevel: 'silent' }) });
    await app.init();
    api = await signedIn(app);
  });
  beforeEach(() => freshDemo(graph, config));
  afterAll(() => app.close());

  it('validates on a dry run without writing', async () => {
    const body = fs.readFileSync(path.join(FIXTURES, 'extra-system.yaml'), 'utf8');
    const res = await api
      .post('/api/import?dryRun=true&filename=extra-system.yaml')
      .set('content-type', 'application/yaml')
      .send(body)
      .expect(200);
    expect(res.body).toMatchObject({ ok: true, dryRun: true, entities: 2, organizationId: 'org-acme' });
    expect(res.body.counts).toBeUndefined();
    const exported = await api.get('/api/export?format=json').expect(200);
    expect(exported.body.systems.map((s: { id: string }) => s.id)).not.toContain('sys-extra');
  });

  it('imports a JSON body and reports counts', async () => {
    const doc = {
      format: 'rampart/v1',
      assets: [{ id: 'ast-json', name: 'From JSON', hostedIn: 'fac-plant' }],
    };
    const res = await api
      .post('/api/import?source=api-test')
      .set('content-type', 'application/json')
      .send(JSON.stringify(doc))
      .expect(200);
    expect(res.body).toMatchObject({
      ok: true,
      source: 'api-test',
      counts: { created: 1, relationships: 1 },
    });
  });

  it('answers 422 with every issue, path and line, for an invalid file', async () => {
    const body = fs.readFileSync(path.join(FIXTURES, 'broken.yaml'), 'utf8');
    const res = await api
      .post('/api/import?filename=broken.yaml')
      .set('content-type', 'text/yaml')
      .send(body)
      .expect(422);
    expect(res.body.ok).toBe(false);
    expect(res.body.issues.length).toBeGreaterThanOrEqual(7);
    expect(res.body.issues[0]).toEqual(
      expect.objectContaining({ file: 'broken.yaml', line: expect.any(Number), path: expect.any(String) }),
    );
  });

  it('imports a STIX bundle into the threat library, and validates one on a dry run', async () => {
    const ics = fs.readFileSync(
      path.resolve(__dirname, '../../../shared/data/mitre/ics-attack.json'),
      'utf8',
    );
    const post = (query: string) =>
      api
        .post(`/api/import?filename=ics-attack.json${query}`)
        .set('content-type', 'application/json')
        .send(ics)
        .expect(200);
    const dry = await post('&dryRun=true');
    expect(dry.body).toMatchObject({
      catalogue: 'attack-ics',
      dryRun: true,
      attackPatterns: 83,
      threats: 14,
    });
    expect(dry.body.counts).toBeUndefined();
    const count = async () =>
      (await graph.executor.executeRead(Q.entityCount, { ...ALL_PATTERNS })).map((r) => r.total)[0];
    expect(await count()).toBe(0);
    const done = await post('');
    expect(done.body).toMatchObject({ source: 'stix:attack-ics', counts: { created: 83 + 52 + 14 } });
    expect(await count()).toBe(83);
  });

  it('refuses an empty body clearly', async () => {
    const res = await api.post('/api/import').set('content-type', 'text/yaml').send('').expect(400);
    expect(res.body.error.message).toMatch(/body must be the organisation file/);
  });

  it('exports each format with its content type and a file name', async () => {
    const yaml = await api.get('/api/export').expect(200);
    expect(yaml.headers['content-type']).toMatch(/^application\/yaml/);
    expect(yaml.headers['content-disposition']).toMatch(/attachment; filename="org-acme\.yaml"/);
    expect(parse(yaml.text).organization.id).toBe('org-acme');
    const graphml = await api.get('/api/export?format=graphml').expect(200);
    expect(graphml.headers['content-type']).toMatch(/graphml/);
    const bad = await api.get('/api/export?format=pdf').expect(400);
    expect(bad.body.error.message).toMatch(/format must be one of yaml, json, cytoscape, graphml, csv/);
    await api.get('/api/export?organizationId=org-none').expect(404);
  });

  it('exports the CSV set as one ZIP download, which imports back to the same organisation', async () => {
    const native = await api.get('/api/export?format=json').expect(200);
    const res = await api.get('/api/export?format=csv').buffer(true).parse(binaryBody).expect(200);
    expect(res.headers['content-type']).toBe('application/zip');
    expect(res.headers['content-disposition']).toBe('attachment; filename="org-acme.csv.zip"');
    const files = zipTexts(res.body as Buffer);
    expect(files.map((f) => f.name)).toEqual(CSV_FILE_NAMES.filter((n) => files.some((f) => f.name === n)));
    expect(files.map((f) => f.name)).toEqual(
      expect.arrayContaining(['organization.csv', 'people.csv', 'systems.csv', 'relationships.csv']),
    );
    expect(files).toEqual(toCsvSet(native.body).map((f) => ({ name: f.name, text: f.text })));

    // Round trip: the set into an empty graph, exported again, is the native export of before.
    await freshGraph(graph);
    const report = await new CsvImporter(new NativeImporter(graph)).importSet('org-acme', files);
    expect(report.issues).toEqual([]);
    expect(report.ok).toBe(true);
    const again = await api.get('/api/export?format=json').expect(200);
    expect(again.text).toBe(native.text);
    const zipAgain = await api.get('/api/export?format=csv').buffer(true).parse(binaryBody).expect(200);
    expect((zipAgain.body as Buffer).equals(res.body as Buffer)).toBe(true);
  });
});
