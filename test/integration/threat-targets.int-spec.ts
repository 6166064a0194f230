/* eslint-disable @typescript-eslint/no-explicit-any -- GraphQL response bodies are untyped JSON */
import { INestApplication } from '@nestjs/common';
import { GraphContext } from '@rampart/graph';
import { NativeImporter, generateOrganisation } from '@rampart/interchange';
import TestAgent from 'supertest/lib/agent';
import { authed, signInAs, signedIn, startDemoApp } from '../support/test-app';
import { freshDemo, testConfig } from '../support/test-graph';

const TARGETS = `query($t: ID!, $org: ID, $search: String, $first: Int, $maxHops: Int) {
  threatTargets(threatId: $t, organizationId: $org, search: $search, first: $first, maxHops: $maxHops) {
    totalCount reachableCount targets { reachable hops asset { id name criticality restricted } } } }`;

// The target list of the attack-path picker on the demo, next to a generated organisation:
// what the threat reaches first (fewest steps), then the rest of its own organisation's assets.
describe('threatTargets (GraphQL)', () => {
  const config = testConfig();
  let app: INestApplication;
  let graph: GraphContext;
  let api: TestAgent;
  const gql = async (agent: TestAgent, query: string, variables: Record<string, unknown> = {}) =>
    (await agent.post('/graphql').send({ query, variables })).body as { data?: any; errors?: any[] };
  const targets = async (variables: Record<string, unknown>, agent = api) => {
    const res = await gql(agent, TARGETS, variables);
    expect(res.errors).toBeUndefined();
    return res.data.threatTargets;
  };

  beforeAll(async () => {
    ({ app, graph } = await startDemoApp(config));
    const report = await new NativeImporter(graph).importText(
      'gen-5.json',
      JSON.stringify(generateOrganisation({ people: 40, seed: 5 })),
    );
    expect(report.ok).toBe(true);
    api = await signedIn(app);
  });
  afterAll(async () => {
    // The next suites find the demo alone, as after a start.
    if (graph) await freshDemo(graph, config).catch(() => undefined);
    await app?.close();
  });

  it('lists the entry points first, then what the threat reaches by fewest steps, then the rest', async () => {
    const t = await targets({ t: 'thr-crime', first: 500 });
    const assets = await gql(api, '{ assets(first: 500, organizationId: "org-acme") { totalCount } }');
    expect(t.totalCount).toBe(assets.data.assets.totalCount);
    expect(t.targets).toHaveLength(t.totalCount);
    expect(t.reachableCount).toBeGreaterThan(4);
    expect(t.reachableCount).toBeLessThan(t.totalCount);
    // Organised criminals start at the web portal, e-mail, the data centre and the head office.
    expect(
      t.targets
        .slice(0, 4)
        .map((x: any) => x.asset.id)
        .sort(),
    ).toEqual(['fac-dc', 'fac-hq', 'sys-email', 'sys-web']);
    expect(t.targets.slice(0, 4).every((x: any) => x.hops === 0)).toBe(true);
    // Reached first, fewest steps first; then the others, unreached, most critical first.
    const reached = t.targets.slice(0, t.reachableCount);
    const rest = t.targets.slice(t.reachableCount);
    expect(reached.every((x: any) => x.reachable && Number.isInteger(x.hops))).toBe(true);
    expect(rest.every((x: any) => !x.reachable && x.hops === null)).toBe(true);
    const hops = reached.map((x: any) => x.hops);
    expect(hops).toEqual([...hops].sort((a, b) => a - b));
    const crit = rest.map((x: any) => x.asset.criticality);
    expect(crit).toEqual([...crit].sort((a, b) => b - a));
    // The headline pair: web portal -> CRM -> customer records.
    expect(t.targets.find((x: any) => x.asset.id === 'inf-customers')).toMatchObject({
      reachable: true,
      hops: 2,
    });
    // Only the threat's own organisation.
    expect(t.targets.some((x: any) => x.asset.id.startsWith('org-gen-5:'))).toBe(false);
  });

  it('agrees with exposure on what the threat reaches', async () => {
    const t = await targets({ t: 'thr-insider', first: 500, maxHops: 6 });
    const reached = new Set(t.targets.filter((x: any) => x.reachable).map((x: any) => x.asset.id));
    for (const id of ['inf-payroll', 'sys-scada', 'inf-customers', 'fac-pump-river-bldg', 'ast-fleet']) {
      const res = await gql(api, '{ exposure(assetId: "' + id + '", maxHops: 6) { threats { id } } }');
      const threats = res.data.exposure.threats.map((x: any) => x.id);
      expect([id, reached.has(id)]).toEqual([id, threats.includes('thr-insider')]);
    }
  });

  it('cuts the list at first, keeping the counts, and searches by name or id', async () => {
    const all = await targets({ t: 'thr-crime', first: 500 });
    const page = await targets({ t: 'thr-crime', first: 5 });
    expect(page.targets).toEqual(all.targets.slice(0, 5));
    expect([page.totalCount, page.reachableCount]).toEqual([all.totalCount, all.reachableCount]);
    const found = await targets({ t: 'thr-crime', search: 'CUSTOMER' });
    expect(found.targets.map((x: any) => x.asset.id)).toContain('inf-customers');
    expect(found.targets.every((x: any) => /customer/i.test(`${x.asset.id} ${x.asset.name}`))).toBe(true);
    expect(found.totalCount).toBe(found.targets.length);
  });

  it('answers for a generated organisation with its own assets only', async () => {
    const t = await targets({ t: 'org-gen-5:thr-crime', first: 500 });
    expect(t.reachableCount).toBeGreaterThan(0);
    expect(t.targets.every((x: any) => x.asset.id.startsWith('org-gen-5:'))).toBe(true);
    const assets = await gql(api, '{ assets(first: 1, organizationId: "org-gen-5") { totalCount } }');
    expect(t.totalCount).toBe(assets.data.assets.totalCount);
    // Asked for another organisation's assets, it ranks those (none reached).
    const acme = await targets({ t: 'org-gen-5:thr-crime', org: 'org-acme', first: 1 });
    expect([acme.reachableCount, acme.targets[0].asset.id.startsWith('org-gen-5:')]).toEqual([0, false]);
  });

  it('leaves out what the reader may not see, from the list and its counts', async () => {
    const official = authed(app, (await signInAs(app, 'analyst', { clearance: 'OFFICIAL' })).accessToken);
    const all = await targets({ t: 'thr-insider', first: 500 });
    const seen = await targets({ t: 'thr-insider', first: 500 }, official);
    expect(all.targets.map((x: any) => x.asset.id)).toContain('inf-payroll');
    expect(seen.targets.map((x: any) => x.asset.id)).not.toContain('inf-payroll');
    expect(seen.targets.some((x: any) => x.asset.restricted)).toBe(false);
    expect(seen.totalCount).toBe(seen.targets.length);
    expect(seen.totalCount).toBeLessThan(all.totalCount);
  });

  it('refuses an unknown threat and out-of-range pages', async () => {
    const unknown = await gql(api, TARGETS, { t: 'thr-none' });
    expect(unknown.errors?.[0]).toMatchObject({ extensions: { code: 'NOT_FOUND' } });
    for (const v of [{ first: 0 }, { first: 501 }, { maxHops: 13 }]) {
      const res = await gql(api, TARGETS, { t: 'thr-crime', ...v });
      expect(res.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    }
  });
});
