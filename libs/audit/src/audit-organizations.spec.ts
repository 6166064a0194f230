import { entityIdsIn, organizationsOf } from './audit-organizations';

describe('the organisations an audit record names', () => {
  it('takes the entity ids of an edit: its id, a relationship’s ends', () => {
    expect(entityIdsIn({ id: 'sys-a' })).toEqual(['sys-a']);
    expect(entityIdsIn({ input: { from: 'p-1', to: 'sys-b', type: 'HAS_ACCESS' } })).toEqual([
      'p-1',
      'sys-b',
    ]);
    expect(entityIdsIn({ organizationId: 'org-a' })).toEqual([]);
  });

  it('names the organisations an argument, a result or the edited entities name, sorted, once', () => {
    expect(
      organizationsOf({
        args: { organizationId: 'org-b' },
        result: { organizationId: 'org-a' },
        entityOrganizations: ['org-b', undefined],
        actorOrganizations: null,
      }),
    ).toEqual(['org-a', 'org-b']);
  });

  it('falls back on a limited actor’s organisations, and names none when nothing is known', () => {
    const bare = { args: {}, result: undefined, entityOrganizations: [] };
    expect(organizationsOf({ ...bare, actorOrganizations: ['org-c'] })).toEqual(['org-c']);
    expect(organizationsOf({ ...bare, actorOrganizations: null })).toBeUndefined();
  });
});
