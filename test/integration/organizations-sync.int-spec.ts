import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { INestApplication } from '@nestjs/common';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { GraphQLSchema } from 'graphql';
import TestAgent from 'supertest/lib/agent';
import { GraphContext } from '@rampart/graph';
import { NativeImporter, StixImporter, generateOrganisation } from '@rampart/interchange';
import { createApp } from '../../apps/api/src/bootstrap';
import { createLogger } from '../../apps/api/src/logging';
import { ROOT, rampart, requireBuiltCli } from '../support/cli';
import { fingerprint } from '../support/org-fingerprint';
import { signedIn } from '../support/test-app';
import { freshGraph, openGraph, testConfig } from '../support/test-graph';
import { binaryBody, zipTexts } from '../support/zip-entries';

const MITRE = path.resolve(ROOT, '../shared/data/mitre');

type Json = Record<string, unknown>;
const ACME = 'org-acme';
const GEN = 'org-gen-5';
/** A second organisation beside the demo: generated, its ids behind its own id. */
const genDoc = () => generateOrganisation({ people: 40, seed: 5 }) as Json & { people: Json[] };
/** An import that changed nothing at all. */
const NOTHING = {
  created: 0,
  changed: 0,
  pruned: 0,
  relationshipsCreated: 0,
  relationshipsUpdated: 0,
  relationshipsDeleted: 0,
};

