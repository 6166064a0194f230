import { AttackStepEdge } from '@rampart/domain';
import { LayeredMap } from './layered-map';

/**
 * Fewest steps from the starts to each node reached (controls ignored), up to the search's
 * maxHops. A full search is backed by one byte per node of the graph (a 117k-node breadth-first
 * search then costs a few milliseconds instead of building a Map of every node reached); a search
 * restricted to the other end's counts reaches few nodes and keeps them in a map.
 */
export class HopCounts {
  private readonly dense?: Uint8Array;
  /** A restricted search's counts by node id: one lookup per get, what path searches call most. */
  private readonly sparse?: ReadonlyMap<string, number>;

  constructor(
    /** The step index's node numbers: counts of one graph only combine with counts of it. */
    readonly index: ReadonlyMap<string, number>,
    private readonly ids: readonly string[],
    /** By node number, every node (UNREACHED where not reached); or by id, only those reached. */
    dist: Uint8Array | ReadonlyMap<string, number>,
    /** Node numbers in the order reached. */
    private readonly reached: Int32Array,
  ) {
    if (dist instanceof Uint8Array) this.dense = dist;
    else this.sparse = dist;
  }

  get size(): number {
    return this.reached.length;
  }

  /** The count of node number i; UNREACHED where not reached. */
  at(i: number): number {
    return this.dense ? this.dense[i] : (this.sparse?.get(this.ids[i]) ?? UNREACHED);
  }

  /** Every node's count, when this is a full search (StepIndex.hops restricts with these). */
  get everyNode(): Uint8Array | undefined {
    return this.dense;
  }

  get(id: string): number | undefined {
    if (this.sparse) return this.sparse.get(id);
    const i = this.index.get(id);
    if (i === undefined) return undefined;
    const d = this.at(i);
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
      const d = large.at(i);
      if (d !== UNREACHED && small.at(i) + d <= maxHops) out.push(this.ids[i]);
    }
    return out;
  }

  *[Symbol.iterator](): IterableIterator<[string, number]> {
    for (const i of this.reached) yield [this.ids[i], this.at(i)];
  }
}

const UNREACHED = 255;

/**
 * The attack steps as compressed adjacency arrays over node numbers, in both directions: what the
 * hop-bounded breadth-first searches of every path query run on.
 */
export class StepIndex {
  private readonly index: ReadonlyMap<string, number>;
  /** Node numbers to ids; shared by the patches of one index, which only append to it. */
  private readonly ids: string[];
  /** How many numbers this index has given (ids may be longer: a later patch appended). */
  private readonly count: number;
  private readonly out: Adjacency;
  private readonly into: Adjacency;
  /** 1 where a node's lists are in `over` rather than in the base arrays. */
  private readonly patchedNodes: Uint8Array;
  /** UNREACHED everywhere between restricted searches (hops). */
  private scratch?: Uint8Array;

  /** `out` and `into`: each node's steps in the order searches should try them. */
  constructor(
    nodeIds: Iterable<string>,
    out: ReadonlyMap<string, readonly AttackStepEdge[]>,
    into: ReadonlyMap<string, readonly AttackStepEdge[]>,
    patch?: IndexParts,
  ) {
    if (patch) {
      ({ index: this.index, ids: this.ids, count: this.count, out: this.out, into: this.into } = patch);
      this.patchedNodes = patch.patchedNodes;
      return;
    }
    const index = new Map<string, number>();
    this.ids = [];
    for (const id of nodeIds) {
      index.set(id, this.ids.length);
      this.ids.push(id);
    }
    this.index = index;
    this.count = this.ids.length;
    this.out = { base: this.csr(out, (s) => s.to), over: new Map() };
    this.into = { base: this.csr(into, (s) => s.from), over: new Map() };
    this.patchedNodes = new Uint8Array(this.count);
  }

  /**
   * A copy with the step lists of some nodes replaced (an edit's delta, issue 21): the base arrays
   * are shared and the new lists kept beside them, so a patch costs the lists it changes and this
   * index, which searches under way may still read, is left as it was. New nodes get new numbers;
   * removed ones keep theirs, unreachable, and are no longer found as a start.
   */
  patched(
    out: ReadonlyMap<string, readonly AttackStepEdge[]>,
    into: ReadonlyMap<string, readonly AttackStepEdge[]>,
    removed: ReadonlySet<string> = new Set(),
    maxPatchedNodes = MAX_PATCHED_NODES,
  ): StepIndex {
    const changes = new Map<string, number | undefined>([...removed].map((id) => [id, undefined]));
    let count = this.count;
    // Appended to in place, unless another patch of this index appended already.
    let ids = this.ids;
    for (const id of new Set([...out.keys(), ...into.keys()])) {
      if (this.index.has(id) || removed.has(id)) continue;
      if (ids.length !== count) ids = ids.slice(0, count);
      changes.set(id, count++);
      ids.push(id);
    }
    const index = changes.size ? LayeredMap.patched(this.index, changes) : this.index;
    // A removed node's lists are emptied under the number it had.
    const at = (id: string) => (index.get(id) ?? this.index.get(id)) as number;
    const patchedNodes = new Uint8Array(count);
    patchedNodes.set(this.patchedNodes);
    const next = (adj: Adjacency, lists: ReadonlyMap<string, readonly AttackStepEdge[]>, end: Next) => {
      const over = new Map(adj.over);
      for (const [id, list] of lists) {
        patchedNodes[at(id)] = 1;
        over.set(at(id), { targets: Int32Array.from(list, (s) => at(end(s))), steps: [...list] });
      }
      return { base: adj.base, over };
    };
    const patch = {
      index,
      ids,
      count,
      out: next(this.out, out, (s) => s.to),
      into: next(this.into, into, (s) => s.from),
      patchedNodes,
    };
    for (let v = this.count; v < count; v++) patchedNodes[v] = 1;
    const result = new StepIndex([], new Map(), new Map(), patch);
    return patch.out.over.size > maxPatchedNodes ? result.compacted() : result;
  }

