import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { GraphContext } from '@rampart/graph';
import { Exporter, NativeImporter } from '@rampart/interchange';
import { freshGraph, openGraph, testConfig } from '../support/test-graph';

const FIXTURES = path.join(__dirname, '../fixtures/import');
const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name), 'utf8');

describe('native import and export on a real Neo4j', () => {
  const config = testConfig();
  let graph: GraphContext;
  let importer: NativeImporter;
  let exporter: Exporter;
  const demoText = fs.readFileSync(config.demoFile, 'utf8');
  const snapshot = () => graph.exports.snapshot({});
  const exportYaml = async () => (await exporter.export('yaml', {})).body;

  beforeAll(async () => {
    graph = await openGraph(config);
    importer = new NativeImporter(graph);
    exporter = new Exporter(graph);
  });
  afterAll(() => graph.close());
  beforeEach(() => freshGraph(graph));

  it('imports the demo and re-importing it changes nothing, timestamps included', async () => {
    const first = await importer.importText('demo-org.yaml', demoText, { now: '2026-01-01T00:00:00.000Z' });
    expect(first.issues).toEqual([]);
    expect(first.counts).toMatchObject({
      created: first.entities,
      changed: first.entities,
      relationshipsDeleted: 0,
    });
    const before = await snapshot();
    const second = await importer.importText('demo-org.yaml', demoText, { now: '2026-06-01T00:00:00.000Z' });
    expect(second.counts).toMatchObject({ created: 0, changed: 0, relationshipsDeleted: 0, pruned: 0 });
    expect(await snapshot()).toEqual(before);
  });

  it('round-trips: export -> import into an empty graph -> export gives the same document', async () => {
    await importer.importText('demo-org.yaml', demoText);
    const a = await exportYaml();
    const json = (await exporter.export('json', {})).body;
    expect(JSON.parse(json)).toEqual(parse(a));
    await freshGraph(graph);
    const reimport = await importer.importText('demo-org.yaml', a);
    expect(reimport.issues).toEqual([]);
    expect(await exportYaml()).toBe(a);
    // The exported document holds everything the demo file states.
    const doc = parse(a);
    expect(doc.people.find((p: { id: string }) => p.id === 'p-alice')).toMatchObject({
      roles: ['RSE'],
      memberOf: ['ou-board'],
      access: expect.arrayContaining([
        { to: 'inf-customers', mode: 'read', justification: 'billing disputes' },
      ]),
    });
    expect(doc.controls.find((c: { id: string }) => c.id === 'ctl-badge')).toMatchObject({
      protects: ['fac-dc'],
      dependsOn: ['sys-badge'],
      responsible: 'p-chen',
      detectionPoint: 'beginning',
    });
    expect(doc.organization.responseForce).toEqual({
      timeSeconds: 300,
      stdDevSeconds: 60,
      communicationProbability: 0.95,
    });
  });

  it('reports every error of a broken file with path and line, and leaves the graph unchanged', async () => {
    await importer.importText('demo-org.yaml', demoText);
    const before = await snapshot();
    const report = await importer.importText('broken.yaml', fixture('broken.yaml'));
    expect(report.ok).toBe(false);
    const found = report.issues.map((i) => `${i.line} ${i.path}: ${i.message}`);
    expect(found).toEqual(
      expect.arrayContaining([
        '11 people[0].favouriteColour: unknown key "favouriteColour"',
        '13 people[0].access[0].to: "sys-missing" is not defined in this file or in the graph',
        expect.stringMatching(
          /^15 facilities\[0\]\.locatedIn: locatedIn makes a cycle: fac-a -> fac-b -> fac-a$/,
        ),
        '18 systems[0].id: duplicate id "p-carol": already defined at people[0].id',
        expect.stringMatching(/^22 controls\[0\]\.domains\[1\]: expected one of governance, personnel/),
        '23 controls[0].effectiveness: expected a number from 0 to 1',
        '25 controls[0].protects[0]: "ou-nope" is not defined in this file or in the graph',
      ]),
    );
    expect(report.issues.every((i) => i.file === 'broken.yaml')).toBe(true);
    expect(await snapshot()).toEqual(before);
  });

  it('checks reference kinds against the graph too', async () => {
    await importer.importText('demo-org.yaml', demoText);
    const text =
      'format: rampart/v1\ncontrols:\n  - {id: ctl-q, name: Q, domains: [cyber], effectiveness: 0.5, status: planned, protects: [ou-board], responsible: sys-crm}\n';
    const report = await importer.importText('kinds.yaml', text);
    expect(report.issues.map((i) => `${i.path}: ${i.message}`)).toEqual([
      'controls[0].protects[0]: "ou-board" is a OrgUnit; protects must name an Asset',
      'controls[0].responsible: "sys-crm" is a System; responsible must name a Person',
    ]);
  });

  it('imports in parts: a second file adds to the only organisation and references the first', async () => {
    await importer.importText('demo-org.yaml', demoText);
    const report = await importer.importText('extra-system.yaml', fixture('extra-system.yaml'));
    expect(report.issues).toEqual([]);
    expect(report.organizationId).toBe('org-acme');
    const doc = parse(await exportYaml());
    expect(doc.systems.find((s: { id: string }) => s.id === 'sys-extra')).toMatchObject({
      hostedIn: 'fac-dc',
      connectsTo: ['sys-crm'],
    });
    const onlyExtra = parse((await exporter.export('yaml', { source: 'extra-system.yaml' })).body);
    expect(onlyExtra.systems.map((s: { id: string }) => s.id)).toEqual(['sys-extra']);
    expect(onlyExtra.people).toBeUndefined();
  });

  it('syncs: a changed file drops stale relationships, and prune removes entities it no longer has', async () => {
    await importer.importText('sync.yaml', fixture('sync-v1.yaml'));
    const kept = await importer.importText('sync.yaml', fixture('sync-v2.yaml'));
    expect(kept.counts).toMatchObject({ relationshipsDeleted: 2, pruned: 0 }); // CONNECTS_TO and the van's HOSTED_IN
    const afterKeep = parse(await exportYaml());
    expect(afterKeep.assets.map((a: { id: string }) => a.id)).toEqual(['ast-van']);
    expect(afterKeep.assets[0].hostedIn).toBeUndefined();
    expect(afterKeep.systems.find((s: { id: string }) => s.id === 'sys-a').connectsTo).toBeUndefined();
    const pruned = await importer.importText('sync.yaml', fixture('sync-v2.yaml'), { prune: true });
    expect(pruned.counts?.pruned).toBe(1);
    expect(parse(await exportYaml()).assets).toBeUndefined();
    const other = await importer.importText(
      'other.yaml',
      'format: rampart/v1\nassets:\n  - {id: ast-kept, name: Kept, hostedIn: fac-s}\n',
    );
    expect(other.issues).toEqual([]);
    await importer.importText('sync.yaml', fixture('sync-v2.yaml'), { prune: true });
    expect(parse(await exportYaml()).assets).toEqual([{ id: 'ast-kept', name: 'Kept', hostedIn: 'fac-s' }]); // another source is never pruned
  });

  it('with several organisations, refuses a file without one unless the import names it', async () => {
    await importer.importText('demo-org.yaml', demoText);
    expect((await importer.importText('second-org.yaml', fixture('second-org.yaml'))).issues).toEqual([]);
    const refused = await importer.importText('extra-system.yaml', fixture('extra-system.yaml'));
    expect(refused.issues[0].message).toMatch(/holds 2 organisations \(org-acme, org-beta\).*name one/);
    const unknown = await importer.importText('extra-system.yaml', fixture('extra-system.yaml'), {
      organizationId: 'org-nope',
    });
    expect(unknown.issues[0].message).toMatch(/organisation "org-nope" does not exist/);
    const named = await importer.importText('extra-system.yaml', fixture('extra-system.yaml'), {
      organizationId: 'org-acme',
    });
    expect(named.issues).toEqual([]);
    const stolen = await importer.importText(
      'steal.yaml',
      'format: rampart/v1\nfacilities:\n  - {id: fac-hq, name: Taken}\n',
      { organizationId: 'org-beta' },
    );
    expect(stolen.issues[0].message).toBe(
      'id "fac-hq" already belongs to organisation "org-acme"; ids are unique across the whole graph',
    );
    await expect(exporter.export('yaml', {})).rejects.toThrow(/holds 2 organisations/);
    expect(
      parse((await exporter.export('yaml', { organizationId: 'org-beta' })).body).facilities,
    ).toHaveLength(1);
  });

  it('validates without writing on a dry run', async () => {
    const report = await importer.importText('demo-org.yaml', demoText, { dryRun: true });
    expect(report).toMatchObject({ ok: true, dryRun: true, entities: 262 });
    expect(await graph.health.isEmpty()).toBe(true);
  });

  it('exports Cytoscape JSON and GraphML with every entity and relationship', async () => {
    const imported = await importer.importText('demo-org.yaml', demoText);
    const cy = JSON.parse((await exporter.export('cytoscape', {})).body);
    expect(cy.elements.nodes).toHaveLength(imported.entities);
    expect(cy.elements.edges).toHaveLength(imported.relationships);
    expect(
      cy.elements.nodes.find((n: { data: { id: string } }) => n.data.id === 'sys-crm').data,
    ).toMatchObject({ label: 'System', name: 'CRM' });
    expect(cy.elements.edges.map((e: { data: { id: string } }) => e.data.id)).toContain(
      'HAS_ACCESS:p-alice:inf-customers:read',
    );
    const graphml = (await exporter.export('graphml', {})).body;
    expect(graphml.match(/<node /g)).toHaveLength(imported.entities);
    expect(graphml.match(/<edge /g)).toHaveLength(imported.relationships);
    expect(graphml).toContain('<data key="n_name">Customer records</data>');
  });
});
