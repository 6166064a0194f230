import { GraphContext, Q, QueryRegistry } from '@rampart/graph';
import { driverSession } from '../support/raw-session';
import { openGraph, testConfig } from '../support/test-graph';

// Sample values for EXPLAIN: dynamic labels and types need real values even when only planning.
const SAMPLE: Record<string, unknown> = { labels: ['Asset'], type: 'OWNS', rows: [], limit: 1, version: 1 };

describe('every .cypher file', () => {
  const config = testConfig();
  const registry = new QueryRegistry(config.cypherDir);
  let graph: GraphContext;

  beforeAll(async () => {
    graph = await openGraph(config);
  });
  afterAll(() => graph.close());

  it('has a header naming its own path, a purpose, params and returns', () => {
    for (const q of registry.all()) {
      expect(q.header.name).toBe(q.name);
      expect(q.header.purpose.length).toBeGreaterThan(10);
    }
  });

  it('includes every query the code names', () => {
    expect(() => registry.requireAll(Object.values(Q))).not.toThrow();
  });

  const dataQueries = new QueryRegistry(testConfig().cypherDir)
    .all()
    .filter((q) => !q.name.startsWith('schema/'));
  it.each(dataQueries.map((q) => [q.name, q] as const))(
    '%s plans with EXPLAIN on the real database',
    async (_name, q) => {
      const params = Object.fromEntries(
        [...q.text.matchAll(/\$([A-Za-z_]\w*)/g)].map(([, p]) => [p, SAMPLE[p] ?? null]),
      );
      await driverSession(config, async (s) => {
        const result = await s.run(`EXPLAIN ${q.text}`, params);
        expect(result.summary.plan).toBeTruthy();
      });
    },
  );

  it('applies every schema file, twice without error, and records the version', async () => {
    const first = await graph.schema.apply();
    const second = await graph.schema.apply();
    expect(first).toEqual(second);
    expect(second.upToDate).toBe(true);
    expect(second.applied).toBe(registry.schema().length);
  });
});
