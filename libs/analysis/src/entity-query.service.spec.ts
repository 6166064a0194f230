import { OrganizationScope, Page, PageRequest, encodeCursor } from '@rampart/domain';
import { EntityFilter as RepoFilter, EntityRecord, EntityRepository, RelatedEntity } from '@rampart/graph';
import { OutputMapper, Redactor } from '@rampart/output';
import { runRedacted, runScoped } from '@rampart/access';
import { EntityQueryService } from './entity-query.service';

const record = (id: string, organizationId?: string): EntityRecord => ({
  id,
  labels: ['Entity', 'System', 'Asset'],
  props: {
    id,
    name: `${id} name`,
    secretNote: 'never published',
    ...(organizationId ? { organizationId } : {}),
  },
});

/** A repository answering pages of `records` in id order, and recording what it was asked. */
function setup(records: EntityRecord[] = []) {
  const asked = { page: [] as [string, RepoFilter, PageRequest][], relationships: [] as unknown[][] };
  const repo = {
    page: async (kind: string, filter: RepoFilter, req: PageRequest): Promise<Page<EntityRecord>> => {
      asked.page.push([kind, filter, req]);
      const rest = records.filter((r) => !req.afterKey || r.id > req.afterKey);
      const items = rest.slice(0, req.first).map((node) => ({ cursor: encodeCursor(node.id), node }));
      return {
        items,
        hasNextPage: rest.length > req.first,
        endCursor: items[items.length - 1]?.cursor,
        totalCount: records.length,
      };
    },
    get: async (ids: string[]) => new Map(records.filter((r) => ids.includes(r.id)).map((r) => [r.id, r])),
    relationships: async (ids: string[], opts: unknown) => {
      asked.relationships.push([ids, opts]);
      const related: RelatedEntity[] = [
        {
          type: 'OWNS',
          direction: 'IN',
          props: { role: 'owner', source: '' },
          other: record('p-1', 'org-a'),
        },
      ];
      return new Map([['sys-1', related]]);
    },
  } as unknown as EntityRepository;
  return { service: new EntityQueryService(repo, new OutputMapper()), asked };
}

const redactor = new Redactor([{ id: 'sys-9', name: 'Nine', labels: ['System'] }], Buffer.alloc(32));
const onlyAB = OrganizationScope.of(['org-b', 'org-a']);

describe('EntityQueryService', () => {
  it("turns the transport's filter into whitelisted conditions, with the reader's hidden ids and organisations", async () => {
    const { service, asked } = setup();
    await runScoped(onlyAB, () =>
      runRedacted(redactor, () =>
        service.page(
          'SYSTEM',
          {
            organizationId: null,
            source: 'a.yaml',
            search: null,
            systemKind: 'ot',
            criticalityAtLeast: 3,
            bogus: 1,
          },
          10,
        ),
      ),
    );
    expect(asked.page).toEqual([
      [
        'SYSTEM',
        {
          organizationId: undefined,
          source: 'a.yaml',
          search: undefined,
          properties: [
            { key: 'criticality', op: 'gte', value: 3 },
            { key: 'kind', op: 'eq', value: 'ot' },
          ],
          hiddenIds: ['sys-9'],
          organizationIds: ['org-a', 'org-b'],
        },
        { first: 10, afterKey: undefined },
      ],
    ]);
  });

  it('reads every organisation and hides nothing outside a request', async () => {
    const { service, asked } = setup();
    await service.page('CONTROL', {}, undefined, encodeCursor('c-5'));
    expect(asked.page[0][1]).toMatchObject({ hiddenIds: [], organizationIds: null, properties: [] });
    expect(asked.page[0][2]).toEqual({ first: 50, afterKey: 'c-5' });
  });

  it('maps each entity through the output mapper, keeping the cursors', async () => {
    const { service } = setup([record('sys-1', 'org-a'), record('sys-2', 'org-a')]);
    const page = await service.page('SYSTEM', {}, 1);
    expect(page).toMatchObject({ hasNextPage: true, totalCount: 2, endCursor: encodeCursor('sys-1') });
    expect(page.items).toEqual([
      {
        cursor: encodeCursor('sys-1'),
        node: expect.objectContaining({ id: 'sys-1', name: 'sys-1 name', entityKind: 'SYSTEM' }),
      },
    ]);
    expect(page.items[0].node).not.toHaveProperty('secretNote');
  });

  it('all() pages through the whole list, hidden entities included', async () => {
    const many = Array.from({ length: 1203 }, (_, i) => record(`sys-${String(i).padStart(4, '0')}`));
    const { service, asked } = setup(many);
    const all = await runRedacted(redactor, () => service.all('SYSTEM', { organizationId: 'org-a' }));
    expect(all.map((e) => e.id)).toEqual(many.map((r) => r.id));
    expect(asked.page.map(([, f, req]) => [f.hiddenIds, f.organizationId, req.first, req.afterKey])).toEqual([
      [[], 'org-a', 500, undefined],
      [[], 'org-a', 500, 'sys-0499'],
      [[], 'org-a', 500, 'sys-0999'],
    ]);
  });

  it('get() answers null for an entity of an organisation out of view, the shared library in view', async () => {
    const { service } = setup([record('sys-1', 'org-c'), record('thr-lib')]);
    expect(await service.get('sys-1')).toMatchObject({ id: 'sys-1', organizationId: 'org-c' });
    expect(await runScoped(onlyAB, () => service.get('sys-1'))).toBeNull();
    expect(await runScoped(onlyAB, () => service.get('thr-lib'))).toMatchObject({ id: 'thr-lib' });
    expect(await service.get('nope')).toBeNull();
  });

  it("relationships() asks within the reader's organisations and maps each", async () => {
    const { service, asked } = setup();
    const rels = await runScoped(onlyAB, () => service.relationships('sys-1', ['OWNS'], 'IN', 5));
    expect(asked.relationships).toEqual([
      [['sys-1'], { types: ['OWNS'], direction: 'IN', limit: 5, organizationIds: ['org-a', 'org-b'] }],
    ]);
    expect(rels).toEqual([
      {
        type: 'OWNS',
        direction: 'IN',
        mode: undefined,
        justification: undefined,
        since: undefined,
        until: undefined,
        role: 'owner',
        source: undefined,
        node: expect.objectContaining({ id: 'p-1', organizationId: 'org-a' }),
      },
    ]);
    expect(await service.relationships('sys-none', undefined, 'BOTH', 5)).toEqual([]);
  });
});
