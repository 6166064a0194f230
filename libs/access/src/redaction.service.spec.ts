import { GraphContext } from '@rampart/graph';
import { Redactor } from '@rampart/output';
import { RedactionService, currentRedactor, runRedacted } from './redaction.service';

const KEY = Buffer.alloc(32, 3);
const NODES = [
  { id: 'inf-a', name: 'A', labels: ['Information'], classification: 'SECRET' },
  { id: 'inf-b', name: 'B', labels: ['Information'], classification: 'OFFICIAL' },
  // Its organisation ranks its own levels: INTERNAL is above PUBLIC.
  {
    id: 'inf-c',
    name: 'C',
    labels: ['Information'],
    classification: 'INTERNAL',
    levels: ['PUBLIC', 'INTERNAL'],
  },
];

function fakeGraph() {
  const calls = { version: 0, nodes: 0 };
  let version = 1;
  const graph = {
    analytics: {
      graphVersion: async () => (calls.version++, version),
      classifiedNodes: async () => (calls.nodes++, { version, nodes: NODES }),
    },
  } as unknown as GraphContext;
  return { graph, calls, bump: () => version++ };
}

describe('RedactionService', () => {
  it('hides what ranks above the clearance, by the node organisation levels, failing closed', async () => {
    const { graph } = fakeGraph();
    const s = new RedactionService(graph, KEY);
    expect((await s.forClearance('TOP_SECRET')).restrictedIds()).toEqual(['inf-c']);
    expect((await s.forClearance('OFFICIAL')).restrictedIds()).toEqual(['inf-a', 'inf-c']);
    expect((await s.forClearance(null)).restrictedIds()).toEqual(['inf-a', 'inf-b', 'inf-c']);
  });

  it('reads the classified nodes once per graph version and builds one redactor per clearance', async () => {
    const { graph, calls, bump } = fakeGraph();
    const s = new RedactionService(graph, KEY);
    const first = await s.forClearance('OFFICIAL');
    expect(await s.forClearance('OFFICIAL')).toBe(first);
    expect(calls).toEqual({ version: 2, nodes: 1 });
    bump();
    expect(await s.forClearance('OFFICIAL')).not.toBe(first);
    expect(calls.nodes).toBe(2);
  });

  it('shares version reads among requests asking at the same moment (issue 19)', async () => {
    const { graph, calls } = fakeGraph();
    const s = new RedactionService(graph, KEY);
    await Promise.all(Array.from({ length: 1000 }, () => s.forClearance('OFFICIAL')));
    expect(calls.version).toBeLessThanOrEqual(2);
    expect(calls.nodes).toBe(1);
  });

  it('gives the full view outside any request, the given redactor inside runRedacted', async () => {
    expect(currentRedactor()).toBe(Redactor.NONE);
    const r = new Redactor([{ id: 'x', name: 'X', labels: [] }], KEY);
    await runRedacted(r, async () => {
      await Promise.resolve();
      expect(currentRedactor()).toBe(r);
    });
    expect(currentRedactor()).toBe(Redactor.NONE);
  });
});
