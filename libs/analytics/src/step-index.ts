import { AttackStepEdge } from '@rampart/domain';

/**
 * Fewest steps from the starts to each node reached (controls ignored), up to the search's
 * maxHops. Backed by one byte per node of the graph: a 117k-node breadth-first search then costs
 * a few milliseconds instead of building a Map of every node reached.
 */
export class HopCounts {
  constructor(
    private readonly index: ReadonlyMap<string, number>,
    private readonly ids: readonly string[],
    private readonly dist: Uint8Array,
    /** Node numbers in the order reached. */
    private readonly reached: Int32Array,
  ) {}

  get size(): number {
    return this.reached.length;
  }

  get(id: string): number | undefined {
    const i = this.index.get(id);
    if (i === undefined) return undefined;
    const d = this.dist[i];
    return d === UNREACHED ? undefined : d;
  }

  has(id: string): boolean {
    return this.get(id) !== undefined;
  }

  /** Nodes whose count here plus their count in `other` (same graph) is at most maxHops. */
  within(other: HopCounts, maxHops: number): string[] {
    const [small, large] = this.size <= other.size ? [this, other] : [other, this];
    const out: string[] = [];
    for (const i of small.reached) {
      if (large.dist[i] !== UNREACHED && small.dist[i] + large.dist[i] <= maxHops) out.push(this.ids[i]);
    }
    return out;
  }

  *[Symbol.iterator](): IterableIterator<[string, number]> {
    for (const i of this.reached) yield [this.ids[i], this.dist[i]];
  }
}

const UNREACHED = 255;

/**
 * The attack steps as compressed adjacency arrays over node numbers, in both directions: what the
 * hop-bounded breadth-first searches of every path query run on.
 */
export class StepIndex {
  private readonly index = new Map<string, number>();
  private readonly ids: string[] = [];
  private readonly out: Csr;
  private readonly into: Csr;

  /** `out` and `into`: each node's steps in the order searches should try them. */
  constructor(
    nodeIds: Iterable<string>,
    out: ReadonlyMap<string, readonly AttackStepEdge[]>,
    into: ReadonlyMap<string, readonly AttackStepEdge[]>,
  ) {
    for (const id of nodeIds) {
      this.index.set(id, this.ids.length);
      this.ids.push(id);
    }
    this.out = this.csr(out, (s) => s.to);
    this.into = this.csr(into, (s) => s.from);
  }

  /**
   * Breadth-first tree from `starts` (tried in the order given): every node within maxHops once,
   * at its fewest steps, reached by the first step found; parents come before their children.
   */
  tree(starts: readonly string[], direction: 'forward' | 'reverse', maxHops: number): TreeNode[] {
    const { offsets, targets, steps } = direction === 'forward' ? this.out : this.into;
    const seen = new Uint8Array(this.ids.length);
    const nodes: TreeNode[] = [];
    const order: number[] = [];
    for (const s of starts) {
      const i = this.index.get(s);
      if (i === undefined || seen[i]) continue;
      seen[i] = 1;
      order.push(i);
      nodes.push({ id: s, hops: 0, parent: -1 });
    }
    for (let k = 0; k < order.length; k++) {
      const hops = nodes[k].hops + 1;
      if (hops > maxHops) break;
      const v = order[k];
      for (let e = offsets[v]; e < offsets[v + 1]; e++) {
        const w = targets[e];
        if (seen[w]) continue;
        seen[w] = 1;
        order.push(w);
        nodes.push({ id: this.ids[w], hops, parent: k, step: steps[e] });
      }
    }
    return nodes;
  }

  private csr(
    lists: ReadonlyMap<string, readonly AttackStepEdge[]>,
    next: (s: AttackStepEdge) => string,
  ): Csr {
    const n = this.ids.length;
    const offsets = new Int32Array(n + 1);
    for (const [id, list] of lists) offsets[(this.index.get(id) as number) + 1] = list.length;
    for (let v = 0; v < n; v++) offsets[v + 1] += offsets[v];
    const targets = new Int32Array(offsets[n]);
    const steps: AttackStepEdge[] = new Array(offsets[n]);
    for (const [id, list] of lists) {
      let e = offsets[this.index.get(id) as number];
      for (const s of list) {
        targets[e] = this.index.get(next(s)) as number;
        steps[e++] = s;
      }
    }
    return { offsets, targets, steps };
  }

  /** Breadth-first hop counts from `starts` along the steps (reverse: against them). */
  hops(starts: readonly string[], direction: 'forward' | 'reverse', maxHops: number): HopCounts {
    if (maxHops >= UNREACHED) throw new RangeError(`maxHops ${maxHops} is above ${UNREACHED - 1}`);
    const { offsets, targets } = direction === 'forward' ? this.out : this.into;
    const dist = new Uint8Array(this.ids.length).fill(UNREACHED);
    const reached: number[] = [];
    for (const s of starts) {
      const i = this.index.get(s);
      if (i === undefined || dist[i] === 0) continue;
      dist[i] = 0;
      reached.push(i);
    }
    let begin = 0;
    for (let d = 1; d <= maxHops && begin < reached.length; d++) {
      const end = reached.length;
      for (let q = begin; q < end; q++) {
        const v = reached[q];
        for (let e = offsets[v]; e < offsets[v + 1]; e++) {
          const w = targets[e];
          if (dist[w] !== UNREACHED) continue;
          dist[w] = d;
          reached.push(w);
        }
      }
      begin = end;
    }
    return new HopCounts(this.index, this.ids, dist, Int32Array.from(reached));
  }
}

export interface TreeNode {
  id: string;
  hops: number;
  /** Position of the parent in the tree's list; -1 for a start. */
  parent: number;
  /** The step from the parent (forward) or to it (reverse). */
  step?: AttackStepEdge;
}

/** Compressed sparse rows: the neighbours of v are targets[offsets[v] .. offsets[v + 1]). */
interface Csr {
  offsets: Int32Array;
  targets: Int32Array;
  /** The step behind each neighbour slot. */
  steps: AttackStepEdge[];
}
