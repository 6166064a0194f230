import { INestApplication } from '@nestjs/common';
import { GraphContext } from '@rampart/graph';
import TestAgent from 'supertest/lib/agent';
import { NORMAL_QUERY, timedNormalQuery, usualTime, whileAttacking } from '../support/abuse';
import { signedIn } from '../support/test-app';
import { startDemoApp } from '../support/test-app';
import { testConfig } from '../support/test-graph';

type Answer = {
  status: number;
  body: { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] };
};

/** "Within its usual time" on a noisy 2-core machine: a generous allowance, not a benchmark. */
const withinUsual = (usual: number) => Math.max(5 * usual, usual + 1500);
/** How long each attack goes on (refusals are fast: repeated so that the user's probes overlap). */
const ATTACK_MS = 1500;

const aliases = (n: number, field: (i: number) => string) =>
  Array.from({ length: n }, (_, i) => `a${i}: ${field(i)}`).join(' ');

const PAIR = 'threatId: "thr-crime", assetId: "inf-customers"';
/** The expensive analytics, one call each (the cost table prices them). */
const EXPENSIVE: Record<string, string> = {
  securityDepth: `securityDepth(${PAIR}) { depth }`,
  attackPaths: `attackPaths(${PAIR}, k: 50) { paths { probability } }`,
  weakestLinks: 'weakestLinks(limit: 500) { riskIncrease }',
  blastRadius: 'blastRadius(nodeIds: ["sys-crm"], mode: PROBABLE, maxHops: 12, threshold: 0) { impactScore }',
  posture: 'posture { findings }',
  findings: 'findings { ruleId }',
};

/**
 * Issue 19, the GraphQL attacks: each is refused before it runs with a 400 naming the limit it
 * broke, while a normal user's query keeps answering within its usual time, and the process
 * serves on. The app runs without the per-address rate limit (attacker and user share 127.0.0.1
 * here): these are the GraphQL guards alone.
 */
