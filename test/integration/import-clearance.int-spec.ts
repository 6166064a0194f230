/* eslint-disable @typescript-eslint/no-explicit-any -- GraphQL response bodies are untyped JSON */
import { INestApplication } from '@nestjs/common';
import TestAgent from 'supertest/lib/agent';
import { GraphContext } from '@rampart/graph';
import { EntityEditor, NativeImporter } from '@rampart/interchange';
import { driverSession } from '../support/raw-session';
import { authed, signInAs, startDemoApp } from '../support/test-app';
import { freshDemo, testConfig } from '../support/test-graph';

type GqlBody = {
  data?: Record<string, any>;
  errors?: { message: string; extensions: Record<string, any> }[];
};

const json = (doc: unknown) => JSON.stringify({ format: 'rampart/v1', ...(doc as object) });

/** Two new systems, one of them SECRET (name and id must never show in a refusal). */
const WITH_SECRET = json({
  systems: [
    { id: 'sys-clr-open', name: 'Open relay' },
    { id: 'sys-clr-secret', name: 'Covert relay', classification: 'SECRET' },
  ],
});

/** The bundle of a tiny ATT&CK catalogue (enough for the threat library's need-to-know). */
const bundle = (...ids: string[]) =>
  JSON.stringify({
    type: 'bundle',
    objects: ids.map((t) => ({
      type: 'attack-pattern',
      id: `attack-pattern--${t}`,
      name: `Pattern ${t}`,
      external_references: [{ source_name: 'mitre-attack', external_id: t }],
    })),
  });

