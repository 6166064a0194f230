import { INestApplication } from '@nestjs/common';
import { Action, grantOf } from '@rampart/auth';
import { ROLES, Role } from '@rampart/domain';
import { GraphContext } from '@rampart/graph';
import request from 'supertest';
import { UserAdminService } from '@rampart/access';
import { TestAccount, authed, signInAs, startDemoApp } from '../support/test-app';
import { testConfig } from '../support/test-graph';

interface GqlOp {
  action: Action;
  gql: string;
}
interface RestOp {
  action: Action;
  method: 'get' | 'post' | 'delete';
  path: string;
  body?: string;
}

// Every GraphQL operation with the action it needs (a literal table: the test fails when an
// operation is added without a row). Mutation arguments are chosen so that a role allowed to call
// them gets a harmless refusal AFTER the guard (validation, not found), never a change.
const QUERIES: Record<string, GqlOp> = {
  assets: { action: 'graph:read', gql: '{ assets(first: 1) { totalCount } }' },
  attackPatterns: { action: 'graph:read', gql: '{ attackPatterns(first: 1) { totalCount } }' },
  controls: { action: 'graph:read', gql: '{ controls(first: 1) { totalCount } }' },
  entity: { action: 'graph:read', gql: '{ entity(id: "sys-crm") { id } }' },
  facilities: { action: 'graph:read', gql: '{ facilities(first: 1) { totalCount } }' },
  informationAssets: { action: 'graph:read', gql: '{ informationAssets(first: 1) { totalCount } }' },
  mitigations: { action: 'graph:read', gql: '{ mitigations(first: 1) { totalCount } }' },
  orgUnits: { action: 'graph:read', gql: '{ orgUnits(first: 1) { totalCount } }' },
  organization: { action: 'graph:read', gql: '{ organization(id: "org-acme") { id } }' },
  organizations: { action: 'graph:read', gql: '{ organizations { id } }' },
  people: { action: 'graph:read', gql: '{ people(first: 1) { totalCount } }' },
  plainAssets: { action: 'graph:read', gql: '{ plainAssets(first: 1) { totalCount } }' },
  riskRegister: { action: 'graph:read', gql: '{ riskRegister(first: 1) { totalCount } }' },
  serviceProviders: { action: 'graph:read', gql: '{ serviceProviders(first: 1) { totalCount } }' },
  systems: { action: 'graph:read', gql: '{ systems(first: 1) { totalCount } }' },
  threats: { action: 'graph:read', gql: '{ threats(first: 1) { totalCount } }' },
  attackPaths: {
    action: 'analytics:run',
    gql: '{ attackPaths(threatId: "thr-crime", assetId: "inf-customers", k: 1) { __typename } }',
  },
  blastRadius: { action: 'analytics:run', gql: '{ blastRadius(nodeIds: ["sys-idp"]) { __typename } }' },
  coverage: { action: 'analytics:run', gql: '{ coverage(assetId: "inf-customers") { __typename } }' },
  coverageSummary: { action: 'analytics:run', gql: '{ coverageSummary(first: 1) { __typename } }' },
  exposure: { action: 'analytics:run', gql: '{ exposure(assetId: "inf-customers") { __typename } }' },
  findingRules: { action: 'analytics:run', gql: '{ findingRules { id } }' },
  findings: { action: 'analytics:run', gql: '{ findings(ruleIds: ["GOV-1"]) { __typename } }' },
  interruption: {
    action: 'analytics:run',
    gql: '{ interruption(threatId: "thr-crime", assetId: "inf-customers") { __typename } }',
  },
  posture: { action: 'analytics:run', gql: '{ posture { __typename } }' },
  risks: { action: 'analytics:run', gql: '{ risks { __typename } }' },
  securityDepth: {
    action: 'analytics:run',
    gql: '{ securityDepth(threatId: "thr-crime", assetId: "inf-customers") { __typename } }',
  },
  weakestLinks: { action: 'analytics:run', gql: '{ weakestLinks(limit: 1) { __typename } }' },
  reportRuns: { action: 'report:read', gql: '{ reportRuns(first: 1) { id } }' },
  users: { action: 'user:admin', gql: '{ users { username } }' },
  threatTargets: {
    action: 'analytics:run',
    gql: '{ threatTargets(threatId: "thr-crime", first: 1) { totalCount } }',
  },
  auditLog: { action: 'audit:read', gql: '{ auditLog(first: 1) { totalCount } }' },
  me: { action: 'self:read', gql: '{ me { username } }' },
};

