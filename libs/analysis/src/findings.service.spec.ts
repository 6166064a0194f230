import { findingSettings } from '@rampart/analytics';
import { DomainError, Organization, OrganizationScope } from '@rampart/domain';
import {
  AnalyticsRepository,
  EntityRecord,
  EntityRepository,
  FindingParams,
  FindingRow,
  FindingRule,
  FindingsRepository,
  OrganizationRepository,
} from '@rampart/graph';
import { OutputMapper } from '@rampart/output';
import { runScoped } from '@rampart/access';
import { FindingsService } from './findings.service';

const rule = (id: string, severity: string): FindingRule => ({
  id,
  title: `${id} title`,
  severity,
  clause: '6.2.2.4',
  query: `findings/${id}`,
});
const RULES = [rule('GOV-1', 'medium'), rule('PER-1', 'high'), rule('CYB-2', 'low'), rule('AAA-9', 'high')];
const ORGS: Organization[] = [
  { id: 'org-a', name: 'A', reviewIntervalDays: 90 },
  { id: 'org-b', name: 'B' },
];

const entity = (id: string, organizationId?: string, props = {}): EntityRecord => ({
  id,
  labels: ['System', 'Asset'],
  props: { id, name: `${id} name`, ...(organizationId ? { organizationId } : {}), ...props },
});
const ENTITIES = [entity('sys-1', 'org-a', { criticality: 4 }), entity('sys-2', 'org-b'), entity('thr-lib')];

function setup(rows: FindingRow[]) {
  const calls = { run: [] as [string[], FindingParams][], get: [] as string[][], count: 0 };
  const findings = {
    rules: () => RULES,
    run: async (rules: FindingRule[], params: FindingParams) => {
      calls.run.push([rules.map((r) => r.id), params]);
      return rows;
    },
    // Count mode as Neo4j answers it: rows of the given rules per (rule, organisation).
    count: async (rules: FindingRule[]) => {
      calls.count += 1;
      const counts = new Map<string, { ruleId: string; organizationId: string; count: number }>();
      for (const r of rows.filter((x) => rules.some((rule) => rule.id === x.ruleId))) {
        const key = `${r.ruleId} ${r.organizationId}`;
        const c = counts.get(key) ?? { ruleId: r.ruleId, organizationId: r.organizationId, count: 0 };
        c.count += 1;
        counts.set(key, c);
      }
      return [...counts.values()];
    },
  } as unknown as FindingsRepository;
  const organizations = { list: async () => ORGS } as unknown as OrganizationRepository;
  const entities = {
    get: async (ids: string[]) => {
      calls.get.push(ids);
      return new Map(ENTITIES.filter((e) => ids.includes(e.id)).map((e) => [e.id, e]));
    },
  } as unknown as EntityRepository;
  const graph = { version: 1 };
  const analytics = {
    graphVersion: async () => graph.version,
    writesByThisProcess: () => 0,
  } as unknown as AnalyticsRepository;
  const service = new FindingsService(analytics, findings, organizations, entities, new OutputMapper());
  return { service, calls, graph };
}

const row = (ruleId: string, organizationId: string, nodeIds: string[]): FindingRow => ({
  ruleId,
  organizationId,
  nodeIds,
  message: `${ruleId} on ${nodeIds[0]}`,
});

