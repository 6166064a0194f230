/* eslint-disable @typescript-eslint/no-explicit-any -- GraphQL response bodies are untyped JSON */
import { INestApplication } from '@nestjs/common';
import TestAgent from 'supertest/lib/agent';
import { GraphContext } from '@rampart/graph';
import { Exporter } from '@rampart/interchange';
import { startDemoApp, signedIn } from '../support/test-app';
import { testConfig } from '../support/test-graph';

type Body = { data?: Record<string, any>; errors?: { message: string; extensions: Record<string, any> }[] };

describe('GraphQL entities: every kind listed, filtered, paged and edited', () => {
  const config = testConfig();
  let graph: GraphContext;
  let app: INestApplication;
  let api: TestAgent;
  const gql = async (query: string, variables: Record<string, unknown> = {}): Promise<Body> =>
    (await api.post('/graphql').send({ query, variables })).body as Body;
  const snapshot = async () => (await new Exporter(graph).export('json', {})).body;

  beforeAll(async () => {
    ({ app, graph } = await startDemoApp(config));
    api = await signedIn(app);
  });
  afterAll(() => app.close());

  it('lists every entity kind of the demo organisation with its count', async () => {
    const kinds = {
      orgUnits: 10,
      serviceProviders: 5,
      people: 77,
      facilities: 34,
      systems: 42,
      informationAssets: 19,
      plainAssets: 6,
      controls: 49,
      threats: 7,
      riskRegister: 12,
      attackPatterns: 0,
      mitigations: 0,
    };
    const query = `{ ${Object.keys(kinds)
      .map((k) => `${k}(first: 1) { totalCount edges { node { __typename id } } }`)
      .join(' ')} }`;
    const res = await gql(query);
    expect(res.errors).toBeUndefined();
    const counts = Object.fromEntries(Object.keys(kinds).map((k) => [k, res.data?.[k].totalCount]));
    expect(counts).toEqual(kinds);
    expect(res.data?.people.edges[0].node.__typename).toBe('Person');
    expect(res.data?.plainAssets.edges[0].node.__typename).toBe('PlainAsset');
  });

  it('filters by kind-specific properties and by text', async () => {
    const res = await gql(`{
      ot: systems(filter: { systemKind: "ot" }) { totalCount }
      ict: systems(filter: { systemKind: "ict" }) { totalCount }
      separated: people(filter: { status: ["separated"] }) { totalCount edges { node { id status } } }
      degraded: controls(filter: { status: ["degraded"] }) { edges { node { id status } } }
      physical: controls(filter: { domain: "physical", status: ["implemented"] }) { edges { node { domains status } } }
      crm: systems(filter: { search: "CRM" }) { edges { node { id name } } }
      critical: assets(filter: { criticalityAtLeast: 4 }) { totalCount edges { node { criticality } } }
    }`);
    expect(res.errors).toBeUndefined();
    const d = res.data as Record<string, any>;
    expect([d.ot.totalCount, d.ict.totalCount]).toEqual([15, 27]);
    expect(d.separated.totalCount).toBe(4);
    expect(d.separated.edges.map((e: any) => e.node.id)).toEqual(
      expect.arrayContaining(['p-bob', 'p-hannah', 'p-oscar']),
    );
    expect(d.degraded.edges.map((e: any) => e.node.id)).toEqual(
      expect.arrayContaining(['ctl-plant-fence', 'ctl-patching']),
    );
    for (const e of d.physical.edges) {
      expect(e.node.domains).toContain('physical');
      expect(e.node.status).toBe('implemented');
    }
    expect(d.crm.edges.map((e: any) => e.node.id)).toContain('sys-crm');
    expect(d.critical.totalCount).toBe(69);
    expect(d.critical.edges.every((e: any) => e.node.criticality >= 4)).toBe(true);
  });

  it('pages a kind in id order with cursors, without gaps or repeats', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 20; i++) {
      const res = await gql(
        'query($after: String) { people(first: 10, after: $after) { pageInfo { hasNextPage endCursor } edges { node { id } } } }',
        { after },
      );
      const conn = res.data?.people;
      seen.push(...conn.edges.map((e: any) => e.node.id));
      if (!conn.pageInfo.hasNextPage) break;
      after = conn.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(77);
    expect(new Set(seen).size).toBe(77);
    expect([...seen].sort()).toEqual(seen);
  });

  it('reads any entity by id with its relationships in both directions', async () => {
    const res = await gql(`{
      entity(id: "sys-crm") {
        __typename id name labels organizationId source
        ... on System { systemKind maxClassification criticality kind }
        out: relationships(direction: OUT) { type node { id } }
        access: relationships(direction: IN, types: [HAS_ACCESS]) { type mode node { __typename id } }
      }
      missing: entity(id: "nope") { id }
      org: entity(id: "org-acme") { __typename ... on Organization { riskTolerance } }
    }`);
    expect(res.errors).toBeUndefined();
    const e = res.data?.entity;
    expect(e).toMatchObject({
      __typename: 'System',
      id: 'sys-crm',
      organizationId: 'org-acme',
      source: 'demo-org.yaml',
      systemKind: 'ict',
      maxClassification: 'SENSITIVE',
      kind: 'SYSTEM',
      criticality: 4,
    });
    expect(e.out).toEqual(
      expect.arrayContaining([
        { type: 'DEPENDS_ON', node: { id: 'sys-idp' } },
        { type: 'HOSTED_IN', node: { id: 'fac-dc-cage-it' } },
      ]),
    );
    expect(e.access.length).toBeGreaterThan(5);
    expect(e.access.every((a: any) => a.type === 'HAS_ACCESS' && a.node.__typename === 'Person')).toBe(true);
    expect(res.data?.missing).toBeNull();
    expect(res.data?.org).toEqual({ __typename: 'Organization', riskTolerance: 'medium' });
  });

  it('creates, updates and deletes an entity with the validation of an import', async () => {
    const created = await gql(
      `mutation($input: JSONObject!) { createEntity(kind: SYSTEM, input: $input) {
        id source ... on System { systemKind internetFacing } relationships { type direction node { id } } } }`,
      {
        input: {
          id: 'sys-test',
          name: 'Test app',
          kind: 'ict',
          hostedIn: 'fac-dc-cage-it',
          dependsOn: ['sys-idp'],
        },
      },
    );
    expect(created.errors).toBeUndefined();
    expect(created.data?.createEntity).toMatchObject({ id: 'sys-test', source: 'api', systemKind: 'ict' });
    expect(created.data?.createEntity.relationships).toHaveLength(2);

    const again = await gql(
      'mutation { createEntity(kind: SYSTEM, input: {id: "sys-test", name: "x"}) { id } }',
    );
    expect(again.errors?.[0].extensions.rampartCode).toBe('CONFLICT');

    const updated =
      await gql(`mutation { updateEntity(id: "sys-test", set: {internetFacing: true, connectsTo: ["sys-crm"]},
      unset: ["dependsOn"]) { ... on System { internetFacing } relationships(direction: OUT) { type node { id } } } }`);
    expect(updated.errors).toBeUndefined();
    expect(updated.data?.updateEntity.internetFacing).toBe(true);
    expect(updated.data?.updateEntity.relationships).toEqual([
      { type: 'CONNECTS_TO', node: { id: 'sys-crm' } },
      { type: 'HOSTED_IN', node: { id: 'fac-dc-cage-it' } },
    ]);

    const deleted = await gql('mutation { deleteEntity(id: "sys-test") { id relationshipsRemoved } }');
    expect(deleted.data?.deleteEntity).toEqual({ id: 'sys-test', relationshipsRemoved: 2 });
    expect((await gql('{ entity(id: "sys-test") { id } }')).data?.entity).toBeNull();
  });

  it('refuses an invalid edit with every issue and leaves the graph as it was', async () => {
    const before = await snapshot();
    const res = await gql(
      'mutation($input: JSONObject!) { createEntity(kind: CONTROL, input: $input) { id } }',
      {
        input: {
          id: 'ctl-bad',
          name: 'Bad',
          domains: ['magic'],
          effectiveness: 2,
          status: 'on',
          protects: ['nope'],
          colour: 'red',
        },
      },
    );
    const issues = res.errors?.[0].extensions.issues as { path: string; message: string }[];
    expect(res.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(issues.map((i) => i.path).sort()).toEqual([
      'input.colour',
      'input.domains[0]',
      'input.effectiveness',
      'input.protects[0]',
      'input.status',
    ]);
    const update = await gql('mutation { updateEntity(id: "p-alice", set: {clearance: "ULTRA"}) { id } }');
    expect(update.errors?.[0].message).toMatch(/input\.clearance: .*ULTRA/);
    const rename = await gql('mutation { updateEntity(id: "p-alice", set: {id: "p-al"}) { id } }');
    expect(rename.errors?.[0].extensions.rampartCode).toBe('VALIDATION_FAILED');
    expect(await snapshot()).toEqual(before);
  });

  it('adds and removes relationships on the side the file format states them', async () => {
    const add =
      await gql(`mutation { addRelationship(input: {from: "p-alice", type: HAS_ACCESS, to: "sys-scada",
      mode: "read", justification: "board review"}) { type from { id } to { id } } }`);
    expect(add.errors).toBeUndefined();
    const owners = await gql(
      'mutation { addRelationship(input: {from: "p-chen", type: OWNS, to: "sys-crm"}) { type } }',
    );
    expect(owners.errors).toBeUndefined();
    const read = await gql(`{
      alice: entity(id: "p-alice") { relationships(types: [HAS_ACCESS], direction: OUT) { mode justification node { id } } }
      crm: entity(id: "sys-crm") { relationships(types: [OWNS]) { node { id } } }
    }`);
    expect(read.data?.alice.relationships).toContainEqual({
      mode: 'read',
      justification: 'board review',
      node: { id: 'sys-scada' },
    });
    expect(read.data?.crm.relationships.map((r: any) => r.node.id).sort()).toEqual(['p-alice', 'p-chen']);

    const hosted = await gql(
      'mutation { addRelationship(input: {from: "sys-crm", type: HOSTED_IN, to: "fac-hq"}) { type } }',
    );
    expect(hosted.errors?.[0].extensions.rampartCode).toBe('CONFLICT');
    const wrong = await gql(
      'mutation { addRelationship(input: {from: "sys-crm", type: TARGETS, to: "fac-hq"}) { type } }',
    );
    expect(wrong.errors?.[0].message).toMatch(/cannot go from sys-crm/);

    for (const input of [
      '{from: "p-alice", type: HAS_ACCESS, to: "sys-scada"}',
      '{from: "p-chen", type: OWNS, to: "sys-crm"}',
    ]) {
      const res = await gql(`mutation { removeRelationship(input: ${input}) { type } }`);
      expect(res.errors).toBeUndefined();
    }
    const gone = await gql(
      'mutation { removeRelationship(input: {from: "p-chen", type: OWNS, to: "sys-crm"}) { type } }',
    );
    expect(gone.errors?.[0].extensions.rampartCode).toBe('NOT_FOUND');
    const after = await gql('{ entity(id: "sys-crm") { relationships(types: [OWNS]) { node { id } } } }');
    expect(after.data?.entity.relationships).toEqual([{ node: { id: 'p-alice' } }]);
  });

  it('refuses to delete what a risk needs, and catalogue or organisation edits', async () => {
    const res = await gql('mutation { deleteEntity(id: "inf-customers") { id } }');
    expect(res.errors?.[0].extensions.rampartCode).toBe('CONFLICT');
    expect(res.errors?.[0].message).toMatch(/rsk-1 \(TO_ASSET\)/);
    const org = await gql('mutation { updateEntity(id: "org-acme", set: {name: "x"}) { id } }');
    expect(org.errors?.[0].message).toMatch(/importing its file/);
  });
});
