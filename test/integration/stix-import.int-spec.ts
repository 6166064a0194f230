import * as fs from 'node:fs';
import * as path from 'node:path';
import { GraphContext } from '@rampart/graph';
import { NativeImporter, StixImporter } from '@rampart/interchange';
import { freshGraph, openGraph, testConfig } from '../support/test-graph';

// The real MITRE bundles, read where the project keeps them: ../shared/data/mitre (never copied in).
const MITRE = path.resolve(__dirname, '../../../shared/data/mitre');

/** Current objects and relationships in each bundle, counted independently (Python, by hand). */
const EXPECTED = {
  'enterprise-attack.json': {
    attackPatterns: 691,
    mitigations: 44,
    threats: 172,
    rels: { USES: 4362, MITIGATES: 1445, SUBTECHNIQUE_OF: 475 },
  },
  'ics-attack.json': { attackPatterns: 83, mitigations: 52, threats: 14, rels: { USES: 20, MITIGATES: 331 } },
  'stix-capec.json': { attackPatterns: 615, mitigations: 884, threats: 0, rels: { MITIGATES: 1182 } },
} as const;

describe('STIX 2.1 import of the real ATT&CK and CAPEC bundles', () => {
  const config = testConfig();
  let graph: GraphContext;

  beforeAll(async () => {
    if (!fs.existsSync(path.join(MITRE, 'enterprise-attack.json')))
      throw new Error(`MITRE data not found in ${MITRE}`);
    graph = await openGraph(config);
  });
  afterAll(() => graph.close());
  beforeEach(() => freshGraph(graph));

  it.each(Object.entries(EXPECTED))(
    '%s: the graph holds exactly the current objects and relationships',
    async (file, want) => {
      const report = await new StixImporter(graph).importFile(path.join(MITRE, file));
      expect(report).toMatchObject({
        attackPatterns: want.attackPatterns,
        mitigations: want.mitigations,
        threats: want.threats,
        relationships: want.rels,
      });
      const snap = await graph.exports.snapshot({ source: report.source });
      const count = (label: string) => snap.entities.filter((e) => e.labels.includes(label)).length;
      expect([count('AttackPattern'), count('Mitigation'), count('Threat')]).toEqual([
        want.attackPatterns,
        want.mitigations,
        want.threats,
      ]);
      const rels: Record<string, number> = {};
      for (const r of snap.relationships) rels[r.type] = (rels[r.type] ?? 0) + 1;
      expect(rels).toEqual(want.rels);
      expect(snap.entities.every((e) => e.props.organizationId === undefined)).toBe(true);
      // A re-import changes nothing.
      const again = await new StixImporter(graph).importFile(path.join(MITRE, file));
      expect(again.counts).toMatchObject({ created: 0, changed: 0, relationshipsDeleted: 0 });
    },
  );

  it('lets organisation files link controls and threats to the catalogue', async () => {
    await new StixImporter(graph).importFile(path.join(MITRE, 'enterprise-attack.json'));
    const doc = [
      'format: rampart/v1',
      'organization: {id: org-cat, name: Catalogue user}',
      'systems: [{id: sys-vpn, name: VPN}]',
      'controls:',
      '  - {id: ctl-mfa, name: MFA, domains: [cyber], effectiveness: 0.9, status: implemented, protects: [sys-vpn], implements: [attack:M1032]}',
      'threats:',
      '  - {id: thr-x, name: X, kind: criminal, capability: 3, intent: 3, startsAt: [sys-vpn], uses: [attack:T1078, attack:M1032]}',
    ].join('\n');
    const report = await new NativeImporter(graph).importText('cat.yaml', doc);
    expect(report.issues.map((i) => `${i.path}: ${i.message}`)).toEqual([
      'threats[0].uses[1]: "attack:M1032" is a Mitigation; uses must name an AttackPattern',
    ]);
    const ok = await new NativeImporter(graph).importText('cat.yaml', doc.replace(', attack:M1032]}', ']}'));
    expect(ok.issues).toEqual([]);
  });
});
