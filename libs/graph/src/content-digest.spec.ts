import { canonicalJson } from '@rampart/domain';
import { MultisetHash, nodeContentHash, nodeElement, relationshipElement } from './content-digest';

const of = (...elements: string[]) => elements.reduce((h, e) => h.add(e), MultisetHash.empty()).hex();

describe('MultisetHash', () => {
  it('depends on the elements, not on their order', () => {
    expect(of('a', 'b', 'c')).toBe(of('c', 'a', 'b'));
    expect(of('a', 'b')).not.toBe(of('a', 'c'));
  });

  it('counts multiplicity: an element added twice is not the same as once', () => {
    expect(of('a', 'a')).not.toBe(of('a'));
  });

  it('removing an element undoes adding it, whatever came between', () => {
    const h = MultisetHash.empty().add('a').add('b').add('c').remove('b');
    expect(h.hex()).toBe(of('a', 'c'));
    expect(MultisetHash.empty().add('x').remove('x').hex()).toBe(MultisetHash.empty().hex());
  });

  it('survives its stored form (base64 of 1024 little-endian 16-bit lanes)', () => {
    const h = MultisetHash.empty().add('n|a|1').add('r|x');
    const text = h.toBase64();
    expect(Buffer.from(text, 'base64')).toHaveLength(2048);
    const back = MultisetHash.fromBase64(text);
    expect(back?.hex()).toBe(h.hex());
    expect(back?.add('more').hex()).toBe(of('n|a|1', 'r|x', 'more'));
  });

  it('refuses a stored form of the wrong size (recomputed instead)', () => {
    expect(MultisetHash.fromBase64('AAAA')).toBeUndefined();
  });
});

describe('content elements', () => {
  it('an entity hashes its labels (order and Entity aside) and content, not bookkeeping or nulls', () => {
    const base = nodeContentHash(['Asset', 'System'], { id: 's', name: 'S', effectiveness: 1 });
    expect(base).toMatch(/^[0-9a-f]{32}$/);
    expect(nodeContentHash(['Entity', 'System', 'Asset'], { name: 'S', id: 's', effectiveness: 1 })).toBe(
      base,
    );
    const bookkept = {
      id: 's',
      name: 'S',
      effectiveness: 1,
      source: 'f.yaml',
      firstSeen: 'x',
      lastUpdated: 'y',
    };
    expect(nodeContentHash(['Asset', 'System'], { ...bookkept, contentHash: 'old', note: null })).toBe(base);
    expect(nodeContentHash(['Asset', 'System'], { id: 's', name: 'T', effectiveness: 1 })).not.toBe(base);
    expect(nodeContentHash(['Asset'], { id: 's', name: 'S', effectiveness: 1 })).not.toBe(base);
  });

  it('a relationship is its type, ends and properties but its source', () => {
    const r = relationshipElement('OWNS', 'p', 'a', { key: '', organizationId: 'o', source: 'f.yaml' });
    expect(relationshipElement('OWNS', 'p', 'a', { organizationId: 'o', key: '', source: 'g.yaml' })).toBe(r);
    expect(relationshipElement('OWNS', 'a', 'p', { key: '', organizationId: 'o' })).not.toBe(r);
    expect(relationshipElement('OWNS', 'p', 'a', { key: 'k', organizationId: 'o' })).not.toBe(r);
    expect(nodeElement('a', 'h')).not.toBe(nodeElement('a', 'i'));
  });

  it('canonical JSON sorts keys at every level', () => {
    expect(canonicalJson({ b: [{ d: 1, c: 2 }], a: undefined, e: null })).toBe(
      '{"b":[{"c":2,"d":1}],"e":null}',
    );
  });
});
