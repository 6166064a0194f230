import { GraphContext } from '@rampart/graph';
import { EntityEditor, NativeImporter } from '@rampart/interchange';
import { freshDemo, openGraph, testConfig } from '../support/test-graph';

const FILE = JSON.stringify({
  format: 'rampart/v1',
  systems: [
    { id: 'sys-rec-a', name: 'Record A', connectsTo: ['sys-vpn'] },
    { id: 'sys-rec-b', name: 'Record B', connectsTo: ['sys-rec-a'] },
  ],
});
const OTHER_ORG = JSON.stringify({
  format: 'rampart/v1',
  organization: { id: 'org-rec-other', name: 'Other' },
  systems: [{ id: 'sys-rec-other', name: 'Elsewhere' }],
});

describe('a re-import of the same file into an unchanged organisation writes nothing (issue 21)', () => {
  const config = testConfig();
  let graph: GraphContext;
  let importer: NativeImporter;
  let editor: EntityEditor;
  const reimport = async (changed = 0) => {
    const r = await importer.importText('record.json', FILE, { organizationId: 'org-acme' });
    expect(r.counts).toMatchObject({
      nodes: 2,
      created: 0,
      changed,
      relationships: 2,
      relationshipsCreated: 0,
    });
    return r;
  };
  /** Whether the last re-import wrote (moved the graph version). */
  const wrote = async (f: () => Promise<unknown>) => {
    const before = await graph.analytics.graphVersion();
    await f();
    return (await graph.analytics.graphVersion()) !== before;
  };

  beforeAll(async () => {
    graph = await openGraph(config);
    importer = new NativeImporter(graph);
    editor = new EntityEditor(graph, importer);
    await freshDemo(graph, config);
    await importer.importText('record.json', FILE, { organizationId: 'org-acme' });
  });
  afterAll(() => graph.close());

  it('skips the comparison when nothing changed since, and when only another organisation changed', async () => {
    expect(await wrote(reimport)).toBe(false);
    await importer.importText('other.json', OTHER_ORG);
    expect(await wrote(reimport)).toBe(false);
  });

  it('compares row by row (and restores the file) after an edit in its organisation', async () => {
    await editor.update('sys-rec-a', { name: 'Renamed by hand' });
    expect(await wrote(() => reimport(1))).toBe(true);
    expect((await graph.entities.get(['sys-rec-a'])).get('sys-rec-a')?.props.name).toBe('Record A');
    expect(await wrote(reimport)).toBe(false);
    // An edit elsewhere in the organisation counts too: the file's relationships may end there.
    await editor.update('ctl-mfa', { name: 'MFA (renamed)' });
    expect(await wrote(reimport)).toBe(true);
  });

  it('compares row by row after a bulk write, another file content or other options', async () => {
    await graph.organizationDeletion.delete('org-rec-other', { force: true });
    expect(await wrote(reimport)).toBe(true);
    expect(await wrote(reimport)).toBe(false);
    const pruned = await importer.importText('record.json', FILE, {
      organizationId: 'org-acme',
      prune: true,
    });
    expect(pruned.counts?.pruned).toBe(0);
    const changed = FILE.replace('Record B', 'Record Bee');
    const r = await importer.importText('record.json', changed, { organizationId: 'org-acme' });
    expect(r.counts).toMatchObject({ changed: 1 });
  });
});
