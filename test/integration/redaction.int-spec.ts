import { INestApplication } from '@nestjs/common';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { maySee } from '@rampart/auth';
import { GraphContext } from '@rampart/graph';
import { GraphQLSchema } from 'graphql';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import TestAgent from 'supertest/lib/agent';
import { ReportsService } from '@rampart/reporting';
import { everythingQuery, queryFields } from '../support/full-selection';
import { numbers } from '../support/redaction-checks';
import { authed, signInAs, startDemoApp } from '../support/test-app';
import { testConfig } from '../support/test-graph';
import { binaryBody, zipTexts } from '../support/zip-entries';

type Json = Record<string, unknown>;

// Every query of the schema with arguments that reach restricted nodes on the demo (once the
// identity provider and the top weakest link are SECRET). Lists ask for 100.
const ARGS: Record<string, string> = {
  attackPaths: '(threatId: "thr-crime", assetId: "sys-crm", k: 10)',
  securityDepth: '(threatId: "thr-crime", assetId: "sys-crm")',
  interruption: '(threatId: "thr-crime", assetId: "sys-crm")',
  blastRadius: '(nodeIds: ["sp-cloudnova", "p-alice"], mode: PROBABLE, threshold: 0)',
  exposure: '(assetId: "sys-crm", threshold: 0)',
  coverage: '(assetId: "sys-crm")',
  entity: '(id: "sys-crm")',
  organization: '(id: "org-acme")',
  weakestLinks: '(limit: 500)',
  threatTargets: '(threatId: "thr-crime", first: 500)',
};
/** Results computed over the whole graph: an OFFICIAL reader gets every number an admin gets. */
const ANALYTICS = [
  'attackPaths',
  'securityDepth',
  'interruption',
  'blastRadius',
  'exposure',
  'coverage',
  'coverageSummary',
  'findings',
  'risks',
  'weakestLinks',
  'posture',
];
/** Not about the organisation graph, or the caller's own records. */
const SKIPPED = ['me', 'users', 'findingRules', 'reportRuns'];

