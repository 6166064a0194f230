/* eslint-disable @typescript-eslint/no-explicit-any -- GraphQL response bodies are untyped JSON */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { INestApplication } from '@nestjs/common';
import TestAgent from 'supertest/lib/agent';
import { startDemoApp, signedIn } from '../support/test-app';
import { testConfig } from '../support/test-graph';

/** What each rule flags on the demo as of 2026-11-23 (docs/demo-organisation.md, traced by hand). */
const EXPECTED: Record<string, string[]> = {
  'PER-1': ['p-bob', 'p-hannah', 'p-oscar'],
  'PER-2': ['p-erin'],
  'PER-3': ['p-erin', 'p-ivan'],
  'PER-4': ['p-chen', 'p-grace', 'p-hiro', 'p-hugo', 'p-ines', 'p-nadia'],
  'PER-5': ['p-cara', 'p-dmitri', 'p-elena'],
  'GOV-1': ['ast-spares', 'inf-plant-designs', 'sys-cell-router-river', 'sys-intranet'],
  'GOV-2': ['ctl-hmi-logon', 'ctl-ot-firewall'],
  'GOV-3': ['p-sofia'],
  'GOV-4': ['ctl-bcp', 'ctl-flood-defences', 'ctl-ot-firewall', 'ctl-res-kiosk-lock'],
  'GOV-5': ['rsk-4'],
  'INF-1': ['inf-plant-designs', 'inf-procurement'],
  'INF-2': ['inf-board-papers', 'inf-vetting'],
  'CYB-1': ['sys-cell-router-river', 'sys-crm', 'sys-depot-nas', 'sys-historian-dmz'],
  'CYB-2': ['sys-depot-nas', 'sys-lims'],
  'PHY-1': ['sys-depot-nas'],
};

describe('findings rules (cypher/findings) on the demo organisation', () => {
  const config = testConfig();
  let app: INestApplication;
  let api: TestAgent;
  const gql = async (query: string, variables: Record<string, unknown> = {}) =>
    (await api.post('/graphql').send({ query, variables })).body as any;
  const FINDINGS = `query($ids: [String!], $sev: [String!], $asOf: String) {
    findings(ruleIds: $ids, severity: $sev, asOf: $asOf) { ruleId title severity clause organizationId message nodes { id label } } }`;

  beforeAll(async () => {
    ({ app } = await startDemoApp(config));
    api = await signedIn(app);
  });
  afterAll(() => app.close());

  it('has one rule per file, each with id, title, severity and clause', async () => {
    const files = fs
      .readdirSync(path.join(config.cypherDir, 'findings'))
      .map((f) => f.replace(/\.cypher$/, ''));
    const res = await gql('{ findingRules { id title severity clause } }');
    expect(res.data.findingRules.map((r: any) => r.id).sort()).toEqual(files.sort());
    expect(files.sort()).toEqual(Object.keys(EXPECTED).sort());
    for (const r of res.data.findingRules)
      expect(r.title && r.clause && ['high', 'medium', 'low'].includes(r.severity)).toBeTruthy();
  });

  it('flags exactly the hand-traced entities of every rule', async () => {
    const res = await gql(FINDINGS, { asOf: '2026-11-23' });
    expect(res.errors).toBeUndefined();
    const flagged: Record<string, string[]> = {};
    for (const f of res.data.findings) (flagged[f.ruleId] ??= []).push(f.nodes[0].id);
    for (const id of Object.keys(flagged)) flagged[id].sort();
    expect(flagged).toEqual(EXPECTED);
    const per1 = res.data.findings.find((f: any) => f.ruleId === 'PER-1' && f.nodes[0].id === 'p-oscar');
    expect(per1).toMatchObject({ severity: 'high', clause: '7.2.4', organizationId: 'org-acme' });
    expect(per1.nodes.map((n: any) => n.id)).toEqual(['p-oscar', 'fac-control-room', 'sys-jump']);
    expect(per1.message).toMatch(/separated on 2026-03-15/);
  });

  it("posture's totals (the rules in count mode, counted in Neo4j) equal the listed findings", async () => {
    for (const asOf of ['2026-11-23', '2025-06-01']) {
      const listed = await gql(FINDINGS, { asOf });
      const bySeverity: Record<string, number> = { high: 0, medium: 0, low: 0 };
      for (const f of listed.data.findings) bySeverity[f.severity] += 1;
      const posture = await gql(
        'query($asOf: String) { posture(asOf: $asOf) { findings findingsBySeverity { key count } } }',
        { asOf },
      );
      expect(posture.errors).toBeUndefined();
      expect(posture.data.posture.findings).toBe(listed.data.findings.length);
      expect(
        Object.fromEntries(posture.data.posture.findingsBySeverity.map((b: any) => [b.key, b.count])),
      ).toEqual(bySeverity);
    }
  });

  it('filters by rule and severity, and evaluates dates as of asOf', async () => {
    const high = await gql(FINDINGS, { sev: ['high'], asOf: '2026-11-23' });
    expect(high.data.findings.every((f: any) => f.severity === 'high')).toBe(true);
    const one = await gql(FINDINGS, { ids: ['CYB-1'], asOf: '2025-06-01' });
    // Before 2025-12-31 the historian replica's authorisation had not yet expired (CRM's ends 2026-03-31).
    expect(one.data.findings.map((f: any) => f.nodes[0].id).sort()).toEqual([
      'sys-cell-router-river',
      'sys-depot-nas',
    ]);
    const bad = await gql(FINDINGS, { ids: ['XYZ-9'] });
    expect(bad.errors[0].message).toMatch(/Unknown rule XYZ-9/);
    const badDate = await gql(FINDINGS, { asOf: '23/11/2026' });
    expect(badDate.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });
});