const MUTATIONS: Record<string, GqlOp> = {
  createEntity: { action: 'graph:write', gql: 'mutation { createEntity(kind: THREAT, input: {}) { id } }' },
  updateEntity: {
    action: 'graph:write',
    gql: 'mutation { updateEntity(id: "sys-crm", set: {id: "sys-renamed"}) { id } }',
  },
  deleteEntity: { action: 'graph:write', gql: 'mutation { deleteEntity(id: "ent-none") { id } }' },
  addRelationship: {
    action: 'graph:write',
    gql: 'mutation { addRelationship(input: {from: "ctl-cctv-sites", type: PROTECTS, to: "fac-none"}) { type } }',
  },
  removeRelationship: {
    action: 'graph:write',
    gql: 'mutation { removeRelationship(input: {from: "ctl-cctv-sites", type: PROTECTS, to: "fac-none"}) { type } }',
  },
  generateReport: {
    action: 'report:generate',
    gql: 'mutation { generateReport(report: "none", format: "csv") { id } }',
  },
  createUser: {
    action: 'user:admin',
    gql: 'mutation { createUser(input: {username: "x", password: "short", roles: [], clearance: "NONE"}) { id } }',
  },
  updateUser: {
    action: 'user:admin',
    gql: 'mutation { updateUser(input: {username: "nobody-here", clearance: "OFFICIAL"}) { id } }',
  },
  disableUser: { action: 'user:admin', gql: 'mutation { disableUser(username: "nobody-here") { id } }' },
  deleteOrganization: {
    action: 'graph:admin',
    gql: 'mutation { deleteOrganization(id: "org-none", dryRun: true) { entities } }',
  },
};

const REST: Record<string, RestOp> = {
  'GET /api/organizations': { action: 'graph:read', method: 'get', path: '/api/organizations' },
  'GET /api/organizations/:id': { action: 'graph:read', method: 'get', path: '/api/organizations/org-acme' },
  'DELETE /api/organizations/:id': {
    action: 'graph:admin',
    method: 'delete',
    path: '/api/organizations/org-none?dryRun=true',
  },
  'POST /api/import': { action: 'graph:import', method: 'post', path: '/api/import', body: 'format: [' },
  'GET /api/export': { action: 'graph:export', method: 'get', path: '/api/export?format=json' },
  'GET /api/reports': { action: 'report:read', method: 'get', path: '/api/reports' },
  'GET /api/reports/:name': {
    action: 'report:generate',
    method: 'get',
    path: '/api/reports/none?format=csv',
  },
  'GET /api/report-files/:file': { action: 'report:read', method: 'get', path: '/api/report-files/none.csv' },
  'GET /api/auth/me': { action: 'self:read', method: 'get', path: '/api/auth/me' },
};

type GqlBody = {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: { code?: string } }[];
};