describe('need-to-know redaction (OFFICIAL reader, SECRET nodes)', () => {
  const config = testConfig();
  config.reports.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rampart-redaction-'));
  // "Everything" selections are far beyond what a client should ask; the limits are not under test.
  config.guards = {
    ...config.guards,
    graphqlMaxComplexity: 1e12,
    graphqlMaxDepth: 30,
    graphqlMaxCost: 1e12,
    graphqlMaxAliases: 1e6,
    graphqlMaxTokens: 1e6,
  };
  let app: INestApplication;
  let graph: GraphContext;
  let admin: TestAgent;
  let official: TestAgent;
  let schema: GraphQLSchema;
  /** Ids and names an OFFICIAL reader must never receive. */
  let hidden: { id: string; name: string }[];

  const gql = async (agent: TestAgent, query: string) => {
    const res = await agent.post('/graphql').send({ query });
    return { status: res.status, text: res.text, body: res.body as { data?: Json; errors?: Json[] } };
  };
  const leaks = (bytes: string) => hidden.flatMap((h) => [h.id, h.name]).filter((s) => bytes.includes(s));
  const queryOf = (field: string) => everythingQuery(schema, field, ARGS);

  beforeAll(async () => {
    ({ app, graph } = await startDemoApp(config));
    // Suites share the database: records of other suites' organisations would be other data here.
    await graph.audit.deleteAll();
    schema = app.get(GraphQLSchemaHost).schema;
    admin = authed(app, (await signInAs(app, 'admin')).accessToken);
    official = authed(app, (await signInAs(app, 'rse', { clearance: 'OFFICIAL' })).accessToken);
    // Make the restricted nodes matter: the identity provider behind everything, the top weakest link.
    const top = await gql(admin, '{ weakestLinks(limit: 1) { control { id } } }');
    const control = (top.body.data!.weakestLinks as { control: { id: string } }[])[0].control.id;
    for (const id of ['sys-idp', control]) {
      const r = await gql(
        admin,
        `mutation { updateEntity(id: "${id}", set: {classification: "SECRET"}) { id } }`,
      );
      expect(r.body.errors).toBeUndefined();
    }
    const { nodes } = await graph.analytics.classifiedNodes();
    hidden = nodes.filter((n) => !maySee('OFFICIAL', n.classification, n.levels));
    expect(hidden.map((h) => h.id)).toEqual(expect.arrayContaining(['sys-idp', control, 'inf-payroll']));
  }, 120_000);

  afterAll(async () => {
    await graph.users.deleteAll();
    await graph.audit.deleteAll();
    await app?.close();
    fs.rmSync(config.reports.dir, { recursive: true, force: true });
  });

  it('answers every query with no restricted id or name, and the numbers an admin gets', async () => {
    const seenByAdmin: string[] = [];
    for (const field of queryFields(schema, SKIPPED)) {
      const query = queryOf(field);
      const [a, o] = [await gql(admin, query), await gql(official, query)];
      expect({ field, errors: a.body.errors }).toEqual({ field, errors: undefined });
      expect({ field, errors: o.body.errors }).toEqual({ field, errors: undefined });
      expect({ field, leaks: leaks(o.text) }).toEqual({ field, leaks: [] });
      if (leaks(a.text).length) seenByAdmin.push(field);
      if (ANALYTICS.includes(field)) {
        expect({ field, numbers: numbers(o.body.data) }).toEqual({ field, numbers: numbers(a.body.data) });
      }
    }
    // The check above is not vacuous: the admin's answers do name restricted nodes.
    expect(seenByAdmin).toEqual(
      expect.arrayContaining(['attackPaths', 'securityDepth', 'weakestLinks', 'findings']),
    );
  }, 300_000);

  it('shows a restricted node in a path as a placeholder: label, stand-in id, numbers', async () => {
    const r = await gql(official, queryOf('weakestLinks'));
    const links = r.body.data!.weakestLinks as { control: Json }[];
    const placeholder = links.map((l) => l.control).find((c) => c.name === 'restricted');
    expect(placeholder).toMatchObject({
      name: 'restricted',
      id: expect.stringMatching(/^restricted-[0-9a-f]{16}$/),
    });
    const depth = await gql(official, queryOf('securityDepth'));
    expect(depth.text).toMatch(
      /"id":"restricted-[0-9a-f]{16}","kind":"DEPENDENCY","name":"restricted","restricted":true/,
    );
  });

  it('answers a restricted id exactly as an id that does not exist', async () => {
    const pairs = [
      ['{ entity(id: "%") { id name } }', 'query'],
      ['{ coverage(assetId: "%") { score } }', 'query'],
      ['{ blastRadius(nodeIds: ["%"]) { impactScore nodes { id } } }', 'query'],
      ['{ attackPaths(threatId: "thr-crime", assetId: "%") { paths { probability } } }', 'query'],
      ['mutation { updateEntity(id: "%", set: {description: "x"}) { id } }', 'mutation'],
      ['mutation { deleteEntity(id: "%") { id } }', 'mutation'],
    ];
    for (const [template] of pairs) {
      const restricted = await gql(official, template.replace('%', 'sys-idp'));
      const missing = await gql(official, template.replace('%', 'sys-nowhere'));
      expect({
        template,
        status: restricted.status,
        body: restricted.text.replace(/sys-idp/g, 'ID'),
      }).toEqual({
        template,
        status: missing.status,
        body: missing.text.replace(/sys-nowhere/g, 'ID'),
      });
    }
  });

  it('leaves restricted entities out of lists and their counts', async () => {
    const a = await gql(admin, '{ systems(first: 500) { totalCount edges { node { id } } } }');
    const o = await gql(official, '{ systems(first: 500) { totalCount edges { node { id } } } }');
    const count = (r: typeof a) => (r.body.data!.systems as { totalCount: number }).totalCount;
    expect(count(o)).toBe(count(a) - hidden.filter((h) => h.id.startsWith('sys-')).length);
    expect(leaks(o.text)).toEqual([]);
  });

  it.each(['yaml', 'json', 'cytoscape', 'graphml', 'csv'])(
    'exports %s with placeholders, counting every entity',
    async (format) => {
      // A CSV set comes zipped: the bytes to check are the texts of its files.
      const get = async (agent: TestAgent) => {
        const req = agent.get(`/api/export?format=${format}`);
        if (format !== 'csv') return req;
        const res = await req.buffer(true).parse(binaryBody);
        expect({ status: res.status, body: res.status === 200 ? '' : String(res.body) }).toEqual({
          status: 200,
          body: '',
        });
        const files = zipTexts(res.body as Buffer);
        expect(files.map((f) => f.name)).toContain('relationships.csv');
        return Object.assign(res, { text: files.map((f) => `${f.name}\n${f.text}`).join('\n') });
      };
      const [a, o] = [await get(admin), await get(official)];
      expect(o.status).toBe(200);
      expect(leaks(a.text).length).toBeGreaterThan(0);
      expect(leaks(o.text)).toEqual([]);
      expect(o.headers['content-disposition']).toBe(a.headers['content-disposition']);
      const entries = (t: string) => (t.match(/restricted-[0-9a-f]{16}/g) ?? []).length;
      expect(entries(o.text)).toBeGreaterThan(0);
      if (format === 'cytoscape') {
        const elements = (t: string) =>
          (JSON.parse(t) as { elements: unknown[] | { nodes: unknown[]; edges: unknown[] } }).elements;
        expect(JSON.stringify(elements(o.text)).length).toBeGreaterThan(0);
        const size = (e: ReturnType<typeof elements>) =>
          Array.isArray(e) ? e.length : e.nodes.length + e.edges.length;
        expect(size(elements(o.text))).toBe(size(elements(a.text)));
      }
    },
  );

  it.each(['uncovered', 'posture', 'plan'].flatMap((r) => ['md', 'html', 'csv', 'json'].map((f) => [r, f])))(
    'reports %s as %s with no restricted id or name',
    async (report, format) => {
      const o = await official.get(`/api/reports/${report}?format=${format}&asOf=2026-11-23`);
      expect(o.status).toBe(200);
      expect(leaks(o.text)).toEqual([]);
      if (format === 'json') {
        const a = await admin.get(`/api/reports/${report}?format=${format}&asOf=2026-11-23`);
        const strip = (t: string) => numbers(JSON.parse(t, (k, v) => (k === 'generatedAt' ? undefined : v)));
        expect(strip(o.text)).toEqual(strip(a.text));
      }
    },
    120_000,
  );

  it('prints PDF reports from redacted facts', async () => {
    // PDF text is compressed glyph runs: what the renderer is handed is what is checked.
    const printed: string[] = [];
    const proto = ReportsService.prototype as unknown as {
      render: (data: unknown, format: string) => Promise<Buffer>;
    };
    const spy = jest.spyOn(proto, 'render').mockImplementation(async (data, format) => {
      printed.push(`${format} ${JSON.stringify(data)}`);
      return Buffer.from('%PDF-1.4 test');
    });
    try {
      for (const report of ['uncovered', 'posture', 'plan']) {
        expect((await official.get(`/api/reports/${report}?format=pdf&asOf=2026-11-23`)).status).toBe(200);
      }
    } finally {
      spy.mockRestore();
    }
    expect(printed.map((p) => p.split(' ')[0])).toEqual(['pdf', 'pdf', 'pdf']);
    for (const facts of printed) expect(leaks(facts)).toEqual([]);
  });

  it('serves a stored report only to readers cleared as high as it was made for', async () => {
    const r = await gql(
      admin,
      'mutation { generateReport(report: "uncovered", format: "md") { downloadPath } }',
    );
    const url = (r.body.data!.generateReport as { downloadPath: string }).downloadPath;
    expect((await admin.get(url)).status).toBe(200);
    const refused = await official.get(url);
    const missing = await official.get(url.replace(/[^/]+$/, 'rampart-uncovered-nowhere.md'));
    expect(refused.status).toBe(404);
    expect(refused.text.replace(/"[^"]+\.md/g, 'X')).toBe(missing.text.replace(/"[^"]+\.md/g, 'X'));
    const mine = await gql(
      official,
      'mutation { generateReport(report: "uncovered", format: "md") { downloadPath } }',
    );
    const ownUrl = (mine.body.data!.generateReport as { downloadPath: string }).downloadPath;
    const own = await official.get(ownUrl);
    expect(own.status).toBe(200);
    expect(leaks(own.text)).toEqual([]);
  });
});
