/** A small seeded PRNG (mulberry32): the same seed gives the same organisation on every machine. */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0 || 0x9e3779b9;
  }

  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** Picks by weight: `weighted([['a', 3], ['b', 1]])` gives "a" three times as often. */
  weighted<T>(options: readonly (readonly [T, number])[]): T {
    const total = options.reduce((s, [, w]) => s + w, 0);
    let r = this.next() * total;
    for (const [value, w] of options) {
      r -= w;
      if (r < 0) return value;
    }
    return options[options.length - 1][0];
  }

  /** A few distinct items. */
  sample<T>(items: readonly T[], n: number): T[] {
    const out = new Set<T>();
    const want = Math.min(n, items.length);
    while (out.size < want) out.add(this.pick(items));
    return [...out];
  }

  /** Heavy-tailed count (most small, a few large): access counts per person. */
  skewed(min: number, max: number): number {
    return Math.min(max, min + Math.floor(Math.pow(this.next(), 3) * (max - min + 1)));
  }

  /** An ISO date within `days` days before `asOf`. */
  dateBefore(asOf: Date, days: number): string {
    return new Date(asOf.getTime() - this.int(0, days) * 86_400_000).toISOString().slice(0, 10);
  }
}
