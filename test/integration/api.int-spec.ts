import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import TestAgent from 'supertest/lib/agent';
import { createApp } from '../../apps/api/src/bootstrap';
import { createLogger } from '../../apps/api/src/logging';
import { startDemoApp, signedIn } from '../support/test-app';
import { testConfig } from '../support/test-graph';

const gql = (api: TestAgent, query: string, variables: Record<string, unknown> = {}) =>
  api.post('/graphql').send({ query, variables });

const ASSETS = `query($first: Int, $after: String, $org: ID) {
  assets(first: $first, after: $after, organizationId: $org) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id name kind criticality organizationId } }
  }
}`;

describe('API on the demo organisation', () => {
  const config = testConfig();
  let app: INestApplication;
  let api: TestAgent;

  beforeAll(async () => {
    ({ app } = await startDemoApp(config));
    api = await signedIn(app);
  });
  afterAll(() => app.close());

  it('answers liveness and readiness', async () => {
    await api.get('/health').expect(200, { status: 'ok' });
    const ready = await api.get('/health/ready').expect(200);
    expect(ready.body).toMatchObject({ status: 'ready', database: 'up', schema: { upToDate: true } });
  });

  it('serves the web UI at / when built, and says how to build it otherwise', async () => {
    const ui = await api.get('/');
    expect([ui.status, ui.type]).toEqual([200, 'text/html']);
    expect(ui.text).toContain('<div id="root">');
    expect(ui.headers['cache-control']).toBe('no-cache');
    const bare = await createApp({
      config: { ...config, webDir: '/nonexistent/web' },
      graph: { close: async () => undefined } as never,
      logger: createLogger({ logLevel: 'silent' }),
    });
    await bare.init();
    try {
      const res = await request(bare.getHttpServer()).get('/');
      expect(res.status).toBe(503);
      expect(res.text).toMatch(/not built .*run npm run build/);
    } finally {
      await bare.close();
    }
  });

  it('echoes a well-formed request id and makes one otherwise', async () => {
    const given = await api.get('/health').set('x-request-id', 'abc-123');
    expect(given.headers['x-request-id']).toBe('abc-123');
    const made = await api.get('/health').set('x-request-id', 'bad id with spaces');
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('reads the organisation with its settings over GraphQL', async () => {
    const res = await gql(
      api,
      '{ organization(id: "org-acme") { id name riskTolerance criticalThreshold responseForce { timeSeconds communicationProbability } classificationLevels } }',
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.organization).toEqual({
      id: 'org-acme',
      name: 'Acme Water',
      riskTolerance: 'medium',
      criticalThreshold: 4,
      responseForce: { timeSeconds: 300, communicationProbability: 0.95 },
      classificationLevels: ['UNCLASSIFIED', 'OFFICIAL', 'SENSITIVE', 'SECRET', 'TOP_SECRET'],
    });
  });

  it('answers null for an unknown organisation, and 404 over REST', async () => {
    const res = await gql(api, '{ organization(id: "org-none") { id } }');
    expect(res.body.data.organization).toBeNull();
    const rest = await api.get('/api/organizations/org-none').expect(404);
    expect(rest.body.error).toEqual({ code: 'NOT_FOUND', message: 'No organisation has id "org-none".' });
    const list = await api.get('/api/organizations').expect(200);
    expect(list.body.organizations.map((o: { id: string }) => o.id)).toEqual(['org-acme']);
  });

  it('pages through every asset exactly once, in id order', async () => {
    const seen: string[] = [];
    let after: string | undefined;
    let total = -1;
    for (let pages = 0; pages < 50; pages++) {
      const res = await gql(api, ASSETS, { first: 7, after });
      expect(res.body.errors).toBeUndefined();
      const conn = res.body.data.assets;
      total = conn.totalCount;
      seen.push(...conn.edges.map((e: { node: { id: string } }) => e.node.id));
      if (!conn.pageInfo.hasNextPage) break;
      after = conn.pageInfo.endCursor;
    }
    // Demo: 77 people + 34 facilities + 42 systems + 19 information + 6 plain assets.
    expect(total).toBe(178);
    expect(seen).toHaveLength(178);
    expect(new Set(seen).size).toBe(178);
    expect([...seen].sort()).toEqual(seen);
  });

  it('computes kind and criticality of assets', async () => {
    const res = await gql(api, ASSETS, { first: 500 });
    const byId = Object.fromEntries(
      res.body.data.assets.edges.map((e: { node: { id: string } }) => [e.node.id, e.node]),
    );
    expect(byId['sys-scada']).toMatchObject({ kind: 'SYSTEM', criticality: 5, organizationId: 'org-acme' });
    expect(byId['inf-customers']).toMatchObject({ kind: 'INFORMATION', criticality: 5 });
    expect(byId['ast-fleet']).toMatchObject({ kind: 'ASSET', criticality: 3 });
    expect(byId['p-bob']).toMatchObject({ kind: 'PERSON', criticality: 1 }); // no impact scores: not assessed
  });

  it('pages assets under the organisation too, and filters by organisation', async () => {
    const res = await gql(
      api,
      '{ organization(id: "org-acme") { assets(first: 2) { totalCount edges { node { id } } } } }',
    );
    expect(res.body.data.organization.assets.totalCount).toBe(178);
    expect(res.body.data.organization.assets.edges).toHaveLength(2);
    const other = await gql(api, ASSETS, { org: 'org-other' });
    expect(other.body.data.assets).toMatchObject({
      totalCount: 0,
      edges: [],
      pageInfo: { hasNextPage: false, endCursor: null },
    });
  });

  it('rejects foreign cursors and page sizes with a clear BAD_USER_INPUT error', async () => {
    const bad = await gql(api, ASSETS, { after: 'not-a-cursor' });
    expect(bad.body.errors[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      rampartCode: 'BAD_CURSOR',
    });
    const big = await gql(api, ASSETS, { first: 10000 });
    expect(big.body.errors[0].message).toBe('first must be a whole number from 1 to 500; got 10000.');
    const nested = await gql(api, '{ organization(id: "org-acme") { assets(after: "zzz") { totalCount } } }');
    expect(nested.body.errors[0].extensions.rampartCode).toBe('BAD_CURSOR');
  });
});
