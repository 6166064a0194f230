import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { INestApplication } from '@nestjs/common';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { GraphQLSchema } from 'graphql';
import TestAgent from 'supertest/lib/agent';
import { Role } from '@rampart/domain';
import { GraphContext } from '@rampart/graph';
import { NativeImporter, generateOrganisation } from '@rampart/interchange';
import { AuthService } from '@rampart/access';
import { UserAdminService } from '@rampart/access';
import { createApp } from '../../apps/api/src/bootstrap';
import { createLogger } from '../../apps/api/src/logging';
import { everythingQuery, queryFields } from '../support/full-selection';
import { TEST_PASSWORD, authed, signedIn } from '../support/test-app';
import { freshGraph, openGraph, testConfig } from '../support/test-graph';
import { binaryBody, zipTexts } from '../support/zip-entries';

type Json = Record<string, unknown>;
const ACME = 'org-acme';
const GEN = 'org-gen-5';
const G = (id: string) => `${GEN}:${id}`;

/** Arguments that reach into the generated organisation (and, for the admin, across into Acme). */
const ARGS: Record<string, string> = {
  attackPaths: `(threatId: "${G('thr-crime')}", assetId: "%ASSET%", k: 10)`,
  securityDepth: `(threatId: "${G('thr-crime')}", assetId: "%ASSET%")`,
  interruption: `(threatId: "${G('thr-crime')}", assetId: "%ASSET%")`,
  blastRadius: `(nodeIds: ["%ASSET%"], mode: STRUCTURAL)`,
  exposure: `(assetId: "%ASSET%", threshold: 0)`,
  coverage: `(assetId: "%ASSET%")`,
  entity: `(id: "%ASSET%")`,
  organization: `(id: "${GEN}")`,
  threatTargets: `(threatId: "${G('thr-crime')}", first: 500)`,
  weakestLinks: '(limit: 500)',
  findings: '(asOf: "2026-11-01")',
  posture: '(asOf: "2026-11-01")',
  coverageSummary: '(first: 2000)',
};
/** Not about the organisation graph, or the caller's own records. */
const SKIPPED = ['me', 'users', 'findingRules'];