describe('imports and edits never touch an entry above the user clearance (issue 8)', () => {
  const config = testConfig();
  let app: INestApplication;
  let graph: GraphContext;
  let official: TestAgent;
  let secret: TestAgent;
  let admin: TestAgent;

  /** Everything an import could change: entities, their content and relationships. */
  const fingerprint = () =>
    driverSession(config, async (s) => {
      const r = await s.run(
        `MATCH (n:Entity) OPTIONAL MATCH (n)-[r]->()
         WITH n, count(r) AS rels ORDER BY n.id
         RETURN count(n) AS nodes, sum(rels) AS rels,
                collect(n.id + '|' + coalesce(n.contentHash, '') + '|' + coalesce(n.lastUpdated, '')) AS content`,
      );
      const row = r.records[0];
      return { nodes: Number(row.get('nodes')), rels: Number(row.get('rels')), content: row.get('content') };
    });
  const importJson = (agent: TestAgent, body: string, query = '') =>
    agent.post(`/api/import${query}`).set('content-type', 'application/json').send(body);
  const gql = async (agent: TestAgent, query: string, variables: Record<string, unknown> = {}) =>
    (await agent.post('/graphql').send({ query, variables })).body as GqlBody;
  /** The refusal names how many and the clearance, never the entries. */
  const expectRefused = (body: any, count: number, ...secrets: string[]) => {
    expect(body.error).toMatchObject({ code: 'FORBIDDEN', details: { aboveClearance: count } });
    const entries = count === 1 ? 'entry' : 'entries';
    expect(body.error.message).toContain(`${count} ${entries} above your clearance (OFFICIAL)`);
    expect(body.error.message).toContain('nothing was imported');
    for (const s of secrets) expect(body.error.message).not.toContain(s);
  };

  beforeAll(async () => {
    ({ app, graph } = await startDemoApp(config));
    // Suites share one Neo4j: accounts another suite left (disabled, other passwords) go first.
    await graph.users.deleteAll();
    official = authed(app, (await signInAs(app, 'analyst', { clearance: 'OFFICIAL' })).accessToken);
    secret = authed(app, (await signInAs(app, 'analyst', { clearance: 'SECRET' })).accessToken);
    admin = authed(app, (await signInAs(app, 'admin')).accessToken); // TOP_SECRET by default
  });
  beforeEach(() => freshDemo(graph, config));
  afterAll(async () => {
    await graph.users.deleteAll();
    await graph.audit.deleteAll();
    await app.close();
  });

  it('refuses a file holding a SECRET entry to an OFFICIAL analyst, dry run or not; nothing written', async () => {
    const before = await fingerprint();
    for (const query of ['', '?dryRun=true']) {
      const res = await importJson(official, WITH_SECRET, query).expect(403);
      expectRefused(res.body, 1, 'sys-clr-secret', 'Covert relay', 'SECRET)');
    }
    expect(await fingerprint()).toEqual(before);
  });

  it('checks an upload that is a first import entry by entry and stages it, refusing before any write', async () => {
    const streamed = jest.spyOn(NativeImporter.prototype, 'importFirstJsonFile');
    try {
      const before = await fingerprint();
      const refused = await importJson(official, WITH_SECRET, '?source=clr-first').expect(403);
      expectRefused(refused.body, 1, 'sys-clr-secret', 'Covert relay', 'SECRET)');
      expect(await fingerprint()).toEqual(before);
      const open = json({ systems: [{ id: 'sys-clr-open', name: 'Open relay' }] });
      const res = await importJson(official, open, '?source=clr-first').expect(200);
      expect(res.body).toMatchObject({ ok: true, counts: { created: 1 } });
      // Imported again: no longer a first import, so read whole (every clearance check applies).
      await importJson(official, open, '?source=clr-first').expect(200);
      const [first, second, again] = streamed.mock.results.map((r) => r.value as Promise<unknown>);
      await expect(first).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(second).resolves.toMatchObject({ ok: true, counts: { created: 1 } });
      await expect(again).resolves.toBeUndefined();
    } finally {
      streamed.mockRestore();
    }
  });

  it('lets a SECRET analyst and the (TOP_SECRET) admin import it', async () => {
    const res = await importJson(secret, WITH_SECRET).expect(200);
    expect(res.body).toMatchObject({ ok: true, counts: { created: 2 } });
    const top = json({ systems: [{ id: 'sys-clr-top', name: 'Top relay', classification: 'TOP_SECRET' }] });
    expect((await importJson(admin, top).expect(200)).body).toMatchObject({ counts: { created: 1 } });
    // The same TOP_SECRET file is above the SECRET analyst: refused, with the count.
    const refused = await importJson(secret, top).expect(403);
    expect(refused.body.error.message).toContain('1 entry above your clearance (SECRET)');
  });

  it('imports a file with nothing above the clearance as before', async () => {
    const doc = json({
      systems: [{ id: 'sys-clr-open', name: 'Open relay', classification: 'OFFICIAL', hostedIn: 'fac-dc' }],
    });
    const res = await importJson(official, doc).expect(200);
    expect(res.body).toMatchObject({ ok: true, counts: { created: 1, relationships: 1 } });
  });

  it('refuses a file that would change existing SECRET entries, even declared without classification', async () => {
    const before = await fingerprint();
    // inf-payroll and inf-vetting are SECRET in the demo; the file would declassify them.
    const doc = json({
      information: [
        { id: 'inf-payroll', name: 'Payroll data' },
        { id: 'inf-vetting', name: 'Security vetting records' },
        { id: 'inf-clr-new', name: 'New and open' },
      ],
    });
    const res = await importJson(official, doc).expect(403);
    expectRefused(res.body, 2, 'inf-payroll', 'Payroll data', 'inf-vetting', 'vetting records');
    expect(await fingerprint()).toEqual(before);
    await importJson(secret, doc).expect(200);
  });

  it('refuses a prune that would remove a SECRET entry; a SECRET analyst may prune it', async () => {
    const source = '?source=clr-prune';
    await importJson(admin, WITH_SECRET, source).expect(200);
    const before = await fingerprint();
    const onlyOpen = json({ systems: [{ id: 'sys-clr-open', name: 'Open relay' }] });
    const res = await importJson(official, onlyOpen, `${source}&prune=true`).expect(403);
    expectRefused(res.body, 1, 'sys-clr-secret', 'Covert relay');
    expect(await fingerprint()).toEqual(before);
    // Without prune the same file changes nothing above the clearance.
    await importJson(official, onlyOpen, source).expect(200);
    const pruned = await importJson(secret, onlyOpen, `${source}&prune=true`).expect(200);
    expect(pruned.body.counts).toMatchObject({ pruned: 1 });
  });

  it('refuses a CSV set with a SECRET row the same way', async () => {
    const before = await fingerprint();
    const csv = 'id,name,classification\nsys-clr-open,Open relay,\nsys-clr-secret,Covert relay,SECRET\n';
    const res = await official
      .post('/api/import?filename=clr')
      .attach('files', Buffer.from(csv), 'systems.csv')
      .expect(403);
    expectRefused(res.body, 1, 'sys-clr-secret', 'Covert relay');
    expect(await fingerprint()).toEqual(before);
  });

  it('refuses a STIX import that would change or prune a classified catalogue entry', async () => {
    await importJson(admin, bundle('T1078', 'T1110')).expect(200);
    await driverSession(config, (s) =>
      s.run("MATCH (n:AttackPattern {id: 'attack:T1110'}) SET n.classification = 'SECRET'"),
    );
    const before = await fingerprint();
    // Re-importing it would overwrite (declassify) it; pruning it would delete it.
    expectRefused((await importJson(official, bundle('T1078', 'T1110')).expect(403)).body, 1, 'T1110');
    expectRefused((await importJson(official, bundle('T1078'), '?prune=true').expect(403)).body, 1, 'T1110');
    expect(await fingerprint()).toEqual(before);
    await importJson(official, bundle('T1078')).expect(200);
  });

  describe('references to ids above the clearance answer as ids that do not exist', () => {
    // inf-payroll and inf-vetting are SECRET in the demo; inf-nowhere and inf-nothing do not exist.
    const refs = (a: string, b: string) =>
      JSON.stringify(
        {
          format: 'rampart/v1',
          people: [{ id: 'p-clr', name: 'Clr person', access: [{ to: a, mode: 'read' }] }],
          owners: [{ person: 'p-alice', assets: ['sys-crm', b] }],
        },
        null,
        2,
      );
    const unknown = (body: unknown) =>
      JSON.parse(
        JSON.stringify(body)
          .replaceAll('inf-payroll', 'inf-nowhere')
          .replaceAll('inf-vetting', 'inf-nothing'),
      );

    it('refuses a file naming SECRET ids with the very issues of unknown ids (422); nothing written', async () => {
      const before = await fingerprint();
      const hidden = await importJson(official, refs('inf-payroll', 'inf-vetting')).expect(422);
      const missing = await importJson(official, refs('inf-nowhere', 'inf-nothing')).expect(422);
      expect(missing.body.issues).toHaveLength(2);
      expect(missing.body.issues[0]).toMatchObject({
        path: 'people[0].access[0].to',
        line: expect.any(Number),
        message: '"inf-nowhere" is not defined in this file or in the graph',
      });
      // Messages included: the ids the user typed come back as typed, as unknown ones do.
      expect(unknown(hidden.body)).toEqual(missing.body);
      expect(await fingerprint()).toEqual(before);
      // The importer's own report: identical to the one for unknown ids, message included.
      const importer = new NativeImporter(graph);
      const report = (a: string, b: string) =>
        importer.importText('f.json', refs(a, b), { clearance: 'OFFICIAL' });
      expect(unknown(await report('inf-payroll', 'inf-vetting'))).toEqual(
        await report('inf-nowhere', 'inf-nothing'),
      );
      // Cleared for them, the same file imports.
      await importJson(secret, refs('inf-payroll', 'inf-vetting')).expect(200);
    });

    it('answers addRelationship and createEntity naming a SECRET id as for a missing id', async () => {
      const before = await fingerprint();
      const add = (to: string) =>
        gql(
          official,
          `mutation($to: String!) { addRelationship(input: {from: "p-alice", type: HAS_ACCESS, to: $to, mode: "read"}) { type } }`,
          { to },
        );
      const hidden = await add('inf-payroll');
      expect(hidden.errors?.[0].message).toBe('No entity has the id inf-payroll.');
      expect(unknown(hidden)).toEqual(await add('inf-nowhere'));
      const link = (from: string) =>
        gql(
          official,
          `mutation($from: String!) { addRelationship(input: {from: $from, type: STORED_ON, to: "sys-crm"}) { type } }`,
          {
            from,
          },
        );
      expect(unknown(await link('inf-payroll'))).toEqual(await link('inf-nowhere'));
      // The editor itself answers so too (the API layer also hides such ids in mutation arguments).
      const editor = new EntityEditor(graph, new NativeImporter(graph));
      const officialOnly = { clearance: 'OFFICIAL' };
      const failure = (p: Promise<unknown>) =>
        p.then(
          () => {
            throw new Error('expected a refusal');
          },
          (e: any) =>
            unknown({ name: e.constructor.name, code: e.code, message: e.message, details: e.details }),
        );
      for (const [hid, none] of [
        [{ from: 'p-alice', type: 'HAS_ACCESS', to: 'inf-payroll', mode: 'read' }, 'inf-nowhere'],
        [{ from: 'inf-payroll', type: 'STORED_ON', to: 'sys-crm' }, 'inf-nowhere'],
      ] as const) {
        const missing = JSON.parse(JSON.stringify(hid).replace('inf-payroll', none));
        const expected = await failure(editor.link(missing, officialOnly));
        expect(expected).toMatchObject({ code: 'NOT_FOUND', message: 'No entity has the id inf-nowhere.' });
        expect(await failure(editor.link(hid, officialOnly))).toEqual(expected);
        expect(await failure(editor.unlink(hid, officialOnly))).toEqual(
          await failure(editor.unlink(missing, officialOnly)),
        );
      }
      const create = (to: string) =>
        failure(
          editor.create('PERSON', { id: 'p-clr', name: 'Clr', access: [{ to, mode: 'read' }] }, officialOnly),
        );
      const created = await create('inf-payroll');
      expect(created).toMatchObject({
        code: 'VALIDATION_FAILED',
        message: 'The edit was refused: input.access[0].to: "inf-nowhere" is not defined in the graph',
      });
      expect(created).toEqual(await create('inf-nowhere'));
      // And through the API: createEntity's nested reference answers as an unknown id.
      const createApi = (to: string) =>
        gql(official, 'mutation($input: JSONObject!) { createEntity(kind: PERSON, input: $input) { id } }', {
          input: { id: 'p-clr', name: 'Clr', access: [{ to, mode: 'read' }] },
        });
      const viaApi = await createApi('inf-payroll');
      expect(viaApi.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
      expect(unknown(viaApi)).toEqual(await createApi('inf-nowhere'));
      expect(await fingerprint()).toEqual(before);
      // A SECRET analyst sees inf-payroll: the same edit goes through.
      const ok = await gql(
        secret,
        'mutation { addRelationship(input: {from: "p-alice", type: HAS_ACCESS, to: "inf-payroll", mode: "read"}) { type } }',
      );
      expect(ok.errors).toBeUndefined();
    });

    it('keeps the hidden relationships of an entity an OFFICIAL analyst edits, and refuses removing them', async () => {
      // p-rahul has read access to inf-payroll and inf-board-papers (SECRET).
      const update = (set: Record<string, unknown>) =>
        gql(official, 'mutation($set: JSONObject!) { updateEntity(id: "p-rahul", set: $set) { id } }', {
          set,
        });
      expect((await update({ description: 'CFO (acting)' })).errors).toBeUndefined();
      const before = await fingerprint();
      const removed = await update({ access: [{ to: 'fac-hq', mode: 'physical' }] });
      expect(removed.errors?.[0].extensions.code).toBe('FORBIDDEN');
      expect(removed.errors?.[0].message).toContain('above your clearance (OFFICIAL); nothing was changed');
      expect(JSON.stringify(removed)).not.toMatch(/inf-payroll|inf-board-papers/);
      expect(await fingerprint()).toEqual(before);
      const access = await driverSession(config, async (s) =>
        (
          await s.run(
            "MATCH (:Person {id: 'p-rahul'})-[:HAS_ACCESS]->(i) WHERE i.classification = 'SECRET' RETURN i.id AS id ORDER BY id",
          )
        ).records.map((r) => r.get('id')),
      );
      expect(access).toEqual(['inf-board-papers', 'inf-payroll']);
    });
  });

  it('refuses a re-import that would delete relationships to SECRET nodes, with their count', async () => {
    const source = '?source=clr-stale';
    const person = (access: { to: string; mode: string }[]) =>
      json({ people: [{ id: 'p-clr', name: 'Clr person', access }] });
    const full = person([
      { to: 'inf-payroll', mode: 'read' },
      { to: 'inf-payroll', mode: 'write' },
      { to: 'inf-vetting', mode: 'read' },
      { to: 'fac-hq', mode: 'physical' },
    ]);
    await importJson(secret, full, source).expect(200);
    const before = await fingerprint();
    const onlyOpen = person([{ to: 'fac-hq', mode: 'physical' }]);
    // Three relationships, two distinct SECRET nodes; dry run or not.
    for (const q of [source, `${source}&dryRun=true`]) {
      expectRefused(
        (await importJson(official, onlyOpen, q).expect(403)).body,
        2,
        'inf-payroll',
        'inf-vetting',
      );
    }
    expect(await fingerprint()).toEqual(before);
    const res = await importJson(secret, onlyOpen, source).expect(200);
    expect(res.body.counts).toMatchObject({ relationshipsDeleted: 3 });
  });

  describe('GraphQL edits', () => {
    const create = `mutation($input: JSONObject!) { createEntity(kind: SYSTEM, input: $input) { id } }`;
    const update = `mutation($set: JSONObject!) { updateEntity(id: "sys-crm", set: $set) { id } }`;
    const refusal = (res: GqlBody) => {
      expect(res.data ?? null).toBeNull();
      expect(res.errors?.[0].extensions.code).toBe('FORBIDDEN');
      expect(res.errors?.[0].message).toContain('above your clearance (OFFICIAL)');
      expect(res.errors?.[0].message).toContain('nothing was changed');
    };

    it('refuses createEntity and updateEntity setting a classification above the clearance', async () => {
      const before = await fingerprint();
      refusal(
        await gql(official, create, { input: { id: 'sys-clr-g', name: 'G', classification: 'SECRET' } }),
      );
      refusal(await gql(official, update, { set: { classification: 'SECRET' } }));
      expect(await fingerprint()).toEqual(before);
      const ok = await gql(secret, create, {
        input: { id: 'sys-clr-g', name: 'G', classification: 'SECRET' },
      });
      expect(ok).toEqual({ data: { createEntity: { id: 'sys-clr-g' } } });
      expect((await gql(official, update, { set: { classification: 'OFFICIAL' } })).errors).toBeUndefined();
    });

    it('refuses edits that touch an existing entity above the clearance (EntityEditor)', async () => {
      // Through the editor itself: the API layer may also make such ids look absent.
      const editor = new EntityEditor(graph, new NativeImporter(graph));
      const officialOnly = { clearance: 'OFFICIAL' };
      const before = await fingerprint();
      const refused = {
        code: 'FORBIDDEN',
        message: expect.stringContaining('above your clearance (OFFICIAL)'),
      };
      await expect(
        editor.update('inf-payroll', { description: 'x' }, [], officialOnly),
      ).rejects.toMatchObject(refused);
      await expect(editor.update('inf-payroll', {}, ['classification'], officialOnly)).rejects.toMatchObject(
        refused,
      );
      // A link names both ends: a hidden one answers as a missing id (below).
      await expect(
        editor.link({ from: 'inf-payroll', type: 'STORED_ON', to: 'sys-crm' }, officialOnly),
      ).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'No entity has the id inf-payroll.' });
      await expect(editor.delete('inf-vetting', officialOnly)).rejects.toMatchObject(refused);
      await expect(editor.delete('inf-vetting', { clearance: null })).rejects.toMatchObject({
        code: 'FORBIDDEN',
      });
      expect(await fingerprint()).toEqual(before);
      // Without a clearance given (CLI, full rights) and with one high enough, the edit goes through.
      await expect(editor.update('inf-payroll', { description: 'x' })).resolves.toBeDefined();
      await expect(editor.delete('inf-vetting', { clearance: 'SECRET' })).resolves.toBeDefined();
    });
  });
});
