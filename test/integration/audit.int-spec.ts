import { INestApplication } from '@nestjs/common';
import { AuditRecord } from '@rampart/domain';
import { GraphContext } from '@rampart/graph';
import request from 'supertest';
import { AuditService } from '@rampart/audit';
import { driverSession } from '../support/raw-session';
import { TEST_PASSWORD, TestAccount, signInAs, startDemoApp } from '../support/test-app';
import { testConfig } from '../support/test-graph';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- GraphQL answers, checked field by field
type Gql = { data?: Record<string, any>; errors?: { message: string; extensions?: { code?: string } }[] };

const LOG = `query($first: Int!, $after: String, $filter: AuditFilterInput) {
  auditLog(first: $first, after: $after, filter: $filter) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { cursor node { seq at actor action operation outcome requestId target counts
      graphHashBefore graphHashAfter detail prevHash hash } }
  }
}`;

// The audit trail on the real database (issue 8): what is recorded, who may read it, and that
// editing or removing a record in the database is detected.
describe('audit trail', () => {
  const config = testConfig();
  let app: INestApplication;
  let graph: GraphContext;
  let admin: TestAccount;
  let audit: AuditService;

  const gql = (token: string, query: string, variables: Record<string, unknown> = {}, requestId?: string) => {
    const r = request(app.getHttpServer()).post('/graphql').set('authorization', `Bearer ${token}`);
    return (requestId ? r.set('x-request-id', requestId) : r).send({ query, variables });
  };
  const newest = async (n = 1, filter: Record<string, unknown> = {}): Promise<AuditRecord[]> => {
    const res = (await gql(admin.accessToken, LOG, { first: n, filter })).body as Gql;
    expect(res.errors).toBeUndefined();
    return res.data!.auditLog.edges.map((e: { node: AuditRecord }) => e.node);
  };

  beforeAll(async () => {
    ({ app, graph } = await startDemoApp(config));
    await graph.audit.deleteAll(); // suites share the database
    audit = app.get(AuditService);
    admin = await signInAs(app, 'admin');
  }, 120_000);
  afterAll(async () => {
    await graph.audit.deleteAll();
    await app?.close();
  });

  it('records sign-ins, failed and successful, with the address and request id', async () => {
    const login = (password: string) =>
      request(app.getHttpServer())
        .post('/api/auth/login')
        .set('x-request-id', 'req-sign-in-1')
        .send({ username: admin.username, password });
    await login('not the right password').expect(401);
    await login(TEST_PASSWORD).expect(200);
    const [ok, failed] = await newest(2, { action: 'sign-in' });
    expect(failed).toMatchObject({
      actor: admin.username,
      action: 'sign-in',
      outcome: 'failure',
      requestId: 'req-sign-in-1',
      detail: expect.stringMatching(/^wrong username or password from .+/),
    });
    expect(ok).toMatchObject({
      actor: admin.username,
      outcome: 'success',
      detail: expect.stringMatching(/^signed in from/),
    });
    expect(JSON.stringify([ok, failed])).not.toContain('not the right password');
  });

  it('records a write with the graph content hash before and after; a refused edit changes neither', async () => {
    const created = await gql(
      admin.accessToken,
      'mutation($i: JSONObject!) { createEntity(kind: SYSTEM, input: $i) { id } }',
      { i: { id: 'sys-audited', name: 'Audited system', kind: 'ict' } },
      'req-write-1',
    );
    expect(created.body.errors).toBeUndefined();
    const [write] = await newest(1, { action: 'graph:write' });
    expect(write).toMatchObject({
      actor: admin.username,
      operation: 'createEntity',
      outcome: 'success',
      requestId: 'req-write-1',
      target: 'sys-audited',
      graphHashBefore: expect.stringMatching(/^[0-9a-f]{64}$/),
      graphHashAfter: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(write.graphHashAfter).not.toBe(write.graphHashBefore);
    expect(await audit.graphHash()).toBe(write.graphHashAfter);

    const refused = await gql(
      admin.accessToken,
      'mutation { updateEntity(id: "sys-audited", set: {id: "x"}) { id } }',
    );
    expect(refused.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    const [failure] = await newest(1, { action: 'graph:write' });
    expect(failure).toMatchObject({ operation: 'updateEntity', outcome: 'failure', target: 'sys-audited' });
    expect(failure.detail).toBeTruthy();
    expect(failure.graphHashBefore).toBe(write.graphHashAfter);
    expect(failure.graphHashAfter).toBe(failure.graphHashBefore);

    const deleted = await gql(admin.accessToken, 'mutation { deleteEntity(id: "sys-audited") { id } }');
    expect(deleted.body.errors).toBeUndefined();
    const [deletion] = await newest(1, { action: 'graph:write' });
    expect(deletion.graphHashBefore).toBe(write.graphHashAfter);
    // Back to the graph as it was before the create: the content hash says so.
    expect(deletion.graphHashAfter).toBe(write.graphHashBefore);
  });

  it('records imports, exports, report generation and user admin, never passwords; reads are not recorded', async () => {
    const server = app.getHttpServer();
    const auth = { authorization: `Bearer ${admin.accessToken}` };
    const dry = await request(server)
      .post('/api/import?dryRun=true&filename=extra.yaml')
      .set({ ...auth, 'content-type': 'application/yaml' })
      .send('format: rampart/v1\nsystems:\n  - {id: sys-extra, name: Extra, kind: ict}\n');
    expect(dry.status).toBe(200);
    await request(server).get('/api/export?format=graphml').set(auth).expect(200);
    const report = await gql(
      admin.accessToken,
      'mutation { generateReport(report: "uncovered", format: "csv") { id } }',
    );
    expect(report.body.errors).toBeUndefined();
    await gql(admin.accessToken, 'mutation($i: CreateUserInput!) { createUser(input: $i) { id } }', {
      i: {
        username: 'audited-user',
        password: 'a secret passphrase 42',
        roles: ['analyst'],
        clearance: 'OFFICIAL',
      },
    });
    const before = (await newest(50)).length;
    await gql(admin.accessToken, '{ assets(first: 3) { totalCount } posture { assets } }');
    expect((await newest(50)).length).toBe(before);

    const records = await newest(4);
    expect(records.map((r) => [r.action, r.operation, r.target, r.outcome])).toEqual([
      ['user:admin', 'createUser', 'audited-user', 'success'],
      ['report:generate', 'generateReport', 'uncovered', 'success'],
      ['graph:export', 'GET /api/export', 'graphml', 'success'],
      ['graph:import', 'POST /api/import', 'extra.yaml', 'success'],
    ]);
    // The import report's numbers travel with the record.
    expect(Object.values(records[3].counts ?? {}).length).toBeGreaterThan(0);
    // A dry run writes nothing: it carries no graph hashes (issue 21).
    expect(records[3]).toMatchObject({ graphHashBefore: null, graphHashAfter: null });
    expect(JSON.stringify(records)).not.toContain('a secret passphrase');
  });

  it('is readable by admin, rse and auditor only, newest first, in pages, filtered', async () => {
    for (const role of ['analyst', 'asset-owner'] as const) {
      const { accessToken } = await signInAs(
        app,
        role,
        role === 'asset-owner' ? { personId: 'p-diane' } : {},
      );
      const res = (await gql(accessToken, LOG, { first: 1 })).body as Gql;
      expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
    const auditor = await signInAs(app, 'auditor');
    const page1 = ((await gql(auditor.accessToken, LOG, { first: 3 })).body as Gql).data!.auditLog;
    expect(page1.edges).toHaveLength(3);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const page2 = (
      (await gql(auditor.accessToken, LOG, { first: 3, after: page1.pageInfo.endCursor })).body as Gql
    ).data!.auditLog;
    const seqs = [...page1.edges, ...page2.edges].map((e: { node: AuditRecord }) => e.node.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    expect(new Set(seqs).size).toBe(6);
    expect(page2.totalCount).toBe(page1.totalCount);
    const bad = (await gql(auditor.accessToken, LOG, { first: 3, after: 'nonsense' })).body as Gql;
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('verifies the chain, and finds a record edited or removed in the database', async () => {
    const intact = await audit.verify();
    expect(intact).toEqual({ ok: true, records: expect.any(Number) });
    expect(intact.records).toBeGreaterThan(8);
    // Each record holds the hash of the one before.
    const [b, a] = await newest(2);
    expect(b.prevHash).toBe(a.hash);

    await driverSession(config, (s) => s.run("MATCH (r:AuditRecord {seq: 3}) SET r.actor = 'mallory'"));
    expect(await audit.verify()).toMatchObject({
      ok: false,
      seq: 3,
      reason: expect.stringMatching(/record 3 .* was altered/),
    });
    await driverSession(config, (s) => s.run('MATCH (r:AuditRecord {seq: 3}) DETACH DELETE r'));
    expect(await audit.verify()).toMatchObject({
      ok: false,
      seq: 3,
      reason: 'record 3 is missing (the chain goes from 2 to 4)',
    });
  });
});