// The role x operation matrix of docs/security.md on the real database (issue 8): every role
// against every GraphQL operation and REST route, allowed or refused exactly as libs/auth says.
describe('access control: every role against every operation', () => {
  let app: INestApplication;
  let graph: GraphContext;
  const accounts = {} as Record<Role, TestAccount>;

  const gql = (token: string | undefined, query: string, variables: Record<string, unknown> = {}) => {
    const r = request(app.getHttpServer()).post('/graphql');
    return (token ? r.set('authorization', `Bearer ${token}`) : r).send({ query, variables });
  };

  beforeAll(async () => {
    ({ app, graph } = await startDemoApp(testConfig()));
    await graph.users.deleteAll();
    for (const role of ROLES) {
      accounts[role] = await signInAs(app, role, role === 'asset-owner' ? { personId: 'p-diane' } : {});
    }
  }, 120_000);
  afterAll(async () => {
    await app?.close();
  });

  it('has a row for every Query and Mutation field of the schema', async () => {
    const res = await gql(
      accounts.admin.accessToken,
      '{ q: __type(name: "Query") { fields { name } } m: __type(name: "Mutation") { fields { name } } }',
    );
    const names = (t: string) => (res.body.data[t].fields as { name: string }[]).map((f) => f.name).sort();
    expect(names('q')).toEqual(Object.keys(QUERIES).sort());
    expect(names('m')).toEqual(Object.keys(MUTATIONS).sort());
  });

  it('refuses every operation without a token: GraphQL UNAUTHENTICATED, REST 401', async () => {
    for (const [name, op] of Object.entries({ ...QUERIES, ...MUTATIONS })) {
      const res = await gql(undefined, op.gql);
      expect({ name, codes: (res.body as GqlBody).errors?.map((e) => e.extensions?.code) }).toEqual({
        name,
        codes: ['UNAUTHENTICATED'],
      });
      expect((res.body as GqlBody).errors?.[0].message).toMatch(/Sign in first/);
    }
    for (const [name, op] of Object.entries(REST)) {
      const res = await request(app.getHttpServer())[op.method](op.path).send(op.body);
      expect({ name, status: res.status, code: res.body.error?.code }).toEqual({
        name,
        status: 401,
        code: 'UNAUTHENTICATED',
      });
    }
    // What stays open: health probes, the sign-in route, the UI's static files.
    await request(app.getHttpServer()).get('/health').expect(200);
    await request(app.getHttpServer()).get('/health/ready').expect(200);
    await request(app.getHttpServer()).post('/api/auth/login').send({}).expect(400);
  });

  it.each(ROLES)(
    '%s: allowed or FORBIDDEN exactly as the role matrix says',
    async (role) => {
      const token = accounts[role].accessToken;
      const seen: Record<string, string> = {};
      const expected: Record<string, string> = {};
      for (const [name, op] of Object.entries({ ...QUERIES, ...MUTATIONS })) {
        const res = (await gql(token, op.gql)).body as GqlBody;
        const codes = res.errors?.map((e) => e.extensions?.code) ?? [];
        seen[name] = codes.includes('FORBIDDEN')
          ? 'forbidden'
          : codes.includes('UNAUTHENTICATED')
            ? 'unauth'
            : 'allowed';
        // asset-owner's conditional write: these arguments touch nothing p-diane owns.
        expected[name] = grantOf(role, op.action) === 'always' ? 'allowed' : 'forbidden';
        if (seen[name] === 'forbidden')
          expect(res.errors?.[0].message).toMatch(new RegExp(`${accounts[role].username}|asset-owner`));
      }
      for (const [name, op] of Object.entries(REST)) {
        const res = await authed(app, token)[op.method](op.path).send(op.body);
        seen[name] = res.status === 403 ? 'forbidden' : res.status === 401 ? 'unauth' : 'allowed';
        expected[name] = grantOf(role, op.action) === 'always' ? 'allowed' : 'forbidden';
      }
      expect(seen).toEqual(expected);
    },
    120_000,
  );

  it('names the action and the roles that may, when refusing', async () => {
    const res = (await gql(accounts.auditor.accessToken, MUTATIONS.updateEntity.gql)).body as GqlBody;
    expect(res.errors?.[0]).toMatchObject({
      message:
        'test-auditor (auditor) may not create, update, delete entities and relationships; prune (graph:write); roles that may: rse, analyst, asset-owner, admin.',
      extensions: { code: 'FORBIDDEN' },
    });
    const rest = await authed(app, accounts.analyst.accessToken).get('/api/reports').query({});
    expect(rest.status).toBe(200);
    const audit = await authed(app, accounts['asset-owner'].accessToken).get('/api/export');
    expect(audit.status).toBe(403);
    expect(audit.body.error).toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringMatching(/graph:export/),
    });
  });

  describe('asset-owner (acting for p-diane, who owns the head office building and floors)', () => {
    const run = async (query: string, variables: Record<string, unknown> = {}) =>
      (await gql(accounts['asset-owner'].accessToken, query, variables)).body as GqlBody;
    const forbidden = (res: GqlBody) => res.errors?.[0]?.extensions?.code === 'FORBIDDEN';

    it('edits her assets and the controls protecting only them', async () => {
      const asset = await run(
        'mutation { updateEntity(id: "fac-hq-f1", set: {name: "First floor"}) { name } }',
      );
      expect(asset).toEqual({ data: { updateEntity: { name: 'First floor' } } });
      const control = await run(
        'mutation { updateEntity(id: "ctl-hq-badge-doors", set: {effectiveness: 0.75}) { id } }',
      );
      expect(control.errors).toBeUndefined();
      const created = await run(
        `mutation($input: JSONObject!) { createEntity(kind: CONTROL, input: $input) { id } }`,
        {
          input: {
            id: 'ctl-diane-test',
            name: 'Floor two door alarm',
            domains: ['physical'],
            functions: ['detect'],
            effectiveness: 0.5,
            status: 'planned',
            protects: ['fac-hq-f2'],
          },
        },
      );
      expect(created).toEqual({ data: { createEntity: { id: 'ctl-diane-test' } } });
      const linked = await run(
        'mutation { addRelationship(input: {from: "ctl-diane-test", type: PROTECTS, to: "fac-hq-f1"}) { type } }',
      );
      expect(linked.errors).toBeUndefined();
      expect((await run('mutation { deleteEntity(id: "ctl-diane-test") { id } }')).errors).toBeUndefined();
    });

    it('may not touch what others own, create other kinds, or widen a control beyond her assets', async () => {
      const other = await run('mutation { updateEntity(id: "fac-dc", set: {name: "x"}) { id } }');
      expect(forbidden(other)).toBe(true);
      expect(other.errors?.[0].message).toMatch(/p-diane.*not fac-dc/);
      // ctl-cctv-sites protects her building but also the data centre.
      expect(
        forbidden(
          await run('mutation { updateEntity(id: "ctl-cctv-sites", set: {effectiveness: 0.1}) { id } }'),
        ),
      ).toBe(true);
      expect(
        forbidden(
          await run(
            'mutation { updateEntity(id: "ctl-hq-badge-doors", set: {protects: ["fac-hq-f1", "fac-dc"]}) { id } }',
          ),
        ),
      ).toBe(true);
      expect(
        forbidden(
          await run(
            'mutation { createEntity(kind: THREAT, input: {id: "thr-x", name: "x", kind: "criminal", capability: 1, intent: 1}) { id } }',
          ),
        ),
      ).toBe(true);
      expect(
        forbidden(
          await run(
            'mutation { addRelationship(input: {from: "ctl-hq-reception", type: PROTECTS, to: "fac-dc"}) { type } }',
          ),
        ),
      ).toBe(true);
      expect(forbidden(await run('mutation { deleteEntity(id: "sys-crm") { id } }'))).toBe(true);
      // Refused edits changed nothing.
      const dc = await gql(accounts.admin.accessToken, '{ entity(id: "fac-dc") { name } }');
      expect(dc.body.data.entity.name).not.toBe('x');
    });
  });

  it('applies role changes and disabling at once, whatever the token says', async () => {
    const users = app.get(UserAdminService);
    const { accessToken, username } = await signInAs(app, 'analyst', { clearance: 'OFFICIAL' });
    expect((await gql(accessToken, QUERIES.assets.gql)).body.errors).toBeUndefined();
    await users.update(username, { roles: ['auditor'] });
    const demoted = (await gql(accessToken, MUTATIONS.deleteEntity.gql)).body as GqlBody;
    expect(demoted.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    await users.disable(username);
    const disabled = (await gql(accessToken, QUERIES.assets.gql)).body as GqlBody;
    expect(disabled.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/disabled/),
      extensions: { code: 'UNAUTHENTICATED' },
    });
  });

  it('manages accounts over GraphQL (admin only) and never leaves the product without an admin', async () => {
    const admin = accounts.admin.accessToken;
    const created = await gql(
      admin,
      'mutation($i: CreateUserInput!) { createUser(input: $i) { username roles clearance personId disabled } }',
      {
        i: { username: 'new-rse', password: 'a long enough passphrase', roles: ['rse'], clearance: 'SECRET' },
      },
    );
    expect(created.body).toEqual({
      data: {
        createUser: {
          username: 'new-rse',
          roles: ['rse'],
          clearance: 'SECRET',
          personId: null,
          disabled: false,
        },
      },
    });
    const login = await request(app.getHttpServer())
      .post('/api/auth/login')
      .send({ username: 'new-rse', password: 'a long enough passphrase' })
      .expect(200);
    const changed = await gql(
      admin,
      'mutation { updateUser(input: {username: "new-rse", roles: ["rse", "auditor"]}) { roles } }',
    );
    expect(changed.body.data.updateUser.roles).toEqual(['rse', 'auditor']);
    const list = await gql(admin, '{ users { username } }');
    expect(list.body.data.users.map((u: { username: string }) => u.username)).toContain('new-rse');
    expect(JSON.stringify(list.body)).not.toMatch(/argon2|passwordHash/);
    const bad = await gql(admin, MUTATIONS.createUser.gql);
    expect(bad.body.errors[0]).toMatchObject({
      message: expect.stringMatching(/username: .*roles: .*clearance: .*password: /),
      extensions: { code: 'BAD_USER_INPUT' },
    });
    await gql(admin, 'mutation { disableUser(username: "new-rse") { disabled } }');
    await request(app.getHttpServer())
      .post('/api/auth/refresh')
      .send({ refreshToken: login.body.refreshToken })
      .expect(401);
    // The only enabled admin cannot demote or disable itself.
    const last = await gql(admin, `mutation { disableUser(username: "${accounts.admin.username}") { id } }`);
    expect(last.body.errors[0]).toMatchObject({
      message: expect.stringMatching(/last enabled admin/),
      extensions: { code: 'CONFLICT' },
    });
  });
});
