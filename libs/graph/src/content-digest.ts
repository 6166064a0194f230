import { createHash } from 'node:crypto';
import { endianness } from 'node:os';
import { canonicalJson } from '@rampart/domain';

/**
 * The graph's content hash (audit trail, issue 21) as a multiset hash: each entity and each
 * relationship is an element; the digest is the sum of their expansions, so a write adds the
 * elements it creates and subtracts those it removes without reading the rest of the graph.
 * LtHash with 1024 lanes of 16 bits (Bellare-Micciancio's AdHash over a lattice, the parameters
 * Facebook's LtHash paper gives for about 200 bits of collision resistance).
 */

/** Properties that say where and when an entity was written, not what it is. */
export const NODE_BOOKKEEPING: readonly string[] = ['source', 'contentHash', 'firstSeen', 'lastUpdated'];
/** The file that stated a relationship is bookkeeping too (an export read back moves it). */
const RELATIONSHIP_BOOKKEEPING: readonly string[] = ['source'];

/** Properties as Neo4j stores them: no nulls (a null is no property), bookkeeping left out. */
function contentOf(props: Record<string, unknown>, skip: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(props))
    if (v !== null && v !== undefined && !skip.includes(k)) out[k] = v;
  return out;
}

/**
 * Short hash of an entity's content (its labels but `Entity`, its properties but bookkeeping):
 * stored with it, it tells an import "unchanged" and is the entity's element of the digest.
 */
export function nodeContentHash(labels: readonly string[], props: Record<string, unknown>): string {
  const content = {
    labels: labels.filter((l) => l !== 'Entity').sort(),
    props: contentOf(props, NODE_BOOKKEEPING),
  };
  return createHash('sha256').update(canonicalJson(content)).digest('hex').slice(0, 32);
}

/** An entity as an element of the digest. */
export const nodeElement = (id: string, contentHash: string) => `n|${id}|${contentHash}`;

/** A relationship as an element of the digest. */
export const relationshipElement = (type: string, from: string, to: string, props: Record<string, unknown>) =>
  `r|${canonicalJson([type, from, to, contentOf(props, RELATIONSHIP_BOOKKEEPING)])}`;

const LANES = 1024;

/** The LtHash sum; `hex` is what audit records carry (SHA-256 of the lanes, little-endian). */
export class MultisetHash {
  private constructor(private readonly lanes: Uint16Array) {}

  static empty(): MultisetHash {
    return new MultisetHash(new Uint16Array(LANES));
  }

  /** From `toBase64`; undefined when the text is not a digest (then it must be recomputed). */
  static fromBase64(text: string): MultisetHash | undefined {
    const bytes = Buffer.from(text, 'base64');
    if (bytes.length !== LANES * 2) return undefined;
    const lanes = new Uint16Array(LANES);
    for (let i = 0; i < LANES; i++) lanes[i] = bytes.readUInt16LE(i * 2);
    return new MultisetHash(lanes);
  }

  add(element: string): this {
    const v = expand(element);
    // Uint16Array stores modulo 2^16: the sum wraps as the hash needs.
    for (let i = 0; i < LANES; i++) this.lanes[i] += v[i];
    return this;
  }

  remove(element: string): this {
    const v = expand(element);
    for (let i = 0; i < LANES; i++) this.lanes[i] -= v[i];
    return this;
  }

  /** Adds another multiset's elements (lane by lane: the hash of the union). */
  plus(other: MultisetHash): this {
    for (let i = 0; i < LANES; i++) this.lanes[i] += other.lanes[i];
    return this;
  }

  toBase64(): string {
    return this.bytes().toString('base64');
  }

  hex(): string {
    return createHash('sha256').update(this.bytes()).digest('hex');
  }

  private bytes(): Buffer {
    const out = Buffer.alloc(LANES * 2);
    for (let i = 0; i < LANES; i++) out.writeUInt16LE(this.lanes[i], i * 2);
    return out;
  }
}

const LITTLE_ENDIAN = endianness() === 'LE';

/** The element's 1024 lanes: SHAKE256 output read as little-endian 16-bit numbers. */
function expand(element: string): Uint16Array {
  const bytes = createHash('shake256', { outputLength: LANES * 2 })
    .update(element)
    .digest();
  // The digest is its own aligned buffer: on little-endian hosts the lanes are a view of it.
  if (LITTLE_ENDIAN && bytes.byteOffset % 2 === 0)
    return new Uint16Array(bytes.buffer, bytes.byteOffset, LANES);
  const lanes = new Uint16Array(LANES);
  for (let i = 0; i < LANES; i++) lanes[i] = bytes[2 * i] | (bytes[2 * i + 1] << 8);
  return lanes;
}
