import { entityKindOf, propertyFiltersFor } from './entity-kinds';

describe('entityKindOf', () => {
  it('gives the most specific kind, plain assets last', () => {
    expect(entityKindOf(['Entity', 'Asset', 'Person'])).toBe('PERSON');
    expect(entityKindOf(['Asset'])).toBe('PLAIN_ASSET');
    expect(entityKindOf(['Control'])).toBe('CONTROL');
    expect(entityKindOf(['Organization'])).toBeUndefined();
  });
});

describe('propertyFiltersFor', () => {
  it('turns API filter names into whitelisted stored-property conditions', () => {
    expect(
      propertyFiltersFor('CONTROL', { status: ['implemented'], domain: 'cyber', effectivenessAtLeast: 0.5 }),
    ).toEqual([
      { key: 'status', op: 'in', value: ['implemented'] },
      { key: 'domains', op: 'has', value: 'cyber' },
      { key: 'effectiveness', op: 'gte', value: 0.5 },
    ]);
    expect(propertyFiltersFor('SYSTEM', { systemKind: 'ot' })).toEqual([
      { key: 'kind', op: 'eq', value: 'ot' },
    ]);
  });

  it('drops names the kind does not allow and empty values', () => {
    expect(
      propertyFiltersFor('PERSON', { password: 'x', 'n.id': 1, status: null, clearance: undefined }),
    ).toEqual([]);
  });
});