  /** Whether the node has a number here (removed nodes keep theirs but are not known). */
  knows(id: string): boolean {
    return this.index.has(id);
  }

  /**
   * Breadth-first tree from `starts` (tried in the order given): every node within maxHops once,
   * at its fewest steps, reached by the first step found; parents come before their children.
   */
  tree(starts: readonly string[], direction: 'forward' | 'reverse', maxHops: number): TreeNode[] {
    const { base, over } = direction === 'forward' ? this.out : this.into;
    const flags = this.patchedNodes;
    const seen = new Uint8Array(this.count);
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
      const list = flags[v] ? (over.get(v) ?? NO_STEPS) : undefined;
      const targets = list ? list.targets : base.targets;
      const steps = list ? list.steps : base.steps;
      const end = list ? targets.length : base.end[v];
      for (let e = list ? 0 : base.start[v]; e < end; e++) {
        const w = targets[e];
        if (seen[w]) continue;
        seen[w] = 1;
        order.push(w);
        nodes.push({ id: this.ids[w], hops, parent: k, step: steps[e] });
      }
    }
    return nodes;
  }

  /** The same index with every list back in base arrays (after many patches). */
  private compacted(): StepIndex {
    const lists = (adj: Adjacency) => {
      const m = new Map<string, AttackStepEdge[]>();
      for (let v = 0; v < this.count; v++) {
        const o = this.patchedNodes[v] ? (adj.over.get(v) ?? NO_STEPS) : undefined;
        const steps = o ? o.steps : adj.base.steps.slice(adj.base.start[v], adj.base.end[v]);
        if (steps.length) m.set(this.ids[v], steps);
      }
      return m;
    };
    const ids = [...this.index.entries()].sort((x, y) => x[1] - y[1]).map(([id]) => id);
    return new StepIndex(ids, lists(this.out), lists(this.into));
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
    return { start: offsets.subarray(0, n), end: offsets.subarray(1), targets, steps };
  }

  /**
   * Breadth-first hop counts from `starts` along the steps (reverse: against them). With `within`
   * (counts from the other end, same graph), a node is reached only when its count there plus its
   * count here is at most maxHops: only nodes of some walk of at most maxHops between both ends,
   * each with its exact count (every node of such a shortest walk is itself one of them).
   */
  hops(
    starts: readonly string[],
    direction: 'forward' | 'reverse',
    maxHops: number,
    within?: HopCounts,
  ): HopCounts {
    if (maxHops >= UNREACHED) throw new RangeError(`maxHops ${maxHops} is above ${UNREACHED - 1}`);
    if (within && within.index !== this.index) throw new Error('hop counts of another graph');
    // UNREACHED (255) plus any count is above every allowed maxHops: no separate reached test.
    const other = within?.everyNode;
    if (within && !other) throw new Error('restricting needs the counts of a full search');
    const { base, over } = direction === 'forward' ? this.out : this.into;
    const flags = this.patchedNodes;
    // A restricted search reaches few nodes: it works in one array kept by the index (reset after
    // each search) rather than filling a new one per search (weakest links search each pair).
    const dist = other
      ? (this.scratch ??= new Uint8Array(this.count).fill(UNREACHED))
      : new Uint8Array(this.count).fill(UNREACHED);
    const reached: number[] = [];
    for (const s of starts) {
      const i = this.index.get(s);
      if (i === undefined || dist[i] === 0 || (other && other[i] > maxHops)) continue;
      dist[i] = 0;
      reached.push(i);
    }
    let begin = 0;
    for (let d = 1; d <= maxHops && begin < reached.length; d++) {
      const last = reached.length;
      for (let q = begin; q < last; q++) {
        const v = reached[q];
        const list = flags[v] ? (over.get(v) ?? NO_STEPS) : undefined;
        const targets = list ? list.targets : base.targets;
        const end = list ? targets.length : base.end[v];
        for (let e = list ? 0 : base.start[v]; e < end; e++) {
          const w = targets[e];
          if (dist[w] !== UNREACHED || (other && other[w] + d > maxHops)) continue;
          dist[w] = d;
          reached.push(w);
        }
      }
      begin = last;
    }
    const order = Int32Array.from(reached);
    if (!other) return new HopCounts(this.index, this.ids, dist, order);
    const counts = new Map<string, number>();
    for (const i of reached) {
      counts.set(this.ids[i], dist[i]);
      dist[i] = UNREACHED;
    }
    return new HopCounts(this.index, this.ids, counts, order);
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

/** Compressed sparse rows: the neighbours of v are targets[start[v] .. end[v]) (each end the next start). */
interface Csr {
  start: Int32Array;
  end: Int32Array;
  targets: Int32Array;
  /** The step behind each neighbour slot. */
  steps: AttackStepEdge[];
}

/** One node's neighbours when a patch replaced them. */
interface List {
  targets: Int32Array;
  steps: AttackStepEdge[];
}

/** The base arrays and the lists patches replaced, by node number. */
interface Adjacency {
  base: Csr;
  over: ReadonlyMap<number, List>;
}

type Next = (s: AttackStepEdge) => string;

const NO_STEPS: List = { targets: new Int32Array(0), steps: [] };
/** Past this many patched nodes the index is rebuilt into base arrays (reads stay array reads). */
const MAX_PATCHED_NODES = 20_000;

interface IndexParts {
  index: ReadonlyMap<string, number>;
  ids: string[];
  count: number;
  out: Adjacency;
  into: Adjacency;
  patchedNodes: Uint8Array;
}
