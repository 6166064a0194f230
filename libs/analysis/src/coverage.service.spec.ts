import { AttackGraph } from '@rampart/analytics';
import { DomainError, Organization } from '@rampart/domain';
import { OrganizationRepository } from '@rampart/graph';
import { OutputMapper } from '@rampart/output';
import { tinyData } from '../../analytics/src/testing/graph-builder';
import { AttackGraphCache } from './attack-graph-cache.service';
import { CoverageService, coverageOrder } from './coverage.service';

const ORG_OF: Record<string, string> = {
  'sys-a1': 'org-a',
  'sys-a2': 'org-a',
  'fac-a3': 'org-a',
  'sp-x': 'org-a',
  'sys-b1': 'org-b',
};

/**
 * org-a: sys-a1 (5, a cyber control: personnel and cyber of four), sys-a2 (5, personnel only),
 * fac-a3 (3, personnel of three), the provider sp-x (no asset). org-b: sys-b1 (3, owned, its risk
 * reviewed on 2026-02-15: governance covered while the review is within the interval).
 */
function graph(): AttackGraph {
  const data = tinyData({
    nodes: {
      'sys-a1': { criticality: 5 },
      'sys-a2': { criticality: 5 },
      'fac-a3': { criticality: 3 },
      'sp-x': {},
      'sys-b1': { criticality: 3 },
    },
    steps: [],
    controls: [{ id: 'c-fw', effectiveness: 0.5, protects: ['sys-a1'] }],
  });
  data.nodes = data.nodes.map((n) => ({ ...n, organizationId: ORG_OF[n.id] }));
  data.owned = ['sys-b1'];
  data.risks = [{ id: 'r-1', threatId: 'thr', assetId: 'sys-b1', reviewedAt: '2026-02-15' }];
  return new AttackGraph(data);
}

function setup(orgs: Organization[]) {
  const g = graph();
  const cache = { get: async () => g } as unknown as AttackGraphCache;
  const organizations = { list: async () => orgs } as unknown as OrganizationRepository;
  return new CoverageService(cache, organizations, new OutputMapper());
}

const ORGS: Organization[] = [
  { id: 'org-a', name: 'A' },
  { id: 'org-b', name: 'B', criticalThreshold: 3, reviewIntervalDays: 30 },
];

describe('CoverageService', () => {
  it('gives one asset its coverage through the output mapper, as of a date', async () => {
    const c = await setup(ORGS).coverage('sys-a1', '2026-03-01');
    expect(c).toMatchObject({
      assetId: 'sys-a1',
      organizationId: 'org-a',
      requiredDomains: ['governance', 'personnel', 'cyber', 'physical'],
      coveredDomains: ['personnel', 'cyber'],
      score: 0.5,
      asset: { id: 'sys-a1', name: 'sys-a1', label: 'System', criticality: 5, restricted: false },
    });
  });

  it('answers NOT_FOUND for an unknown id and for a node that is no asset', async () => {
    const s = setup(ORGS);
    for (const id of ['nope', 'sp-x']) {
      const e = await s.coverage(id).catch((x: DomainError) => x);
      expect(e).toMatchObject({ code: 'NOT_FOUND', message: `No asset has the id ${id}.` });
    }
  });

  it("judges a risk review by the asset organisation's review interval (365 days by default)", async () => {
    const within = await setup(ORGS).coverage('sys-b1', '2026-03-01');
    expect(within.coveredDomains).toContain('governance');
    const strict = await setup([ORGS[0], { ...ORGS[1], reviewIntervalDays: 10 }]).coverage(
      'sys-b1',
      '2026-03-01',
    );
    expect(strict.coveredDomains).not.toContain('governance');
    const unknown = await setup([]).coverage('sys-b1', '2026-12-31');
    expect(unknown.coveredDomains).toContain('governance');
  });

  it('lists the assets most critical first, then least covered, then by id; critical by each threshold', async () => {
    const rows = await setup(ORGS).summary({ asOf: '2026-03-01' });
    expect(rows.map((r) => [r.assetId, r.critical])).toEqual([
      ['sys-a2', true],
      ['sys-a1', true],
      ['fac-a3', false], // 3: below org-a's threshold (4 by default); covered 1/3
      ['sys-b1', true], // 3: org-b's threshold is 3; covered 2/4
    ]);
  });

  it('filters by organisation and to critical assets, and keeps the first rows', async () => {
    const s = setup(ORGS);
    expect((await s.summary({ organizationId: 'org-b' })).map((r) => r.assetId)).toEqual(['sys-b1']);
    expect((await s.summary({ criticalOnly: true })).map((r) => r.assetId)).toEqual([
      'sys-a2',
      'sys-a1',
      'sys-b1',
    ]);
    expect((await s.summary({ first: 2 })).map((r) => r.assetId)).toEqual(['sys-a2', 'sys-a1']);
    // Without organisations, the default threshold 4 applies.
    const bare = await setup([]).summary({ criticalOnly: true });
    expect(bare.map((r) => r.assetId)).toEqual(['sys-a2', 'sys-a1']);
  });

  it.each([0, 5001, 2.5])('refuses first = %p', async (first) => {
    await expect(setup(ORGS).summary({ first })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      message: `first must be a whole number from 1 to 5000; got ${first}.`,
    });
  });

  it('withData keeps the ids that are assets, in the order asked, with the data behind', async () => {
    const rows = await setup(ORGS).withData(['sys-b1', 'sp-x', 'nope', 'sys-a1'], '2026-03-01');
    expect(rows.map((r) => [r.data.id, r.data.owned, r.coverage.assetId])).toEqual([
      ['sys-b1', true, 'sys-b1'],
      ['sys-a1', false, 'sys-a1'],
    ]);
  });

  it('orders by criticality (1 when unknown), then score, then id', () => {
    const row = (assetId: string, score: number, criticality?: number) => ({
      assetId,
      score,
      asset: { criticality },
    });
    const sorted = [row('b', 0.5), row('a', 0.5), row('c', 0.2), row('d', 0.9, 2)].sort(coverageOrder);
    expect(sorted.map((r) => r.assetId)).toEqual(['d', 'c', 'a', 'b']);
  });
});
