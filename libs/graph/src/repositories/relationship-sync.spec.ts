import { DomainError, RelationshipRow } from '@rampart/domain';
import { NamedTx, Row } from '../query-executor';
import { diffRelationships, identity, staleParams } from './relationship-sync';

/** A transaction that answers import/existing-relationships with these stored relationships. */
const txWith = (stored: Row[]): NamedTx => ({ run: async () => stored });
const row = (to: string, props: Record<string, unknown>): RelationshipRow => ({
  type: 'CONNECTS_TO',
  from: 'sys-a',
  to,
  props: { key: '', ...props },
});
const stored = (to: string, props: Record<string, unknown>, eid = `e-${to}`): Row => ({
  type: 'CONNECTS_TO',
  from: 'sys-a',
  to,
  key: '',
  eid,
  props: { key: '', ...props },
});

describe('diffRelationships: what an import does to the relationships it states', () => {
  it('creates new ones, updates changed ones, moves those only another source stated, skips the rest', async () => {
    const tx = txWith([
      stored('sys-same', { source: 'f.yaml', organizationId: 'org-a' }),
      stored('sys-moved', { source: 'demo.yaml', organizationId: 'org-a' }),
      stored('sys-changed', { source: 'f.yaml', organizationId: 'org-a', note: 'old' }),
    ]);
    const diff = await diffRelationships(
      tx,
      [
        row('sys-new', { source: 'f.yaml', organizationId: 'org-a' }),
        row('sys-same', { source: 'f.yaml', organizationId: 'org-a' }),
        row('sys-moved', { source: 'f.yaml', organizationId: 'org-a' }),
        row('sys-changed', { source: 'f.yaml', organizationId: 'org-a', note: 'new' }),
        row('sys-new', { source: 'f.yaml', organizationId: 'org-a' }), // stated twice: one
      ],
      1000,
    );
    expect(diff.wanted).toBe(4);
    expect(diff.creates.map((r) => r.to)).toEqual(['sys-new']);
    expect(diff.updates.map((u) => [u.row.to, u.eid])).toEqual([['sys-changed', 'e-sys-changed']]);
    expect(diff.moves.map((u) => [u.row.to, u.eid])).toEqual([['sys-moved', 'e-sys-moved']]);
  });

  it('never takes over a relationship another organisation (or the library) states', async () => {
    const tx = txWith([stored('sys-b', { source: 'upload', organizationId: 'org-b' })]);
    const attempt = diffRelationships(
      tx,
      [row('sys-b', { source: 'upload', organizationId: 'org-a' })],
      1000,
    );
    await expect(attempt).rejects.toThrow(DomainError);
    await expect(attempt).rejects.toThrow('sys-a CONNECTS_TO sys-b is stated by organisation "org-b"');
    const library = txWith([stored('x', { source: 'stix:capec' })]);
    await expect(
      diffRelationships(library, [row('x', { source: 'f', organizationId: 'org-a' })], 1000),
    ).rejects.toThrow('is stated by the threat library');
  });
});

describe('staleParams: what a re-import may remove', () => {
  it('names the organisation, the source, every id the file touches and what it keeps', () => {
    const p = staleParams([{ id: 'sys-a' }], [row('sys-b', { source: 's' })], 's', 'org-a');
    expect(p).toEqual({
      source: 's',
      organizationId: 'org-a',
      ids: ['sys-a', 'sys-b'],
      keep: { [identity('CONNECTS_TO', 'sys-a', 'sys-b', '')]: true },
    });
  });
});