// Issue 18: an account limited to some organisations finds nothing of the others, anywhere.
describe('organisation access: an account limited to one organisation', () => {
  const config = testConfig();
  config.reports.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rampart-org-access-'));
  config.guards = {
    ...config.guards,
    graphqlMaxComplexity: 1e12,
    graphqlMaxDepth: 30,
    graphqlMaxCost: 1e12,
    graphqlMaxAliases: 1e6,
    graphqlMaxTokens: 1e6,
  };
  const demoText = fs.readFileSync(config.demoFile, 'utf8');
  let graph: GraphContext;
  let app: INestApplication;
  let schema: GraphQLSchema;
  let admin: TestAgent;
  let limited: TestAgent;
  /** Acme's ids and its name: none may reach the limited account. */
  let acmeTerms: string[];
  /** A generated asset guarded by a control of Acme's (an explicit cross-organisation reference). */
  let asset: string;

  const gql = async (agent: TestAgent, query: string, variables: Json = {}) => {
    const res = await agent.post('/graphql').send({ query, variables });
    return {
      text: res.text,
      body: res.body as { data?: Json; errors?: { message: string; extensions?: Json }[] },
    };
  };
  const leaks = (text: string) =>
    acmeTerms.filter((t) =>
      new RegExp(`(?<![\\w:.-])${t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w.-])`).test(text),
    );
  const queryOf = (field: string) => everythingQuery(schema, field, ARGS, 100).replaceAll('%ASSET%', asset);
  const account = async (username: string, roles: Role[], organizationIds: string[] | null) => {
    await app.get(UserAdminService).create({
      username,
      password: TEST_PASSWORD,
      roles,
      clearance: 'TOP_SECRET',
      organizationIds,
    });
    return authed(app, (await app.get(AuthService).login(username, TEST_PASSWORD)).accessToken);
  };

  beforeAll(async () => {
    graph = await openGraph(config);
    await freshGraph(graph);
    await graph.users.deleteAll();
    const importer = new NativeImporter(graph);
    await importer.importText('demo-org.yaml', demoText);
    const gen = generateOrganisation({ people: 40, seed: 5 });
    await importer.importText('gen.json', JSON.stringify(gen));
    asset = (gen.information as { id: string }[])[0].id;
    // Acme guards the generated organisation's asset: an explicit reference across organisations.
    await importer.importText(
      'cross.yaml',
      `format: rampart/v1\ncontrols: [{id: ctl-cross, name: Shared guard, domains: [physical], effectiveness: 0.5, status: implemented, protects: ["${asset}"]}]\n`,
      { organizationId: ACME },
    );
    acmeTerms = [
      ...(await graph.exports.snapshot({ organizationId: ACME })).entities.map((e) => String(e.props.id)),
      'Acme Water',
      'Shared guard',
    ];
    app = await createApp({ config, graph, logger: createLogger({ logLevel: 'silent' }) });
    await app.init();
    schema = app.get(GraphQLSchemaHost).schema;
    admin = await signedIn(app);
    limited = await account('gen-analyst', ['rse'], [GEN]);
  }, 120_000);

  afterAll(async () => {
    await graph.users.deleteAll();
    await graph.audit.deleteAll();
    await app?.close();
    fs.rmSync(config.reports.dir, { recursive: true, force: true });
  });

  it('answers every query without a trace of the other organisation', async () => {
    const seenByAdmin: string[] = [];
    for (const field of queryFields(schema, SKIPPED)) {
      const query = queryOf(field);
      const [a, l] = [await gql(admin, query), await gql(limited, query)];
      expect({ field, errors: a.body.errors }).toEqual({ field, errors: undefined });
      expect({ field, errors: l.body.errors }).toEqual({ field, errors: undefined });
      expect({ field, leaks: leaks(l.text) }).toEqual({ field, leaks: [] });
      if (leaks(a.text).length) seenByAdmin.push(field);
    }
    // Not vacuous: without a limit the same queries do reach Acme (its control guards the asset).
    expect(seenByAdmin).toEqual(
      expect.arrayContaining(['organizations', 'assets', 'threats', 'posture', 'coverage', 'entity']),
    );
  }, 300_000);

  it('computes organisation-wide results over its organisation alone', async () => {
    const q = (org?: string) => {
      const arg = org ? `organizationId: "${org}"` : '';
      return `{ posture(asOf: "2026-11-01" ${arg}) { assets criticalAssets uncoveredCriticalAssets findings singlePointsOfFailure }
         risks${arg ? `(${arg})` : ''} { threat { id } asset { id } level pathProbability }
         weakestLinks(limit: 50${arg ? `, ${arg}` : ''}) { control { id } riskIncrease pairs }
         findings(asOf: "2026-11-01"${arg ? `, ${arg}` : ''}) { ruleId message } }`;
    };
    const mine = await gql(limited, q());
    expect(mine.body.errors).toBeUndefined();
    // Acme's control on the generated asset is outside the limited view: it counts for the admin only.
    const admins = await gql(admin, q(GEN));
    expect(mine.body.data).not.toEqual(admins.body.data);
    // Without that cross-organisation reference, both see the same numbers for the organisation.
    await gql(admin, 'mutation { deleteEntity(id: "ctl-cross") { id } }');
    try {
      expect((await gql(limited, q())).body.data).toEqual(mine.body.data);
      expect((await gql(admin, q(GEN))).body.data).toEqual(mine.body.data);
      const everything = await gql(admin, q());
      expect(everything.body.errors).toBeUndefined();
      expect(everything.body.data).not.toEqual(mine.body.data);
    } finally {
      await new NativeImporter(graph).importText(
        'cross.yaml',
        `format: rampart/v1\ncontrols: [{id: ctl-cross, name: Shared guard, domains: [physical], effectiveness: 0.5, status: implemented, protects: ["${asset}"]}]\n`,
        { organizationId: ACME },
      );
    }
  });

  it('answers ids of the other organisation exactly as ids that do not exist', async () => {
    const pairs = [
      '{ entity(id: "%") { id } }',
      '{ organization(id: "%") { id } }',
      '{ coverage(assetId: "%") { score } }',
      '{ attackPaths(threatId: "%", assetId: "%") { paths { probability } } }',
      '{ posture(organizationId: "%") { assets } }',
      'mutation { updateEntity(id: "%", set: {description: "x"}) { id } }',
      'mutation { deleteEntity(id: "%") { id } }',
      'mutation { addRelationship(input: {from: "%", type: CONNECTS_TO, to: "%"}) { type } }',
    ];
    for (const pattern of pairs) {
      const existing = pattern.includes('organization') || pattern.includes('posture') ? ACME : 'sys-crm';
      const [a, b] = [
        await gql(limited, pattern.replace(/%/g, existing)),
        await gql(limited, pattern.replace(/%/g, 'nope-missing')),
      ];
      expect({ pattern, answer: a.text.replaceAll(existing, 'X') }).toEqual({
        pattern,
        answer: b.text.replaceAll('nope-missing', 'X'),
      });
    }
  });

  it('exports, imports and reports only its organisation', async () => {
    const json = await limited.get('/api/export?format=json').expect(200);
    expect(json.body.organization.id).toBe(GEN);
    for (const format of ['cytoscape', 'graphml']) {
      const all = await limited.get(`/api/export?format=${format}`).expect(200);
      expect({ format, leaks: leaks(all.text) }).toEqual({ format, leaks: [] });
    }
    await limited.get(`/api/export?format=json&organizationId=${ACME}`).expect(404);
    const csv = await limited.get('/api/export?format=csv').buffer(true).parse(binaryBody).expect(200);
    expect(
      leaks(
        zipTexts(csv.body as Buffer)
          .map((f) => f.text)
          .join('\n'),
      ),
    ).toEqual([]);

    const into = await limited
      .post('/api/import')
      .set('content-type', 'application/yaml')
      .send(`format: rampart/v1\norganization: {id: ${ACME}, name: Taken over}\n`)
      .expect(422);
    expect(into.body.issues[0].message).toBe(
      `your account may import only into its organisations (${GEN}), not "${ACME}"`,
    );
    const refs = await limited
      .post('/api/import')
      .set('content-type', 'application/yaml')
      .send(
        'format: rampart/v1\nsystems: [{id: sys-new, name: New, dependsOn: [sys-idp]}, {id: sys-crm, name: Mine now}]\n',
      )
      .expect(422);
    expect(refs.body.issues.map((i: { message: string }) => i.message).sort()).toEqual([
      '"sys-idp" is not defined in this file or in the graph',
      'id "sys-crm" is already used in the graph; ids are unique across the whole graph',
    ]);
    expect(leaks(refs.text.replace('sys-idp', '').replace('sys-crm', ''))).toEqual([]);

    for (const name of ['uncovered', 'posture']) {
      const r = await limited.get(`/api/reports/${name}?format=json&asOf=2026-11-01`).expect(200);
      expect({ name, leaks: leaks(r.text) }).toEqual({ name, leaks: [] });
    }
    const everyOrg = await admin.get('/api/reports/uncovered?format=json').expect(200);
    const runs = await gql(limited, '{ reportRuns(first: 500) { id parameters } }');
    const listed = runs.body.data!.reportRuns as { id: string; parameters: Json }[];
    expect(listed.length).toBeGreaterThanOrEqual(2);
    // Runs over its organisation (by anyone) or over its organisations (by it); none over every one.
    expect(
      listed.every((r) => r.parameters.organizationId === GEN || r.parameters.organizations === GEN),
    ).toBe(true);
    expect(listed.filter((r) => r.parameters.organizations === GEN).length).toBeGreaterThanOrEqual(2);
    expect(listed.map((r) => r.id)).not.toContain(everyOrg.headers['x-report-run']);
    const adminRuns = await gql(admin, '{ reportRuns(first: 500) { id } }');
    expect(adminRuns.text).toContain(everyOrg.headers['x-report-run']);
  });

  it('reads only the audit records about its organisation', async () => {
    const auditor = await account('gen-auditor', ['auditor'], [GEN]);
    await gql(admin, 'mutation { updateEntity(id: "sys-crm", set: {description: "acme edit"}) { id } }');
    await gql(
      admin,
      `mutation { updateEntity(id: "${G('sys-000001')}", set: {description: "gen edit"}) { id } }`,
    );
    const log = await gql(
      auditor,
      '{ auditLog(first: 500) { totalCount edges { node { target organizations } } } }',
    );
    const nodes = (
      log.body.data!.auditLog as { edges: { node: { target: string; organizations: string[] } }[] }
    ).edges.map((e) => e.node);
    expect(nodes.map((n) => n.target)).toContain(G('sys-000001'));
    expect(nodes.every((n) => n.organizations.every((o) => o === GEN))).toBe(true);
    expect(leaks(log.text)).toEqual([]);
    const all = await gql(admin, '{ auditLog(first: 500) { edges { node { target } } } }');
    expect(all.text).toContain('"target":"sys-crm"');
  });

  it('gives no account more organisations than its administrator has', async () => {
    const genAdmin = await account('gen-admin', ['admin'], [GEN]);
    const unlimited = await gql(
      genAdmin,
      `mutation { createUser(input: {username: "everyone", password: "${TEST_PASSWORD}", roles: ["analyst"], clearance: "SECRET"}) { id } }`,
    );
    expect(unlimited.body.errors?.[0].message).toContain(
      'organizationIds: an account limited to some organisations cannot give another account every organisation',
    );
    const other = await gql(
      genAdmin,
      `mutation { createUser(input: {username: "acme-only", password: "${TEST_PASSWORD}", roles: ["analyst"], clearance: "SECRET", organizationIds: ["${ACME}"]}) { id } }`,
    );
    expect(other.body.errors?.[0].message).toContain(`organizationIds: no organisation has the id "${ACME}"`);
    const users = await gql(genAdmin, '{ users { username organizationIds } }');
    expect(users.body.data!.users).toEqual(
      expect.not.arrayContaining([expect.objectContaining({ organizationIds: null })]),
    );
    // The admin without a limit lifts and sets limits.
    const lifted = await gql(
      admin,
      `mutation { updateUser(input: {username: "gen-analyst", organizationIds: null}) { organizationIds } }`,
    );
    expect(lifted.body.data).toEqual({ updateUser: { organizationIds: null } });
    const set = await gql(
      admin,
      `mutation { updateUser(input: {username: "gen-analyst", organizationIds: ["${GEN}"]}) { organizationIds } }`,
    );
    expect(set.body.data).toEqual({ updateUser: { organizationIds: [GEN] } });
  });
});
