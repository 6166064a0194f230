import TestAgent from 'supertest/lib/agent';

/** A normal user's question: the dashboard's posture, as the web UI asks it. */
export const NORMAL_QUERY = '{ posture { assets criticalAssets findings } }';

/** How long one normal query takes when nothing else runs (median of a few), in ms. */
export async function usualTime(agent: TestAgent, runs = 5): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(await timedNormalQuery(agent));
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)];
}

/** One normal query; fails unless it answers 200 with data and no errors. Its time in ms. */
export async function timedNormalQuery(agent: TestAgent): Promise<number> {
  const started = Date.now();
  const res = await agent.post('/graphql').send({ query: NORMAL_QUERY });
  if (res.status !== 200 || res.body.errors || !res.body.data) {
    throw new Error(`the normal query failed during the attack: ${res.status} ${res.text.slice(0, 300)}`);
  }
  return Date.now() - started;
}

/**
 * Runs `attack` and, while it is in flight, a normal user's query every `everyMs`; returns what
 * the attack answered and the slowest normal query (each must have succeeded). The abuse suites
 * assert that slowest time against the usual time with a generous allowance: "answers within its
 * usual time" on a noisy 2-core machine, not a benchmark.
 */
export async function whileAttacking<T>(
  normal: TestAgent,
  attack: () => Promise<T>,
  everyMs = 200,
): Promise<{ result: T; slowestMs: number; probes: number }> {
  let done = false;
  let slowestMs = 0;
  let probes = 0;
  const probing = (async () => {
    while (!done) {
      slowestMs = Math.max(slowestMs, await timedNormalQuery(normal));
      probes++;
      await new Promise((r) => setTimeout(r, everyMs));
    }
  })();
  let result: T;
  try {
    result = await attack();
  } finally {
    done = true;
    await probing;
  }
  // After the last probe: a fast attack still reports the probe that ran beside it.
  return { result, slowestMs, probes };
}
