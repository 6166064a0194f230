import * as fs from 'node:fs';
import { INestApplication } from '@nestjs/common';
import TestAgent from 'supertest/lib/agent';
import { GraphContext } from '@rampart/graph';
import { Exporter, NativeImporter, generateOrganisation } from '@rampart/interchange';
import { createApp } from '../../apps/api/src/bootstrap';
import { createLogger } from '../../apps/api/src/logging';
import { rampart, requireBuiltCli } from '../support/cli';
import { countsOf } from '../support/org-fingerprint';
import { authed, signInAs, signedIn } from '../support/test-app';
import { freshGraph, openGraph, testConfig } from '../support/test-graph';

const ACME = 'org-acme';
const GEN = 'org-gen-5';

// Issue 18: organisations are listed and deleted whole (admin only, audited); the others stay byte for byte.
describe('organisation lifecycle: list, delete (dry run), reset', () => {
  const config = testConfig();
  const demoText = fs.readFileSync(config.demoFile, 'utf8');
  let graph: GraphContext;
  let app: INestApplication;
  let api: TestAgent;

  const exportYaml = async (org: string) =>
    (await new Exporter(graph).export('yaml', { organizationId: org })).body;
  const load = async () => {
    const importer = new NativeImporter(graph);
    await importer.importText('demo-org.yaml', demoText);
    await importer.importText('gen.json', JSON.stringify(generateOrganisation({ people: 40, seed: 5 })));
  };

  beforeAll(async () => {
    requireBuiltCli();
    graph = await openGraph(config);
    app = await createApp({ config, graph, logger: createLogger({ logLevel: 'silent' }) });
    await app.init();
    api = await signedIn(app);
  });
  beforeEach(async () => {
    await freshGraph(graph);
    await load();
  });
  afterAll(() => app.close());

  it('REST: a dry run counts exactly what goes; the delete removes it and leaves the other byte-identical', async () => {
    const acme = await exportYaml(ACME);
    const gen = await countsOf(config, GEN);
    const dry = await api.delete(`/api/organizations/${GEN}?dryRun=true`).expect(200);
    expect(dry.body).toMatchObject({
      organizationId: GEN,
      dryRun: true,
      deleted: false,
      entities: gen.entities,
      relationships: gen.relationships,
      foreign: [],
    });
    const byLabel = dry.body.byLabel as { label: string; count: number }[];
    expect(byLabel.reduce((n, b) => n + b.count, 0)).toBe(gen.entities);
    expect(byLabel.find((b) => b.label === 'Person')?.count).toBe(40);
    expect(await countsOf(config, GEN)).toEqual(gen); // the dry run wrote nothing

    const done = await api.delete(`/api/organizations/${GEN}`).expect(200);
    expect(done.body).toMatchObject({ dryRun: false, deleted: true, entities: gen.entities });
    expect(await countsOf(config, GEN)).toEqual({ entities: 0, relationships: 0 });
    expect(await exportYaml(ACME)).toBe(acme);
    const list = await api.get('/api/organizations').expect(200);
    expect(list.body.organizations.map((o: { id: string }) => o.id)).toEqual([ACME]);
    await api.delete(`/api/organizations/${GEN}`).expect(404);
  });

  it('GraphQL: deleteOrganization (dryRun, force); refused while another organisation refers to it', async () => {
    // Acme's control also guards an asset of the generated organisation.
    const asset = (generateOrganisation({ people: 40, seed: 5 }).assets as { id: string }[])[0].id;
    await new NativeImporter(graph).importText(
      'cross.yaml',
      `format: rampart/v1\ncontrols: [{id: ctl-cross, name: Shared guard, domains: [physical], effectiveness: 0.5, status: implemented, protects: ["${asset}"]}]\n`,
      { organizationId: ACME },
    );
    const del = (args: string) =>
      api.post('/graphql').send({
        query: `mutation { deleteOrganization(id: "${GEN}"${args}) { organizationId dryRun deleted entities relationships foreign { organizationId relationships examples } } }`,
      });
    const dry = await del(', dryRun: true');
    expect(dry.body.data.deleteOrganization.foreign).toEqual([
      { organizationId: ACME, relationships: 1, examples: [`ctl-cross PROTECTS ${asset}`] },
    ]);
    const refused = await del('');
    expect(refused.body.errors[0].extensions.code).toBe('CONFLICT');
    expect(refused.body.errors[0].message).toBe(
      `Organisation "${GEN}" was not deleted: relationships stated elsewhere refer to its entities: 1 of organisation "${ACME}" (ctl-cross PROTECTS ${asset}). Remove those first, or delete with force to remove them too.`,
    );
    expect((await countsOf(config, GEN)).entities).toBeGreaterThan(40);
    const forced = await del(', force: true');
    expect(forced.body.data.deleteOrganization).toMatchObject({ deleted: true });
    expect(await countsOf(config, GEN)).toEqual({ entities: 0, relationships: 0 });
    // The control stays, without the relationship into the deleted organisation.
    expect((await graph.entities.get(['ctl-cross'])).size).toBe(1);
  });

  it('admin only, and every delete is in the audit trail', async () => {
    for (const role of ['rse', 'analyst', 'auditor'] as const) {
      const other = authed(app, (await signInAs(app, role)).accessToken);
      await other.delete(`/api/organizations/${GEN}`).expect(403);
    }
    await api.delete(`/api/organizations/${GEN}?dryRun=true`).expect(200);
    await api.delete(`/api/organizations/${GEN}`).expect(200);
    const log = await api.post('/graphql').send({
      query:
        '{ auditLog(first: 2, filter: {action: "graph:admin"}) { edges { node { action operation target outcome counts } } } }',
    });
    const nodes = log.body.data.auditLog.edges.map((e: { node: Record<string, unknown> }) => e.node);
    expect(nodes).toEqual([
      expect.objectContaining({
        operation: 'DELETE /api/organizations/:id',
        target: GEN,
        outcome: 'success',
      }),
      expect.objectContaining({
        operation: 'DELETE /api/organizations/:id',
        target: GEN,
        outcome: 'success',
      }),
    ]);
    expect(nodes[1].counts).toMatchObject({ entities: expect.any(Number) });
  });

  it('CLI: org list, org delete --dry-run, org delete, reset', () => {
    const list = rampart('org', 'list');
    expect(list.status).toBe(0);
    expect(
      list.stdout
        .split('\n')
        .filter(Boolean)
        .map((l) => l.split('\t').slice(0, 2)),
    ).toEqual([
      [ACME, 'Acme Water'],
      [GEN, 'Generated organisation 5'],
    ]);
    const dry = rampart('org', 'delete', GEN, '--dry-run');
    expect(dry.status).toBe(0);
    expect(dry.stderr).toMatch(
      new RegExp(
        `Would delete organisation ${GEN}: \\d+ entities \\(.*Person 40.*\\), \\d+ relationships\\.`,
      ),
    );
    const done = rampart('org', 'delete', GEN);
    expect(done.stderr).toMatch(new RegExp(`Deleted organisation ${GEN}: \\d+ entities`));
    expect(rampart('org', 'list').stdout.split('\n').filter(Boolean)).toHaveLength(1);
    const unknown = rampart('org', 'delete', 'org-nope');
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('No organisation has id "org-nope".');

    const refused = rampart('reset');
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('run it with --yes');
    const reset = rampart('reset', '--yes');
    expect(reset.status).toBe(0);
    expect(reset.stderr).toContain('Deleted 262 entities; the graph is empty');
    expect(rampart('org', 'list').stdout).toBe('');
  });
});
