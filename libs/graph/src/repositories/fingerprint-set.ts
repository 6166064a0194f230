import { createHash } from 'node:crypto';

const LANES = 3;

/**
 * A set of texts kept as 96-bit fingerprints (SHA-256, truncated) in one typed array: 24 bytes per
 * text at most, so a streamed import can remember the 8M relationships of a 1M-person file it
 * states (about 200 MB, where the texts themselves took over 1 GB). Two texts share a fingerprint
 * with a chance of about n² / 2^97 (10^-14 for 8M): then the later one reads as present.
 */
export class FingerprintSet {
  private slots: Uint32Array;
  private count = 0;

  constructor(expected = 1024) {
    let capacity = 1024;
    while (capacity < expected * 2) capacity *= 2;
    this.slots = new Uint32Array(capacity * LANES);
  }

  get size(): number {
    return this.count;
  }

  /** Adds the text; true when it was not there yet. */
  add(text: string): boolean {
    const f = fingerprint(text);
    const at = this.find(f);
    if (this.slots[at] !== 0) return false;
    this.slots.set(f, at);
    if (++this.count * 2 > this.capacity()) this.grow();
    return true;
  }

  has(text: string): boolean {
    return this.slots[this.find(fingerprint(text))] !== 0;
  }

  private capacity(): number {
    return this.slots.length / LANES;
  }

  /** The slot holding `f`, or the empty slot where it would go (linear probing). */
  private find(f: Uint32Array): number {
    const mask = this.capacity() - 1;
    for (let i = f[1] & mask; ; i = (i + 1) & mask) {
      const at = i * LANES;
      const lane = this.slots[at];
      if (lane === 0) return at;
      if (lane === f[0] && this.slots[at + 1] === f[1] && this.slots[at + 2] === f[2]) return at;
    }
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Uint32Array(old.length * 2);
    for (let at = 0; at < old.length; at += LANES) {
      if (old[at] === 0) continue;
      const f = old.subarray(at, at + LANES);
      this.slots.set(f, this.find(f));
    }
  }
}

/** 96 bits of the text's SHA-256; the first lane is never 0 (0 marks an empty slot). */
function fingerprint(text: string): Uint32Array {
  const d = createHash('sha256').update(text).digest();
  return Uint32Array.of(d.readUInt32LE(0) | 1, d.readUInt32LE(4), d.readUInt32LE(8));
}
