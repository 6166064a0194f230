/* eslint-disable @typescript-eslint/no-explicit-any -- GraphQL response bodies are untyped JSON */
import { INestApplication } from '@nestjs/common';
import * as fs from 'node:fs';
import * as path from 'node:path';
import TestAgent from 'supertest/lib/agent';
import { startDemoApp, signedIn } from '../support/test-app';
import { testConfig } from '../support/test-graph';

// Expected values are those of docs/demo-organisation.md, traced by hand on the demo file.
const DEPTH = `query($t: ID!, $a: ID!) { securityDepth(threatId: $t, assetId: $a) {
  reachable depth exposed cutSets { order probability commonMode units { id kind domains } }
  singlePointsOfFailure { id } chokePoints { id } } }`;

describe('analytics on the demo organisation (GraphQL)', () => {
  const config = testConfig();
  let app: INestApplication;
  let api: TestAgent;
  const gql = async (query: string, variables: Record<string, unknown> = {}) =>
    (await api.post('/graphql').send({ query, variables })).body as {
      data?: any;
      errors?: any[];
    };
  const depth = async (t: string, a: string) => {
    const res = await gql(DEPTH, { t, a });
    expect(res.errors).toBeUndefined();
    return res.data.securityDepth;
  };
  const units = (d: any) => d.cutSets.map((c: any) => c.units.map((u: any) => u.id).sort());

  beforeAll(async () => {
    ({ app } = await startDemoApp(config));
    api = await signedIn(app);
  });
  afterAll(() => app.close());

  it('gives the most likely path of organised criminals to the customer records, degraded patching at half', async () => {
    const res = await gql(`{ attackPaths(threatId: "thr-crime", assetId: "inf-customers", k: 3) {
      truncated paths { probability hops nodes { id } steps { from to vector controls { id effectiveness domains } } } } }`);
    expect(res.errors).toBeUndefined();
    const [best, ...rest] = res.data.attackPaths.paths;
    expect(best.nodes.map((n: any) => n.id)).toEqual(['sys-web', 'sys-crm', 'inf-customers']);
    expect(best.probability).toBeCloseTo(0.5 * 0.5 * 0.7 * 0.8 * 0.5, 12);
    expect(best.steps[0].controls.find((c: any) => c.id === 'ctl-patching').effectiveness).toBeCloseTo(
      0.2,
      12,
    );
    expect(best.steps[0].from).toBeNull();
    expect(rest).toHaveLength(2);
    expect(rest.every((p: any) => p.probability <= best.probability)).toBe(true);
  });

  it('finds the cross-domain common-mode failure: the identity provider alone opens a path', async () => {
    const d = await depth('thr-crime', 'inf-customers');
    expect(d).toMatchObject({ reachable: true, depth: 3, exposed: false });
    expect(units(d)).toEqual([
      ['sys-idp'],
      ['ctl-badge', 'ctl-dc-vault', 'ctl-rbac-customers'],
      ['ctl-console-logon', 'ctl-rbac-customers', 'sys-badge'],
      ['ctl-dc-vault', 'ctl-rbac-customers', 'sys-badge'],
    ]);
    expect(d.cutSets[0]).toMatchObject({
      order: 1,
      commonMode: true,
      units: [{ id: 'sys-idp', kind: 'DEPENDENCY', domains: ['cyber', 'information', 'physical'] }],
    });
    expect(d.singlePointsOfFailure).toEqual([{ id: 'sys-idp' }]);
    expect(units(await depth('thr-crime', 'sys-crm'))).toEqual([
      ['sys-idp'],
      ['ctl-console-logon', 'sys-badge'],
    ]);
  });

  it('answers what-if: with the identity provider failed, a path to the customer records is open', async () => {
    const q = `query($f: [ID!]!) { attackPaths(threatId: "thr-crime", assetId: "inf-customers", k: 1, failed: $f) {
      failed { id name kind domains } failedControls paths { probability steps { controls { id } } } } }`;
    const idp = await gql(q, { f: ['sys-idp'] });
    expect(idp.errors).toBeUndefined();
    // The order-1 cut set above: every control depending on sys-idp fails with it.
    expect(idp.data.attackPaths.failedControls.length).toBeGreaterThan(1);
    expect(idp.data.attackPaths.failed).toEqual([
      {
        id: 'sys-idp',
        name: 'Identity provider',
        kind: 'DEPENDENCY',
        domains: ['cyber', 'information', 'physical'],
      },
    ]);
    expect(idp.data.attackPaths.paths[0].probability).toBe(1);
    const used = idp.data.attackPaths.paths[0].steps.flatMap((s: any) => s.controls.map((c: any) => c.id));
    expect(used.filter((id: string) => idp.data.attackPaths.failedControls.includes(id))).toEqual([]);
    // One control without dependants takes out itself only, and never lowers the best path.
    const base = await gql(q, { f: [] });
    const patching = await gql(q, { f: ['ctl-patching'] });
    expect(patching.data.attackPaths.failedControls).toEqual(['ctl-patching']);
    expect(patching.data.attackPaths.paths[0].probability).toBeGreaterThanOrEqual(
      base.data.attackPaths.paths[0].probability,
    );
    const unknown = await gql(q, { f: ['ctl-nope'] });
    expect(unknown.errors?.[0]).toMatchObject({
      message: expect.stringContaining('ctl-nope'),
      extensions: { code: 'NOT_FOUND' },
    });
  });

  it('shows a lone control (depth 1) and an exposed critical asset (depth 0)', async () => {
    const insider = await depth('thr-insider', 'sys-scada');
    expect(insider).toMatchObject({ depth: 1, exposed: false });
    expect(units(insider)).toEqual([
      ['ctl-contractor-screening'],
      ['ctl-ot-ids', 'ctl-vetting'],
      ['ctl-vetting', 'sp-sentinel'],
      ['ctl-control-room-door', 'ctl-scada-cabinet', 'ctl-vetting'],
      ['ctl-scada-cabinet', 'ctl-vetting', 'sys-alarm-plant'],
    ]);
    expect(insider.cutSets[0]).toMatchObject({ commonMode: false, probability: 0.6 });
    const state = await depth('thr-state', 'sys-plc-river');
    expect(state).toMatchObject({ reachable: true, depth: 0, exposed: true, cutSets: [] });
    expect(state.chokePoints.map((c: any) => c.id)).toContain('sys-cell-router-river');
  });

  it('computes blast radius in both modes and exposure with the threats that reach an asset', async () => {
    const res = await gql(`{
      s: blastRadius(nodeIds: ["p-femi"]) { impactScore nodes { id hops probability } }
      p: blastRadius(nodeIds: ["p-femi"], mode: PROBABLE) { impactScore nodes { id label hops probability } byLabel { key count } }
      e: exposure(assetId: "sys-scada", mode: PROBABLE, threshold: 0) { threats { id entryPoint probability } nodes { id } }
    }`);
    expect(res.errors).toBeUndefined();
    const { s, p, e } = res.data;
    const structural = new Set(s.nodes.map((n: any) => n.id));
    expect(p.nodes.every((n: any) => structural.has(n.id))).toBe(true);
    expect(p.impactScore).toBeLessThan(s.impactScore);
    expect(s.nodes.every((n: any) => n.probability === 1 && n.hops <= 6)).toBe(true);
    // p-femi is compromised: the screening on p-femi no longer counts; nothing on sys-scada applies to access.
    expect(p.nodes.find((n: any) => n.id === 'sys-scada')).toEqual({
      id: 'sys-scada',
      label: 'System',
      hops: 1,
      probability: 1,
    });
    expect(e.threats).toContainEqual({ id: 'thr-insider', entryPoint: 'p-femi', probability: 0.6 });
    expect(e.nodes.map((n: any) => n.id)).toContain('p-femi');
  });

  it('recomputes after an edit: failing the lone control exposes the SCADA', async () => {
    const failed = await gql(
      'mutation { updateEntity(id: "ctl-contractor-screening", set: {status: "failed"}) { id } }',
    );
    expect(failed.errors).toBeUndefined();
    expect(await depth('thr-insider', 'sys-scada')).toMatchObject({ depth: 0, exposed: true });
    await gql(
      'mutation { updateEntity(id: "ctl-contractor-screening", set: {status: "implemented"}) { id } }',
    );
    expect((await depth('thr-insider', 'sys-scada')).depth).toBe(1);
  });

  it('answers unknown ids and bad bounds with clear errors', async () => {
    const error = async (query: string) => (await gql(`{ ${query} }`)).errors?.[0];
    const a = await error('attackPaths(threatId: "thr-none", assetId: "sys-scada") { truncated }');
    expect(a.extensions.rampartCode).toBe('NOT_FOUND');
    expect((await error('securityDepth(threatId: "thr-crime", assetId: "nope") { depth }')).message).toMatch(
      /nope/,
    );
    const k = await error('attackPaths(threatId: "thr-crime", assetId: "sys-scada", k: 0) { truncated }');
    expect(k).toMatchObject({
      message: 'k must be a whole number from 1 to 50; got 0.',
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });

  it('shows the five domains around an asset, inherited controls marked, critical assets first', async () => {
    const res = await gql(`{
      nas: coverage(assetId: "sys-depot-nas", asOf: "2026-11-23") { requiredDomains missingDomains score }
      intranet: coverage(assetId: "sys-intranet", asOf: "2026-11-23") { missingDomains }
      designs: coverage(assetId: "inf-plant-designs", asOf: "2026-11-23") { missingDomains }
      customers: coverage(assetId: "inf-customers", asOf: "2026-11-23") {
        requiredDomains coveredDomains score functions domains { domain required covered fraction controls { id inherited on onName } } }
      summary: coverageSummary(asOf: "2026-11-23", criticalOnly: true) { assetId critical score asset { criticality } }
    }`);
    expect(res.errors).toBeUndefined();
    const d = res.data;
    // PHY-1: no physical control on the depot NAS or its facilities.
    expect(d.nas.requiredDomains).toEqual(['governance', 'personnel', 'cyber', 'physical']);
    expect(d.nas.missingDomains).toContain('physical');
    expect(d.intranet.missingDomains).toContain('governance'); // GOV-1: no owner
    expect(d.designs.missingDomains).toEqual(expect.arrayContaining(['governance', 'information'])); // GOV-1, INF-1
    const c = d.customers;
    expect(c.requiredDomains).toHaveLength(5);
    expect(c.score).toBeCloseTo(c.domains.filter((x: any) => x.required && x.covered).length / 5, 12);
    const cyber = c.domains.find((x: any) => x.domain === 'cyber');
    expect(cyber.controls.some((x: any) => x.inherited && x.on === 'sys-crm' && x.onName === 'CRM')).toBe(
      true,
    );
    expect(d.summary).toHaveLength(69); // the demo's critical assets
    expect(d.summary.every((s: any) => s.critical)).toBe(true);
    const crit = d.summary.map((s: any) => s.asset.criticality);
    expect([...crit].sort((a: number, b: number) => b - a)).toEqual(crit);
  });

  it('scores EASI on every path of activists to the plant SCADA (hand-computed in the demo docs)', async () => {
    const res = await gql(`{ interruption(threatId: "thr-activist", assetId: "sys-scada") {
      assessed responseForce { timeSeconds } criticalDetectionPoint { id }
      mostVulnerablePath { probability path { nodes { id } } }
      paths { probability path { nodes { id } } steps { node detectionProbability detectionPoint remainingSeconds } } } }`);
    expect(res.errors).toBeUndefined();
    const r = res.data.interruption;
    expect(r).toMatchObject({
      assessed: true,
      responseForce: { timeSeconds: 300 },
      criticalDetectionPoint: { id: 'fac-plant' },
    });
    expect(r.paths).toHaveLength(4);
    expect(r.mostVulnerablePath.path.nodes.map((n: any) => n.id)).toContain('sys-ews');
    expect(r.mostVulnerablePath.probability).toBeCloseTo(0.6314, 4);
    const main = r.paths.find(
      (p: any) =>
        p.path.nodes.map((n: any) => n.id).join('>') === 'fac-plant>fac-plant-ops>fac-control-room>sys-scada',
    );
    expect(main.probability).toBeCloseTo(0.8688, 4);
    expect(main.steps[0]).toMatchObject({
      node: 'fac-plant',
      detectionPoint: 'middle',
      remainingSeconds: 430,
    });
    const chlorine = await gql(
      '{ interruption(threatId: "thr-activist", assetId: "ast-chlorine") { paths { probability } } }',
    );
    expect(chlorine.data.interruption.paths[0].probability).toBeCloseTo(0.0116, 4);
    const notAssessed = await gql(
      '{ interruption(threatId: "thr-state", assetId: "sys-plc-river") { assessed reason } }',
    );
    expect(notAssessed.data.interruption.assessed).toBe(false);
  });

  it('assesses risks, ranks weakest links and sums up the posture, consistent with the other operations', async () => {
    const res = await gql(`{
      risks { riskId threat { id } asset { id } inherentLikelihood pathProbability residualLikelihood consequence level aboveTolerance treatment }
      weakestLinks(limit: 50) { control { id } riskIncrease singlePointOfFailureFor { id } }
      posture(asOf: "2026-11-23") { criticalAssets exposedCriticalAssets commonModeFailures commonModeUnits singlePointsOfFailure
        findings findingsBySeverity { key count } risksAboveTolerance uncoveredCriticalAssets uncovered { asset { id } reasons } }
      findings(asOf: "2026-11-23") { ruleId }
    }`);
    expect(res.errors).toBeUndefined();
    const { risks, weakestLinks, posture, findings } = res.data;
    const rsk = (id: string) => risks.find((r: any) => r.riskId === id);
    // GOV-5's case: exposed (P = 1), L4 x C5 stays extreme.
    expect(rsk('rsk-4')).toMatchObject({
      pathProbability: 1,
      residualLikelihood: 4,
      level: 'extreme',
      aboveTolerance: true,
    });
    // The best path to the customer records has P = 0.07: L0 3 drops by 2.
    expect(rsk('rsk-1')).toMatchObject({ inherentLikelihood: 3, residualLikelihood: 1, consequence: 5 });
    expect(posture.risksAboveTolerance).toBe(risks.filter((r: any) => r.aboveTolerance).length);

    const increases = weakestLinks.map((l: any) => l.riskIncrease);
    expect([...increases].sort((a: number, b: number) => b - a)).toEqual(increases);
    const screening = weakestLinks.find((l: any) => l.control.id === 'ctl-contractor-screening');
    expect(screening.singlePointOfFailureFor.map((n: any) => n.id)).toContain('sys-scada');

    expect(posture).toMatchObject({
      criticalAssets: 69,
      exposedCriticalAssets: 2,
      commonModeFailures: 1,
      commonModeUnits: ['sys-idp'],
    });
    expect(posture.findings).toBe(findings.length);
    expect(posture.findingsBySeverity.reduce((s: number, c: any) => s + c.count, 0)).toBe(findings.length);
    expect(posture.uncovered).toHaveLength(posture.uncoveredCriticalAssets);
    const why = Object.fromEntries(posture.uncovered.map((u: any) => [u.asset.id, u.reasons.join('; ')]));
    expect(why['sys-plc-river']).toMatch(/depth 0/);
    expect(why['sys-scada']).toMatch(/depth 1/);
  });

  it('ranks weakest links per organisation, and again after an import changed the graph', async () => {
    const links = async (org?: string) => {
      const res = await gql(
        'query($o: ID) { weakestLinks(limit: 500, organizationId: $o) { control { id } riskIncrease singlePointOfFailureFor { id } } }',
        { o: org },
      );
      expect(res.errors).toBeUndefined();
      return res.data.weakestLinks as any[];
    };
    const before = await links('org-acme');
    const upload = await api
      .post('/api/import?filename=beta-analytics.yaml')
      .set('content-type', 'application/yaml')
      .send(fs.readFileSync(path.join(__dirname, '../fixtures/import/beta-analytics.yaml'), 'utf8'));
    expect([upload.status, upload.body.issues]).toEqual([200, []]);
    // Only Beta's critical ledger counts for Beta. Its lock (0.8) alone stands between burglar and
    // ledger: P 0.2 leaves L 3 - 1 = 2, failed P 1 keeps 3; the increase is (3 - 2) x C5.
    expect(await links('org-beta')).toEqual([
      {
        control: { id: 'ctl-beta-lock' },
        riskIncrease: 5,
        singlePointOfFailureFor: [{ id: 'sys-beta-ledger' }],
      },
    ]);
    expect(await links('org-acme')).toEqual(before);
    const all = (await links()).map((l) => l.control.id);
    expect(all).toContain('ctl-beta-lock');
    expect(all).toEqual(expect.arrayContaining(before.map((l) => l.control.id)));
  });
});
