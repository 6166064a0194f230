import { INestApplication } from '@nestjs/common';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import TestAgent from 'supertest/lib/agent';
import { GraphContext } from '@rampart/graph';
import { driverSession } from '../support/raw-session';
import { authed, signInAs, startDemoApp } from '../support/test-app';
import { testConfig } from '../support/test-graph';

/**
 * Every mutation an OFFICIAL account might aim at a SECRET node, directly or through one of its
 * relationships; `refused` is the error code it must get. Mutations that write no organisation
 * node say why in `skip`. A new mutation without a row fails the first test.
 */
const ATTEMPTS: Record<string, { refused: string; gql: string }[] | { skip: string }> = {
  createEntity: [
    {
      refused: 'BAD_USER_INPUT',
      gql: 'mutation { createEntity(kind: PERSON, input: {id: "p-clr", name: "Clr", access: [{to: "sys-idp", mode: "admin"}]}) { id } }',
    },
    {
      refused: 'BAD_USER_INPUT',
      gql: 'mutation { createEntity(kind: CONTROL, input: {id: "ctl-clr", name: "Clr", domains: ["cyber"], effectiveness: 0.5, status: "implemented", protects: ["sys-idp"]}) { id } }',
    },
  ],
  updateEntity: [
    { refused: 'NOT_FOUND', gql: 'mutation { updateEntity(id: "sys-idp", set: {description: "x"}) { id } }' },
    // Dropping the CRM's dependency on the identity provider changes a SECRET node's relationships.
    { refused: 'FORBIDDEN', gql: 'mutation { updateEntity(id: "sys-crm", set: {dependsOn: []}) { id } }' },
  ],
  deleteEntity: [
    { refused: 'NOT_FOUND', gql: 'mutation { deleteEntity(id: "sys-idp") { id } }' },
    // The VPN's relationships include one to the identity provider: its delete would remove it.
    { refused: 'FORBIDDEN', gql: 'mutation { deleteEntity(id: "sys-vpn") { id } }' },
  ],
  addRelationship: [
    {
      refused: 'NOT_FOUND',
      gql: 'mutation { addRelationship(input: {from: "sys-crm", type: CONNECTS_TO, to: "sys-idp"}) { type } }',
    },
  ],
  removeRelationship: [
    {
      refused: 'NOT_FOUND',
      gql: 'mutation { removeRelationship(input: {from: "sys-crm", type: DEPENDS_ON, to: "sys-idp"}) { type } }',
    },
  ],
  deleteOrganization: [
    { refused: 'FORBIDDEN', gql: 'mutation { deleteOrganization(id: "org-acme") { deleted } }' },
    // A dry run too: its counts would describe entries the account may not know of.
    {
      refused: 'FORBIDDEN',
      gql: 'mutation { deleteOrganization(id: "org-acme", dryRun: true) { entities } }',
    },
  ],
  generateReport: { skip: 'writes a report file (redacted for the reader), never an organisation node' },
  createUser: { skip: 'accounts live outside the organisation graph' },
  updateUser: { skip: 'accounts live outside the organisation graph' },
  disableUser: { skip: 'accounts live outside the organisation graph' },
};

// Issue 19: clearance holds on every write, deletes included. Each mutation is aimed at a SECRET
// node by an account cleared OFFICIAL (an admin, so the role allows it): it is refused and the
// graph stays exactly as it was.
describe('abuse: every mutation against nodes above the clearance', () => {
  const config = testConfig();
  let app: INestApplication;
  let graph: GraphContext;
  let official: TestAgent;

  /** Every entity with its content and every relationship with its properties. */
  const fingerprint = () =>
    driverSession(config, async (s) => {
      const r = await s.run(
        `MATCH (n:Entity)
         OPTIONAL MATCH (n)-[r]->(m)
         WITH n, r, m ORDER BY n.id, type(r), m.id
         RETURN collect(n.id + '|' + coalesce(n.contentHash, '') + '|' + coalesce(type(r), '') + '|' + coalesce(m.id, '')) AS rows`,
      );
      return r.records[0].get('rows') as string[];
    });

  beforeAll(async () => {
    ({ app, graph } = await startDemoApp(config));
    const admin = authed(app, (await signInAs(app, 'admin')).accessToken);
    const secret = await admin
      .post('/graphql')
      .send({ query: 'mutation { updateEntity(id: "sys-idp", set: {classification: "SECRET"}) { id } }' });
    expect(secret.body.errors).toBeUndefined();
    official = authed(app, (await signInAs(app, 'admin', { clearance: 'OFFICIAL' })).accessToken);
  });
  afterAll(() => app?.close());

  it('has a row for every mutation of the schema', () => {
    const fields = Object.keys(app.get(GraphQLSchemaHost).schema.getMutationType()!.getFields()).sort();
    expect(Object.keys(ATTEMPTS).sort()).toEqual(fields);
  });

  it.each(Object.entries(ATTEMPTS).filter(([, a]) => Array.isArray(a)))(
    '%s is refused and changes nothing',
    async (_name, attempts) => {
      for (const a of attempts as { refused: string; gql: string }[]) {
        const before = await fingerprint();
        const res = await official.post('/graphql').send({ query: a.gql });
        expect({ query: a.gql, code: res.body.errors?.[0]?.extensions?.code }).toEqual({
          query: a.gql,
          code: a.refused,
        });
        expect(res.text).not.toContain('Identity provider');
        expect(await fingerprint()).toEqual(before);
      }
    },
  );

  it('lets the same account delete what touches no restricted node', async () => {
    await official
      .post('/graphql')
      .send({
        query: 'mutation { createEntity(kind: PLAIN_ASSET, input: {id: "ast-clr", name: "Spare"}) { id } }',
      })
      .expect(200);
    const res = await official
      .post('/graphql')
      .send({ query: 'mutation { deleteEntity(id: "ast-clr") { id } }' });
    expect(res.body).toEqual({ data: { deleteEntity: { id: 'ast-clr' } } });
    expect((await graph.entities.get(['ast-clr'])).size).toBe(0);
  });
});