describe('FindingsService', () => {
  it('describes the rules without their queries', () => {
    const { service } = setup([]);
    expect(service.rules()[0]).toEqual({
      id: 'GOV-1',
      title: 'GOV-1 title',
      severity: 'medium',
      clause: '6.2.2.4',
    });
  });

  it('refuses unknown rules, naming the known ones', async () => {
    const { service, calls } = setup([]);
    const e = await service.list({ ruleIds: ['PER-1', 'XYZ-1'] }).catch((x: DomainError) => x);
    expect(e).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: 'Unknown rule XYZ-1; the rules are GOV-1, PER-1, CYB-2, AAA-9.',
    });
    expect(calls.run).toEqual([]);
  });

  it('runs the rules asked for, of the severities asked for, with every organisation settings', async () => {
    const { service, calls } = setup([]);
    await service.list({ ruleIds: ['PER-1', 'GOV-1', 'AAA-9'], severities: ['high'], asOf: '2026-03-01' });
    expect(calls.run).toEqual([
      [['PER-1', 'AAA-9'], { organizationId: null, asOf: '2026-03-01', settings: findingSettings(ORGS) }],
    ]);
    await service.list({ organizationId: 'org-b', asOf: '2026-03-01' });
    expect(calls.run[1][0]).toEqual(['GOV-1', 'PER-1', 'CYB-2', 'AAA-9']);
    expect(calls.run[1][1].organizationId).toBe('org-b');
  });

  it('answers an unknown organisation, or one out of view, as NOT_FOUND', async () => {
    const { service, calls } = setup([]);
    await expect(service.list({ organizationId: 'org-x' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'No organisation has the id org-x.',
    });
    await expect(
      runScoped(OrganizationScope.of(['org-a']), () => service.countBySeverity({ organizationId: 'org-b' })),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(calls.run).toEqual([]);
  });

  it('sorts high first, then by rule, then by first node, and reads each flagged node once', async () => {
    const { service, calls } = setup([
      row('GOV-1', 'org-a', ['sys-1']),
      row('PER-1', 'org-b', ['sys-2', 'sys-1']),
      row('PER-1', 'org-a', ['sys-1']),
      row('AAA-9', 'org-a', ['sys-2']),
      row('CYB-2', 'org-a', ['sys-gone']),
    ]);
    const list = await service.list({});
    expect(list.map((f) => `${f.severity}:${f.ruleId}:${f.nodes[0]?.id}`)).toEqual([
      'high:AAA-9:sys-2',
      'high:PER-1:sys-1',
      'high:PER-1:sys-2',
      'medium:GOV-1:sys-1',
      'low:CYB-2:undefined',
    ]);
    expect(calls.get).toEqual([['sys-1', 'sys-2', 'sys-gone']]);
    expect(list[2]).toEqual({
      ruleId: 'PER-1',
      title: 'PER-1 title',
      severity: 'high',
      clause: '6.2.2.4',
      organizationId: 'org-b',
      message: 'PER-1 on sys-2',
      nodes: [
        expect.objectContaining({ id: 'sys-2', name: 'sys-2 name', label: 'System' }),
        expect.objectContaining({ id: 'sys-1', name: 'sys-1 name', criticality: 4 }),
      ],
    });
  });

  it('gives a limited reader only the findings of its organisations, without nodes of others', async () => {
    const { service } = setup([
      row('PER-1', 'org-a', ['sys-1', 'sys-2', 'thr-lib']),
      row('GOV-1', 'org-b', ['sys-2']),
    ]);
    const list = await runScoped(OrganizationScope.of(['org-a']), () => service.list({}));
    expect(list.map((f) => [f.ruleId, f.nodes.map((n) => n.id)])).toEqual([['PER-1', ['sys-1', 'thr-lib']]]);
  });

  it('counts findings by severity, in view only', async () => {
    const { service } = setup([
      row('PER-1', 'org-a', ['sys-1']),
      row('AAA-9', 'org-a', ['sys-1']),
      row('GOV-1', 'org-b', ['sys-2']),
      row('CYB-2', 'org-a', ['sys-1']),
    ]);
    expect([...(await service.countBySeverity({}))]).toEqual([
      ['high', 2],
      ['medium', 1],
      ['low', 1],
    ]);
    const limited = await runScoped(OrganizationScope.of(['org-b']), () => service.countBySeverity({}));
    expect([...limited]).toEqual([['medium', 1]]);
  });

  it('counts once per graph version: again only when the version moved (issue 21)', async () => {
    const { service, calls, graph } = setup([row('PER-1', 'org-a', ['sys-1'])]);
    await service.countBySeverity({ asOf: '2026-03-01' });
    await service.countBySeverity({ asOf: '2026-03-01' });
    expect(calls.count).toBe(1);
    await service.countBySeverity({ asOf: '2026-03-02' }); // another date: its own counts
    expect(calls.count).toBe(2);
    graph.version = 2;
    await service.countBySeverity({ asOf: '2026-03-01' });
    expect(calls.count).toBe(3);
  });
});
