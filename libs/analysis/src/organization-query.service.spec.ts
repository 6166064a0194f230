import { DomainError, Organization, OrganizationScope } from '@rampart/domain';
import {
  OrganizationDeletion,
  OrganizationDeletionPlan,
  OrganizationDeletionRepository,
  OrganizationRepository,
} from '@rampart/graph';
import { runScoped } from '@rampart/access';
import { OrganizationQueryService } from './organization-query.service';

const ORGS: Organization[] = [
  { id: 'org-a', name: 'A' },
  { id: 'org-b', name: 'B', classificationLevels: ['PUBLIC', 'INTERNAL', 'CONFIDENTIAL'] },
  { id: 'org-c', name: 'C' },
];

const plan = (organizationId: string, classified: OrganizationDeletionPlan['classified']) =>
  ({
    organizationId,
    entities: 10,
    byLabel: [],
    classified,
    relationships: 4,
    foreign: [],
  }) as OrganizationDeletionPlan;

function setup(classified: OrganizationDeletionPlan['classified'] = []) {
  const calls = { get: [] as string[], plan: [] as string[], delete: [] as [string, unknown][] };
  const organizations = {
    list: async () => ORGS,
    get: async (id: string) => (calls.get.push(id), ORGS.find((o) => o.id === id) ?? null),
  } as unknown as OrganizationRepository;
  const deletion = {
    plan: async (id: string) => (calls.plan.push(id), plan(id, classified)),
    delete: async (id: string, opts: { dryRun?: boolean }): Promise<OrganizationDeletion> => {
      calls.delete.push([id, opts]);
      return { ...plan(id, classified), dryRun: Boolean(opts.dryRun), deleted: !opts.dryRun };
    },
  } as unknown as OrganizationDeletionRepository;
  return { service: new OrganizationQueryService(organizations, deletion), calls };
}

const onlyAB = OrganizationScope.of(['org-a', 'org-b']);

describe('OrganizationQueryService', () => {
  it('lists the organisations in view: all outside a request, its own for a limited account', async () => {
    const { service } = setup();
    expect((await service.list()).map((o) => o.id)).toEqual(['org-a', 'org-b', 'org-c']);
    expect((await runScoped(onlyAB, () => service.list())).map((o) => o.id)).toEqual(['org-a', 'org-b']);
  });

  it('finds no organisation out of view by id, without asking the store', async () => {
    const { service, calls } = setup();
    expect(await runScoped(onlyAB, () => service.get('org-c'))).toBeNull();
    expect(calls.get).toEqual([]);
    expect(await runScoped(onlyAB, () => service.get('org-a'))).toMatchObject({ id: 'org-a' });
  });

  it('answers NOT_FOUND when deleting one out of view or unknown, and deletes nothing', async () => {
    const { service, calls } = setup();
    for (const id of ['org-c', 'org-x']) {
      const e = await runScoped(onlyAB, () => service.delete(id, { clearance: 'TOP_SECRET' })).catch(
        (x: DomainError) => x,
      );
      expect(e).toMatchObject({ code: 'NOT_FOUND', message: `No organisation has id "${id}".` });
    }
    expect(calls.delete).toEqual([]);
  });

  it('refuses to delete an organisation holding entries above the clearance, counting them', async () => {
    const { service, calls } = setup([
      { classification: 'OFFICIAL', count: 5 },
      { classification: 'SECRET', count: 2 },
      { classification: 'TOP_SECRET', count: 1 },
    ]);
    const e = (await service
      .delete('org-a', { clearance: 'OFFICIAL' })
      .catch((x: unknown) => x)) as DomainError;
    expect(e).toBeInstanceOf(DomainError);
    expect(e.code).toBe('FORBIDDEN');
    expect(e.details).toEqual({ aboveClearance: 3 });
    expect(e.message).toMatch(/^The organisation holds 3 entries above your clearance \(OFFICIAL\)/);
    expect(calls.delete).toEqual([]);
    // No clearance at all: every classified entry is above it.
    await expect(service.delete('org-a', { clearance: null })).rejects.toMatchObject({
      details: { aboveClearance: 8 },
    });
  });

  it("ranks classifications by the organisation's own levels, failing closed on unknown ones", async () => {
    const { service } = setup([
      { classification: 'INTERNAL', count: 4 },
      { classification: 'CONFIDENTIAL', count: 1 },
      { classification: 'SECRET', count: 2 }, // not one of org-b's levels
    ]);
    // INTERNAL is not a default level: a user cleared INTERNAL sees org-b's INTERNAL entries only.
    await expect(service.delete('org-b', { clearance: 'INTERNAL' })).rejects.toMatchObject({
      details: { aboveClearance: 3 },
    });
  });

  it('deletes when cleared for everything, passing the options on', async () => {
    const { service, calls } = setup([{ classification: 'SECRET', count: 2 }]);
    const r = await service.delete('org-a', { clearance: 'SECRET', force: true });
    expect(r).toMatchObject({ organizationId: 'org-a', deleted: true });
    expect(calls.plan).toEqual(['org-a']);
    expect(calls.delete).toEqual([['org-a', { clearance: 'SECRET', force: true }]]);
  });

  it('refuses a dry run above the clearance too: its counts would describe hidden entries', async () => {
    const { service, calls } = setup([{ classification: 'TOP_SECRET', count: 9 }]);
    await expect(service.delete('org-a', { dryRun: true, clearance: 'OFFICIAL' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(calls.plan).toEqual(['org-a']);
    expect(calls.delete).toEqual([]);
    const cleared = await service.delete('org-a', { dryRun: true, clearance: 'TOP_SECRET' });
    expect(cleared).toMatchObject({ dryRun: true, deleted: false });
  });
});
