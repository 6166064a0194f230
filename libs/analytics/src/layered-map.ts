/**
 * A read-only map as another map with some entries replaced or removed (issue 21): patching a
 * 100k-entry map after an edit costs the entries the edit touched, not a copy of the map. A patch
 * of a patch merges into the same layer, so reads stay two lookups; past `FLATTEN_AT` changed
 * entries the layer flattens into a plain Map.
 */
const FLATTEN_AT = 20_000;

export class LayeredMap<K, V> implements ReadonlyMap<K, V> {
  private constructor(
    private readonly base: ReadonlyMap<K, V>,
    /** Replaced or added entries; `undefined`: removed. */
    private readonly top: ReadonlyMap<K, V | undefined>,
    readonly size: number,
  ) {}

  /** `base` with the `changes` applied (undefined removes the key). */
  static patched<K, V>(base: ReadonlyMap<K, V>, changes: ReadonlyMap<K, V | undefined>): ReadonlyMap<K, V> {
    const layered = base instanceof LayeredMap ? (base as LayeredMap<K, V>) : undefined;
    // Merge with the layer below when this one is already a layer: the chain stays one deep.
    const below = layered ? layered.base : base;
    const top = new Map<K, V | undefined>(layered ? layered.top : []);
    let size = base.size;
    for (const [k, v] of changes) {
      const had = base.has(k);
      if (v === undefined) {
        if (had) size--;
      } else if (!had) size++;
      top.set(k, v);
    }
    const result = new LayeredMap<K, V>(below, top, size);
    return top.size > FLATTEN_AT ? new Map(result) : result;
  }

  get(key: K): V | undefined {
    return this.top.has(key) ? this.top.get(key) : this.base.get(key);
  }

  has(key: K): boolean {
    return this.top.has(key) ? this.top.get(key) !== undefined : this.base.has(key);
  }

  *entries(): MapIterator<[K, V]> {
    for (const [k, v] of this.base) if (!this.top.has(k)) yield [k, v];
    for (const [k, v] of this.top) if (v !== undefined) yield [k, v];
  }

  *keys(): MapIterator<K> {
    for (const [k] of this.entries()) yield k;
  }

  *values(): MapIterator<V> {
    for (const [, v] of this.entries()) yield v;
  }

  forEach(f: (value: V, key: K, map: ReadonlyMap<K, V>) => void): void {
    for (const [k, v] of this.entries()) f(v, k, this);
  }

  [Symbol.iterator](): MapIterator<[K, V]> {
    return this.entries();
  }
}

/** The keys of a map as a read-only set (a layered map of `true` serves as a layered set). */
export class KeySet<K> implements ReadonlySet<K> {
  constructor(readonly map: ReadonlyMap<K, true>) {}

  get size(): number {
    return this.map.size;
  }

  has(key: K): boolean {
    return this.map.has(key);
  }

  *entries(): SetIterator<[K, K]> {
    for (const k of this.map.keys()) yield [k, k];
  }

  keys(): SetIterator<K> {
    return this.map.keys();
  }

  values(): SetIterator<K> {
    return this.map.keys();
  }

  forEach(f: (value: K, key: K, set: ReadonlySet<K>) => void): void {
    for (const k of this.map.keys()) f(k, k, this);
  }

  [Symbol.iterator](): SetIterator<K> {
    return this.map.keys();
  }
}
