import { NodeRow, RelationshipRow } from '@rampart/domain';
import { importKey, unchangedCounts } from './import-record';

const node = (id: string, hash = 'h'): NodeRow => ({
  id,
  labels: ['Asset', 'System'],
  props: { id, contentHash: hash },
});
const rel = (from: string, to: string, key = ''): RelationshipRow => ({
  type: 'CONNECTS_TO',
  from,
  to,
  props: { key },
});
const opts = { source: 'f.yaml', organizationId: 'org-a', prune: false };

describe('importKey', () => {
  it('keys by organisation, source and prune; hashes the rows in order', () => {
    const base = importKey([node('a'), node('b')], [rel('a', 'b')], opts);
    expect(importKey([node('a'), node('b')], [rel('a', 'b')], opts)).toEqual(base);
    expect(importKey([node('a'), node('b')], [rel('a', 'b')], { ...opts, prune: true }).key).not.toBe(
      base.key,
    );
    expect(
      importKey([node('a'), node('b')], [rel('a', 'b')], { ...opts, organizationId: null }).key,
    ).not.toBe(base.key);
    expect(importKey([node('a'), node('b', 'other')], [rel('a', 'b')], opts).hash).not.toBe(base.hash);
    expect(importKey([node('a'), node('b')], [rel('a', 'b', 'k')], opts).hash).not.toBe(base.hash);
    expect(importKey([node('b'), node('a')], [rel('a', 'b')], opts).hash).not.toBe(base.hash);
  });
});

describe('unchangedCounts', () => {
  it('counts distinct entities and relationships, all unchanged', () => {
    expect(
      unchangedCounts([node('a'), node('a'), node('b')], [rel('a', 'b'), rel('a', 'b'), rel('a', 'b', 'k')]),
    ).toEqual({
      nodes: 2,
      created: 0,
      changed: 0,
      moved: 0,
      relationships: 2,
      relationshipsCreated: 0,
      relationshipsUpdated: 0,
      relationshipsMoved: 0,
      relationshipsDeleted: 0,
      pruned: 0,
    });
  });
});
