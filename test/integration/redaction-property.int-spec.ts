import { INestApplication } from '@nestjs/common';
import { maySee } from '@rampart/auth';
import { DEFAULT_CLASSIFICATION_LEVELS, SECTION_KEYS } from '@rampart/domain';
import { GraphContext } from '@rampart/graph';
import { NativeImporter, generateOrganisation } from '@rampart/interchange';
import fc from 'fast-check';
import TestAgent from 'supertest/lib/agent';
import { firstLeak, numbers } from '../support/redaction-checks';
import { authed, signInAs } from '../support/test-app';
import { freshGraph, openGraph, testConfig } from '../support/test-graph';
import { createApp } from '../../apps/api/src/bootstrap';
import { createLogger } from '../../apps/api/src/logging';

type Item = Record<string, unknown>;
const LEVELS = DEFAULT_CLASSIFICATION_LEVELS;

/** A generated organisation whose entities carry the given classifications (-1: none) and unique names. */
function organisation(
  seed: number,
  levels: number[],
): { doc: Item; entities: { id: string; name: string; classification?: string }[] } {
  const doc = generateOrganisation({ people: 12, seed });
  const entities: { id: string; name: string; classification?: string }[] = [];
  for (const section of SECTION_KEYS) {
    for (const item of (doc[section] as Item[] | undefined) ?? []) {
      const i = entities.length;
      const level = levels[i % levels.length];
      item.name = `Nm${String(i).padStart(5, '0')}`;
      if (level >= 0) item.classification = LEVELS[level];
      else delete item.classification;
      entities.push({
        id: String(item.id),
        name: String(item.name),
        classification: item.classification as string | undefined,
      });
    }
  }
  return { doc, entities };
}

const QUERIES = [
  '{ posture { assets criticalAssets findings commonModeFailures commonModeUnits singlePointsOfFailure uncovered { asset { id name } } findingsBySeverity { key count } } }',
  '{ weakestLinks(limit: 500) { control { id name effectiveness } pairs riskIncrease singlePointOfFailureFor { id name } } }',
  '{ findings { ruleId severity title message nodes { id name label criticality } } }',
  '{ coverageSummary(first: 500) { assetId asset { id name } score coveredDomains domains { domain controls { id name on onName } } } }',
  '{ risks { riskId threat { id name } asset { id name } inherentLikelihood residualLikelihood consequence pathProbability } }',
];

describe('need-to-know on random graphs and clearances (property)', () => {
  const config = testConfig();
  let app: INestApplication;
  let graph: GraphContext;
  let admin: TestAgent;
  const readers = new Map<string, TestAgent>();

  beforeAll(async () => {
    graph = await openGraph(config);
    await freshGraph(graph);
    app = await createApp({ config, graph, logger: createLogger({ logLevel: 'silent' }) });
    await app.init();
    admin = authed(app, (await signInAs(app, 'admin')).accessToken);
    for (const level of LEVELS) {
      readers.set(level, authed(app, (await signInAs(app, 'rse', { clearance: level })).accessToken));
    }
  }, 120_000);

  afterAll(async () => {
    await graph.users.deleteAll();
    await graph.audit.deleteAll();
    await graph.health.deleteAll();
    await app?.close();
  });

  it('a reader gets no id or name above its clearance, and every number an admin gets', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 10_000 }),
        fc.array(fc.integer({ min: -1, max: LEVELS.length - 1 }), { minLength: 8, maxLength: 40 }),
        fc.constantFrom(...LEVELS),
        async (seed, levels, clearance) => {
          await graph.health.deleteAll();
          const { doc, entities } = organisation(seed, levels);
          const report = await new NativeImporter(graph).importText('gen.json', JSON.stringify(doc));
          expect(report.issues).toEqual([]);
          const hidden = entities.filter((e) => !maySee(clearance, e.classification, LEVELS));

          const reader = readers.get(clearance)!;
          const visible = entities.find(
            (e) => e.id.startsWith('p-') && maySee(clearance, e.classification, LEVELS),
          );
          const queries = visible
            ? [
                ...QUERIES,
                `{ blastRadius(nodeIds: ["${visible.id}"], mode: PROBABLE, threshold: 0) { impactScore byLabel { key count } nodes { id name probability } } }`,
              ]
            : QUERIES;
          for (const query of queries) {
            const [a, r] = await Promise.all(
              [admin, reader].map((agent) => agent.post('/graphql').send({ query })),
            );
            expect(a.body.errors).toBeUndefined();
            expect(r.body.errors).toBeUndefined();
            expect(firstLeak(r.text, hidden)).toBeUndefined();
            expect(numbers(r.body.data)).toEqual(numbers(a.body.data));
          }
          for (const format of ['cytoscape', 'graphml']) {
            const r = await reader.get(`/api/export?format=${format}`);
            expect(r.status).toBe(200);
            expect(firstLeak(r.text, hidden)).toBeUndefined();
          }
        },
      ),
      { numRuns: 8 },
    );
  }, 600_000);
});