describe('abuse: costly GraphQL requests', () => {
  const config = testConfig();
  config.guards = { ...config.guards, rateLimitPerMinute: 0 };
  let app: INestApplication;
  let graph: GraphContext;
  let attacker: TestAgent;
  let user: TestAgent;
  let usual: number;

  beforeAll(async () => {
    ({ app, graph } = await startDemoApp(config));
    attacker = await signedIn(app, 'analyst');
    user = await signedIn(app, 'rse');
    usual = await usualTime(user);
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await graph?.close();
  });

  const send = async (query: string, variables: Record<string, unknown> = {}): Promise<Answer> => {
    const res = await attacker.post('/graphql').send({ query, variables });
    return { status: res.status, body: res.body };
  };

  /**
   * Sends the attack `times` at once, again and again for ATTACK_MS, while the user probes; each
   * must be refused naming `limit`.
   */
  async function refused(query: string, limit: RegExp, times = 5, variables: Record<string, unknown> = {}) {
    const { result, slowestMs, probes } = await whileAttacking(user, async () => {
      const answers: Answer[] = [];
      const until = Date.now() + ATTACK_MS;
      do answers.push(...(await Promise.all(Array.from({ length: times }, () => send(query, variables)))));
      while (Date.now() < until);
      // A last probe's time: whileAttacking reports those finished before the attack ended.
      await timedNormalQuery(user);
      return answers;
    });
    for (const answer of result) {
      expect(answer.status).toBe(400);
      expect(answer.body.data).toBeUndefined();
      expect(answer.body.errors?.[0].extensions?.code).toBe('QUERY_TOO_COMPLEX');
      expect(answer.body.errors?.[0].message).toMatch(limit);
    }
    expect(probes).toBeGreaterThan(0);
    expect(slowestMs).toBeLessThan(withinUsual(usual));
    // Still serving.
    expect((await user.post('/graphql').send({ query: NORMAL_QUERY })).status).toBe(200);
    return result[0].body.errors![0];
  }

  it.each(Object.keys(EXPENSIVE))('refuses thousands of aliases of %s before parsing them', async (field) => {
    const error = await refused(
      `{ ${aliases(4000, () => EXPENSIVE[field])} }`,
      /^The query is longer than 5,000 tokens \(RAMPART_GRAPHQL_MAX_TOKENS\)\. Ask for fewer fields or aliases/,
      3,
    );
    expect(error.extensions?.limit).toBe('RAMPART_GRAPHQL_MAX_TOKENS');
  });

  it("refuses the issue's 13,000 aliases of securityDepth (variables, a fragment) the same way", async () => {
    await refused(
      `query($t: ID!, $a: ID!) { ${aliases(13_000, () => 'securityDepth(threatId: $t, assetId: $a) { ...D }')} } fragment D on SecurityDepth { depth }`,
      /RAMPART_GRAPHQL_MAX_TOKENS/,
      2,
      { t: 'thr-crime', a: 'inf-customers' },
    );
  });

  it('prices each alias: a few of an expensive field go over the budget, named with its variable', async () => {
    // securityDepth costs 4,540 (graphql-costs.ts): 12 of them 54,480, over the 50,000 default.
    const error = await refused(
      `{ ${aliases(12, () => EXPENSIVE.securityDepth)} }`,
      /^The query would cost about 54,480 \(estimated milliseconds of work\); the budget of one request is 50,000 \(RAMPART_GRAPHQL_MAX_COST\)\. Ask for fewer analytics or aliases/,
    );
    expect(error.extensions).toMatchObject({ limit: 'RAMPART_GRAPHQL_MAX_COST', cost: 54_480, aliases: 12 });
    await refused(`{ ${aliases(3, () => EXPENSIVE.weakestLinks)} }`, /RAMPART_GRAPHQL_MAX_COST/);
    await refused(`{ ${aliases(10, () => EXPENSIVE.findings)} }`, /RAMPART_GRAPHQL_MAX_COST/);
    // Cheap fields: the alias limit.
    await refused(
      `{ ${aliases(51, () => EXPENSIVE.attackPaths)} }`,
      /^The query has 51 aliases; the limit is 50 \(RAMPART_GRAPHQL_MAX_ALIASES\)/,
    );
  });

  it('runs nothing of a refused request: no Neo4j transaction, no write', async () => {
    const executor = graph.executor;
    const spies = [
      jest.spyOn(executor, 'readTransaction'),
      jest.spyOn(executor, 'writeTransaction'),
      jest.spyOn(graph.analytics, 'graphVersion'),
    ];
    try {
      // Forty edits would cost 40 writes with their audit records.
      const edits = aliases(
        40,
        (i) => `updateEntity(id: "sys-crm", set: { description: "abused ${i}" }) { id }`,
      );
      const answer = await send(`mutation { ${edits} }`);
      expect(answer.status).toBe(400);
      expect(answer.body.errors?.[0].message).toMatch(/RAMPART_GRAPHQL_MAX_COST/);
      for (const spy of spies) expect(spy).not.toHaveBeenCalled();
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
    const crm = await user.post('/graphql').send({ query: '{ entity(id: "sys-crm") { description } }' });
    expect(crm.body.data.entity.description ?? '').not.toMatch(/abused/);
  });

  it('refuses deep nesting', async () => {
    const nest = (n: number): string =>
      n === 0 ? 'id' : `id relationships(first: 2) { node { ${nest(n - 1)} } }`;
    const error = await refused(
      `{ entity(id: "sys-crm") { ${nest(15)} } }`,
      /^The query nests 32 levels deep; the limit is 12\./,
    );
    expect(error.extensions?.limit).toBe('RAMPART_GRAPHQL_MAX_DEPTH');
  });

  it('refuses many list fields with large pages', async () => {
    // Fields: 500 entities x 1,000 relationships, twice over: the field limit.
    await refused(
      '{ assets(first: 500) { edges { node { relationships(first: 1000) { node { relationships(first: 1000) { type } } } } } } }',
      /^The query could resolve about \d+ fields; the limit is 250000\. Ask for smaller pages/,
    );
    // Few fields, but one relationships read per entity of each page: the cost budget.
    const pages = aliases(
      5,
      () => 'controls(first: 500) { edges { node { relationships(first: 10) { type } } } }',
    );
    await refused(`{ ${pages} }`, /RAMPART_GRAPHQL_MAX_COST/);
  });

  it('refuses cheap but huge requests: a fragment bomb, a long document', async () => {
    // 30 fragments, each spreading the next twice: 2^30 fields from 200 tokens.
    const levels = Array.from(
      { length: 30 },
      (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`,
    );
    await refused(
      `{ ...F0 } ${levels.join(' ')} fragment F30 on Query { me { id } }`,
      /^The query's fragments expand it to 2,147,483,648 fields; the limit is 20,000 \(4 × RAMPART_GRAPHQL_MAX_TOKENS\)/,
    );
    await refused(`{ ${aliases(3000, () => 'me { id }')} }`, /RAMPART_GRAPHQL_MAX_TOKENS/);
    // Long but harmless within the limits (__typename aliases are free): answered.
    const fine = await send(`{ ${aliases(1600, () => '__typename')} }`);
    expect({ status: fine.status, errors: fine.body.errors }).toEqual({ status: 200, errors: undefined });
  });

  it('shares per-request work: fifty aliases read the graph version at most twice', async () => {
    // The issue: each alias read the version (14,889 reads) until the driver pool ran dry.
    await new Promise((r) => setTimeout(r, config.graphRecheckMs + 10)); // the cache must ask again
    // The version is read with the token's check (auth/session-check) or on its own.
    const reads = jest.spyOn(graph.executor, 'readTransaction');
    const versionReads = () =>
      reads.mock.calls.filter(
        ([, name]) => name === 'auth/session-check' || name === 'meta/graph-version-get',
      ).length;
    try {
      const answer = await send(`{ ${aliases(49, () => EXPENSIVE.attackPaths)} }`);
      expect(answer.status).toBe(200);
      expect(answer.body.errors).toBeUndefined();
      expect(versionReads()).toBeGreaterThanOrEqual(1);
      expect(versionReads()).toBeLessThanOrEqual(2);
    } finally {
      reads.mockRestore();
    }
  });

  it('answers a request within every limit as usual, the user unaffected', async () => {
    const { result, slowestMs } = await whileAttacking(user, () =>
      send(`{ ${aliases(10, () => EXPENSIVE.securityDepth)} ${EXPENSIVE.attackPaths} }`),
    );
    expect(result.status).toBe(200);
    expect(result.body.errors).toBeUndefined();
    expect(slowestMs).toBeLessThan(withinUsual(usual));
  });
});