// docs/spec/analytics.md §2 "Several organisations", issue 18: sync is scoped to (organisation, source).
describe('several organisations on one graph: imports never touch another organisation', () => {
  const config = testConfig();
  config.guards = { ...config.guards, graphqlMaxComplexity: 1e12, graphqlMaxDepth: 30, graphqlMaxCost: 1e12 };
  // The CLI writes from another process: analytics must see it at once.
  config.graphRecheckMs = 0;
  const demoText = fs.readFileSync(config.demoFile, 'utf8');
  let graph: GraphContext;
  let app: INestApplication;
  let api: TestAgent;
  let schema: GraphQLSchema;

  const fp = (org: string) => fingerprint(config, graph, api, schema, org);
  /** POST /api/import without a source (recorded as `upload` for every organisation). */
  const restImport = async (body: string, type = 'application/yaml', query = '') => {
    const res = await api.post(`/api/import${query}`).set('content-type', type).send(body);
    if (res.status !== 200) throw new Error(`import answered ${res.status}: ${res.text}`);
    return res.body as { ok: boolean; source: string; counts: Json };
  };
  const gql = async (query: string, variables: Json = {}) => {
    const res = await api.post('/graphql').send({ query, variables });
    if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
    return res.body.data as Json;
  };

  beforeAll(async () => {
    requireBuiltCli();
    graph = await openGraph(config);
    app = await createApp({ config, graph, logger: createLogger({ logLevel: 'silent' }) });
    await app.init();
    api = await signedIn(app);
    schema = app.get(GraphQLSchemaHost).schema;
  });
  beforeEach(() => freshGraph(graph));
  afterAll(() => app.close());

  it('alternating imports through REST (no source), the CLI, GraphQL edits and STIX leave the other unchanged', async () => {
    await restImport(demoText);
    const acme = await fp(ACME);
    expect(acme.counts).toEqual({ entities: 262, relationships: expect.any(Number) });
    await restImport(JSON.stringify(genDoc()), 'application/json');
    const gen = await fp(GEN);
    expect(gen.counts.entities).toBeGreaterThan(40);
    expect(await fp(ACME)).toEqual(acme);

    // The same source, `upload`, in both: re-importing one never syncs the other's relationships away.
    const again = await restImport(demoText);
    expect(again.counts).toMatchObject(NOTHING);
    expect(await fp(GEN)).toEqual(gen);

    // B drops one access entry: exactly that relationship of B goes, nothing of A.
    const changed = genDoc();
    const person = changed.people.find((p) => (p.access as unknown[]).length > 0)!;
    person.access = (person.access as unknown[]).slice(1);
    const dropped = await restImport(JSON.stringify(changed), 'application/json', '?prune=true');
    expect(dropped.counts).toMatchObject({ ...NOTHING, changed: 0, relationshipsDeleted: 1 });
    expect(await fp(ACME)).toEqual(acme);
    const gen2 = await fp(GEN);
    expect(gen2.counts.relationships).toBe((gen.counts.relationships as number) - 1);

    // The CLI imports A from its file (another source): A's content is the same, B untouched.
    const cli = rampart('import', config.demoFile, '--prune');
    expect(cli.stderr).toContain('entities: 0 created, 0 updated, 262 unchanged (262 now of this source)');
    expect(cli.status).toBe(0);
    expect(await fp(ACME)).toEqual(acme);
    expect(await fp(GEN)).toEqual(gen2);

    // GraphQL edits inside B: A unchanged.
    const system = changed.systems as Json[];
    await gql('mutation($id: ID!) { updateEntity(id: $id, set: {name: "Renamed by B"}) { id } }', {
      id: system[0].id,
    });
    await gql('mutation($i: RelationshipInput!) { addRelationship(input: $i) { type } }', {
      i: { from: system[1].id, type: 'CONNECTS_TO', to: system[2].id },
    });
    expect(await fp(ACME)).toEqual(acme);

    // The threat library, loaded and re-loaded with prune, changes neither organisation.
    const ics = path.join(MITRE, 'ics-attack.json');
    const gen3 = await fp(GEN);
    await new StixImporter(graph).importFile(ics);
    await new StixImporter(graph).importFile(ics, { prune: true });
    expect(await fp(ACME)).toEqual(acme);
    expect(await fp(GEN)).toEqual(gen3);
  });

  it.each(['yaml', 'json', 'csv'])(
    'an exported organisation (%s) imported back reports nothing created, updated or deleted',
    async (format) => {
      await new NativeImporter(graph).importText('demo-org.yaml', demoText);
      await new NativeImporter(graph).importText('gen.json', JSON.stringify(genDoc()));
      const [acme, gen] = [await fp(ACME), await fp(GEN)];
      const url = `/api/export?format=${format}&organizationId=${ACME}`;
      const importExport = async () => {
        if (format !== 'csv') {
          const body = (await api.get(url).expect(200)).text;
          return restImport(body, format === 'json' ? 'application/json' : 'application/yaml');
        }
        const zip = await api.get(url).buffer(true).parse(binaryBody).expect(200);
        let req = api.post('/api/import?filename=org-acme');
        for (const f of zipTexts(zip.body as Buffer)) req = req.attach('files', Buffer.from(f.text), f.name);
        const res = await req;
        if (res.status !== 200) throw new Error(res.text);
        return res.body as { counts: Json };
      };
      const first = await importExport();
      // Under its new source: every entity is moved there, none changed.
      expect(first.counts).toMatchObject({ ...NOTHING, moved: 262 });
      const second = await importExport();
      expect(second.counts).toMatchObject({ ...NOTHING, moved: 0, relationshipsMoved: 0 });
      expect(await fp(ACME)).toEqual(acme);
      expect(await fp(GEN)).toEqual(gen);
    },
  );

  it('the CLI reads its own export back with nothing created, updated or deleted', async () => {
    await new NativeImporter(graph).importText('demo-org.yaml', demoText);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rampart-roundtrip-'));
    try {
      const file = path.join(dir, 'acme.yaml');
      expect(rampart('export', '--format', 'yaml', '--org', ACME, '--out', file).status).toBe(0);
      const r = rampart('import', file);
      expect(r.status).toBe(0);
      expect(r.stderr).toMatch(
        /acme\.yaml \(organisation org-acme, source acme\.yaml\): entities: 0 created, 0 updated, 262 unchanged \(262 now of this source\), 0 deleted; relationships: 0 created, 0 updated, \d+ unchanged \(\d+ now of this source\), 0 deleted/,
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('generated organisations import next to the demo and to each other', async () => {
    const importer = new NativeImporter(graph);
    expect((await importer.importText('demo-org.yaml', demoText)).ok).toBe(true);
    for (const seed of [1, 2]) {
      const doc = generateOrganisation({ people: 30, seed });
      const r = await importer.importText(`gen-${seed}.json`, JSON.stringify(doc));
      expect(r.issues).toEqual([]);
    }
    const named = await importer.importText(
      'north.json',
      JSON.stringify(generateOrganisation({ people: 30, seed: 1, organizationId: 'org-north' })),
    );
    expect(named.issues).toEqual([]);
    const orgs = await graph.organizations.list();
    expect(orgs.map((o) => o.id)).toEqual(['org-acme', 'org-gen-1', 'org-gen-2', 'org-north']);
  });

  it('refuses, before writing, an id of another organisation or of the threat library, naming its owner', async () => {
    const importer = new NativeImporter(graph);
    await importer.importText('demo-org.yaml', demoText);
    await new StixImporter(graph).importFile(path.join(MITRE, 'ics-attack.json'));
    const before = await fp(ACME);
    const file = [
      'format: rampart/v1',
      'organization: {id: org-other, name: Other}',
      'systems:',
      '  - {id: sys-idp, name: Stolen identity provider}',
      '  - {id: "attack:T0800", name: Not a pattern}',
      '  - {id: sys-mine, name: Mine}',
      'owners:',
      '  - {person: p-alice, assets: [sys-crm, sys-mine]}',
    ].join('\n');
    const r = await importer.importText('other.yaml', file);
    expect(r.ok).toBe(false);
    expect(r.issues.map((i) => `${i.line}: ${i.path}: ${i.message}`)).toEqual([
      '4: systems[0].id: id "sys-idp" already belongs to organisation "org-acme"; ids are unique across the whole graph',
      '5: systems[1].id: id "attack:T0800" belongs to the threat library shared by every organisation (import it with its STIX bundle); ids are unique across the whole graph',
      `8: owners[0].assets[0]: "sys-crm" already belongs to organisation "org-acme": its owners are stated by that organisation's files`,
    ]);
    expect(await graph.organizations.list()).toHaveLength(1);
    expect(await fp(ACME)).toEqual(before);

    // A STIX bundle whose id an organisation holds is refused whole.
    const bundle = {
      type: 'bundle',
      id: 'bundle--1',
      objects: [
        {
          type: 'attack-pattern',
          id: 'attack-pattern--1',
          name: 'Clash',
          external_references: [{ source_name: 'mitre-attack', external_id: 'T9999' }],
        },
      ],
    };
    await importer.importText(
      'clash.yaml',
      'format: rampart/v1\nthreats: [{id: "attack:T9999", name: Mine, kind: insider, capability: 1, intent: 1}]',
    );
    await expect(new StixImporter(graph).importText('clash.json', JSON.stringify(bundle))).rejects.toThrow(
      'clash.json: 1 id of the bundle already belong to an organisation: "attack:T9999" (organisation "org-acme")',
    );
  });

  it('a prune never deletes what another organisation states a relationship to', async () => {
    const importer = new NativeImporter(graph);
    await importer.importText('demo-org.yaml', demoText);
    const part =
      'format: rampart/v1\norganization: {id: org-b, name: B}\nassets: [{id: ast-b, name: B vault}]\n';
    await importer.importText('b.yaml', part);
    // A's control also protects B's asset: an explicit reference across organisations.
    await importer.importText(
      'cross.yaml',
      'format: rampart/v1\ncontrols: [{id: ctl-cross, name: Shared guard, domains: [physical], effectiveness: 0.5, status: implemented, protects: [ast-b]}]\n',
      { organizationId: ACME },
    );
    const prune = await importer.importText(
      'b.yaml',
      'format: rampart/v1\norganization: {id: org-b, name: B}\n',
      { prune: true },
    );
    expect(prune.ok).toBe(false);
    expect(prune.issues[0].message).toBe(
      'the prune would delete entities that relationships stated elsewhere refer to: 1 of organisation "org-acme" (ctl-cross PROTECTS ast-b); remove those references first, or import without prune',
    );
    // A JSON file imported entry by entry is refused the same way, inside its transaction.
    const json = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'rampart-prune-')), 'b.json');
    fs.writeFileSync(
      json,
      JSON.stringify({ format: 'rampart/v1', organization: { id: 'org-b', name: 'B' } }),
    );
    const streamed = await importer.importJsonFile(json, { prune: true, source: 'b.yaml' });
    expect(streamed).toMatchObject({ ok: false, issues: [{ message: prune.issues[0].message }] });
    expect((await graph.entities.get(['ast-b'])).size).toBe(1);
    // Nor does deleting the entity alone.
    const del = await gql('mutation { deleteEntity(id: "ast-b") { id } }').catch((e: Error) => e.message);
    expect(del).toContain('ast-b cannot be deleted: ctl-cross (PROTECTS, stated by org-acme) refer to it');
  });
});
