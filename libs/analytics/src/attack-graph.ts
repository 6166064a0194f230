import {
  AttackGraphData,
  AttackNode,
  AttackStepEdge,
  AttackVector,
  ControlData,
  RiskEntryData,
  ThreatData,
} from '@rampart/domain';
import { HopCounts, StepIndex, TreeNode } from './step-index';

/** A control as it counts on a step: its effectiveness after status (degraded: half) and the cap. */
export interface Barrier {
  id: string;
  /** Effectiveness used in probabilities: degraded halves it; capped at MAX_EFFECTIVENESS. */
  effectiveness: number;
}

/** docs/spec/analytics.md §3: "cap e_c at 0.999" so that every path keeps a probability and a rank. */
export const MAX_EFFECTIVENESS = 0.999;
const IN_FORCE = new Set(['implemented', 'degraded']);
/** Hop counts kept per graph: about 0.6 MB each at 117k nodes. */
const FROM_ENTRIES_KEPT = 64;

/** -ln(1 - e): additive weights whose cheapest sum is the most likely path. */
export const likelihoodWeightOf = (effectiveness: number) => -Math.log(1 - effectiveness);

/** How a threat enters its own entry points (docs/spec/analytics.md §2). */
export function entryVector(node: AttackNode): AttackVector {
  if (node.labels.includes('Facility')) return 'physical';
  if (node.labels.includes('Person')) return 'access';
  return 'network';
}

export const isInForce = (c: ControlData) => IN_FORCE.has(c.status);
export const appliesTo = (c: ControlData, vector: string) => !c.vectors?.length || c.vectors.includes(vector);
export const effectiveEffectiveness = (c: ControlData) =>
  Math.min(c.status === 'degraded' ? c.effectiveness / 2 : c.effectiveness, MAX_EFFECTIVENESS);

/**
 * The attack graph of docs/spec/analytics.md §2 in memory: steps by node in both directions, the controls
 * protecting each node, and each control's dependency chain. Built once per graph version.
 */
export class AttackGraph {
  readonly nodes: ReadonlyMap<string, AttackNode>;
  readonly controls: ReadonlyMap<string, ControlData>;
  readonly threats: ReadonlyMap<string, ThreatData>;
  readonly risks: readonly RiskEntryData[];
  readonly owned: ReadonlySet<string>;
  /**
   * Stands for what the metrics compute on (everything but names): a patch that changes nothing
   * else (a rename, a description) keeps it, so whole-graph results cached by it stay valid.
   */
  readonly analysisKey: object;
  private readonly outSteps: ReadonlyMap<string, AttackStepEdge[]>;
  private readonly inSteps: ReadonlyMap<string, AttackStepEdge[]>;
  private readonly protectors: ReadonlyMap<string, ControlData[]>;
  private readonly dependsOn: ReadonlyMap<string, string[]>;
  private readonly stepIndex: StepIndex;
  private readonly chains = new Map<string, Set<string>>();
  private dependents?: Map<string, ControlData[]>;
  private readonly accessors = new Map<string, string[]>();
  private readonly containers = new Map<string, string[]>();
  /** entriesOf by threat object (a patched graph has its own, never inherited). */
  private readonly entries = new WeakMap<ThreatData, AttackNode[]>();
  /** hopsFromEntries by maxHops and threat, least recently used first (never inherited by a patch). */
  private readonly fromEntries = new Map<string, HopCounts>();

  /** `parts`: a patched graph's structures (graph-patch.ts); otherwise built from the data. */
  constructor(data: AttackGraphData, parts?: GraphParts) {
    this.analysisKey = parts?.analysisKey ?? {};
    if (parts) {
      ({ nodes: this.nodes, controls: this.controls, threats: this.threats } = parts);
      ({
        risks: this.risks,
        owned: this.owned,
        protectors: this.protectors,
        dependsOn: this.dependsOn,
      } = parts);
      ({ outSteps: this.outSteps, inSteps: this.inSteps, stepIndex: this.stepIndex } = parts);
      return;
    }
    const nodes = byId(data.nodes);
    this.nodes = nodes;
    this.controls = byId(data.controls);
    this.threats = byId(data.threats);
    this.risks = data.risks ?? [];
    this.owned = new Set(data.owned ?? []);
    const out = new Map<string, AttackStepEdge[]>();
    const into = new Map<string, AttackStepEdge[]>();
    for (const s of data.steps) {
      if (s.from === s.to || !nodes.has(s.from) || !nodes.has(s.to)) continue;
      push(out, s.from, s);
      push(into, s.to, s);
    }
    for (const [id, list] of out) out.set(id, stepOrder(list, 'to'));
    for (const [id, list] of into) into.set(id, stepOrder(list, 'from'));
    this.outSteps = out;
    this.inSteps = into;
    this.stepIndex = new StepIndex(nodes.keys(), out, into);
    const protectors = new Map<string, ControlData[]>();
    for (const c of data.controls) for (const p of c.protects) push(protectors, p, c);
    // By control id, whatever order the database returned (a patch keeps the same order).
    for (const list of protectors.values()) list.sort(byControlId);
    this.protectors = protectors;
    const dependsOn = new Map<string, string[]>();
    for (const d of data.dependsOn) push(dependsOn, d.from, d.to);
    this.dependsOn = dependsOn;
  }

  /**
   * Takes over the memos of the graph this one was patched from, but those of the entries the
   * patch changed (issue 21): the first whole-organisation answer after an edit then recomputes
   * what the edit touched, not everything.
   */
  inheritMemos(prev: AttackGraph, change: PatchChange): void {
    for (const [id, list] of prev.accessors) if (!change.steps.has(id)) this.accessors.set(id, list);
    for (const [id, list] of prev.containers) if (!change.steps.has(id)) this.containers.set(id, list);
    for (const [id, chain] of prev.chains) {
      if (!change.touched.has(id) && ![...chain].some((x) => change.touched.has(x)))
        this.chains.set(id, chain);
    }
  }

  /** Its structures, for a patch to layer its changes on. */
  get parts(): Readonly<GraphParts> {
    const { nodes, controls, threats, risks, owned, outSteps, inSteps, protectors, dependsOn, stepIndex } =
      this;
    return { nodes, controls, threats, risks, owned, outSteps, inSteps, protectors, dependsOn, stepIndex };
  }

  stepsFrom(id: string): readonly AttackStepEdge[] {
    return this.outSteps.get(id) ?? [];
  }

  stepsInto(id: string): readonly AttackStepEdge[] {
    return this.inSteps.get(id) ?? [];
  }

  /**
   * Fewest steps from `starts` to each node (reverse: from each node to them), controls ignored;
   * with `within`, only nodes within maxHops of both ends (StepIndex.hops).
   */
  hops(
    starts: readonly string[],
    direction: 'forward' | 'reverse',
    maxHops: number,
    within?: HopCounts,
  ): HopCounts {
    return this.stepIndex.hops(starts, direction, maxHops, within);
  }

  /**
   * Fewest steps from the threat's entry points, kept for the last few threats asked: a threat
   * reaches a few thousand nodes where a target is reached from tens of thousands, so searches
   * start from these counts (path-search.ts hopsToTarget).
   */
  hopsFromEntries(threat: ThreatData, maxHops: number): HopCounts {
    const key = `${maxHops} ${threat.id}`;
    let counts = this.fromEntries.get(key);
    if (counts) {
      this.fromEntries.delete(key);
    } else {
      counts = this.hops(
        this.entriesOf(threat).map((e) => e.id),
        'forward',
        maxHops,
      );
      if (this.fromEntries.size >= FROM_ENTRIES_KEPT)
        this.fromEntries.delete(this.fromEntries.keys().next().value as string);
    }
    this.fromEntries.set(key, counts); // most recently used last
    return counts;
  }

  /** Breadth-first tree from `starts` (in that order), each step list tried in its sorted order. */
  tree(starts: readonly string[], direction: 'forward' | 'reverse', maxHops: number): TreeNode[] {
    return this.stepIndex.tree(starts, direction, maxHops);
  }

  /** Every control that PROTECTS the node, whatever its status. */
  protectorsOf(id: string): readonly ControlData[] {
    return this.protectors.get(id) ?? [];
  }

  /**
   * The barriers of entering `node` by `vector` (docs/spec/analytics.md §2): controls in force that apply to
   * the vector, with effectiveness above 0, not in `failed`.
   */
  barriers(node: string, vector: string, failed?: ReadonlySet<string>): Barrier[] {
    const out: Barrier[] = [];
    for (const c of this.protectorsOf(node)) {
      if (!isInForce(c) || !appliesTo(c, vector) || c.effectiveness <= 0) continue;
      if (failed?.has(c.id)) continue;
      out.push({ id: c.id, effectiveness: effectiveEffectiveness(c) });
    }
    return out;
  }

  /** Everything a control depends on, transitively along DEPENDS_ON (not the control itself). */
  dependencyChain(controlId: string): ReadonlySet<string> {
    let chain = this.chains.get(controlId);
    if (!chain) {
      chain = new Set<string>();
      const stack = [...(this.dependsOn.get(controlId) ?? [])];
      while (stack.length) {
        const id = stack.pop() as string;
        if (id === controlId || chain.has(id)) continue;
        chain.add(id);
        stack.push(...(this.dependsOn.get(id) ?? []));
      }
      this.chains.set(controlId, chain);
    }
    return chain;
  }

  /** Controls in force anywhere whose dependency chain contains `id` (what failing it takes out). */
  dependentsOf(id: string): readonly ControlData[] {
    if (!this.dependents) {
      this.dependents = new Map();
      for (const c of this.controls.values()) {
        if (!isInForce(c)) continue;
        for (const d of this.dependencyChain(c.id)) push(this.dependents, d, c);
      }
    }
    return this.dependents.get(id) ?? [];
  }

  /** The controls a failure of `id` takes out: itself if a control, and every control in force depending on it. */
  takenOutBy(id: string): ReadonlySet<string> {
    return new Set([...(this.controls.has(id) ? [id] : []), ...this.dependentsOf(id).map((c) => c.id)]);
  }

  /** People with a step into the node (access of any mode), memoised: big sites have thousands. */
  accessorsOf(id: string): readonly string[] {
    let list = this.accessors.get(id);
    if (!list) {
      list = [
        ...new Set(
          this.stepsInto(id)
            .filter((s) => this.nodes.get(s.from)?.labels.includes('Person'))
            .map((s) => s.from),
        ),
      ];
      this.accessors.set(id, list);
    }
    return list;
  }

  /**
   * What directly contains a node (docs/spec/analytics.md §5), memoised: the system information is stored
   * on (a logical step from a System), the facility a system, asset or facility is in (a physical
   * step from a Facility).
   */
  directContainersOf(id: string): readonly string[] {
    let list = this.containers.get(id);
    if (!list) {
      const isInfo = Boolean(this.nodes.get(id)?.labels.includes('Information'));
      const from = (s: AttackStepEdge, label: string) =>
        Boolean(this.nodes.get(s.from)?.labels.includes(label));
      list = [
        ...new Set(
          this.stepsInto(id)
            .filter(
              (s) =>
                (s.vector === 'logical' && isInfo && from(s, 'System')) ||
                (s.vector === 'physical' && from(s, 'Facility')),
            )
            .map((s) => s.from),
        ),
      ];
      this.containers.set(id, list);
    }
    return list;
  }

  /** Entry points of a threat that exist in the graph (kept per threat: searches ask often). */
  entriesOf(threat: ThreatData): readonly AttackNode[] {
    let entries = this.entries.get(threat);
    if (!entries) {
      entries = threat.startsAt.map((id) => this.nodes.get(id)).filter((n): n is AttackNode => Boolean(n));
      this.entries.set(threat, entries);
    }
    return entries;
  }
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** What a patch changed: the entities it touched, the nodes whose steps or protectors changed. */
export interface PatchChange {
  touched: ReadonlySet<string>;
  steps: ReadonlySet<string>;
  protectors: ReadonlySet<string>;
}

/** What an attack graph is made of (a patch layers changes on another graph's). */
export interface GraphParts {
  nodes: ReadonlyMap<string, AttackNode>;
  controls: ReadonlyMap<string, ControlData>;
  threats: ReadonlyMap<string, ThreatData>;
  risks: readonly RiskEntryData[];
  owned: ReadonlySet<string>;
  outSteps: ReadonlyMap<string, AttackStepEdge[]>;
  inSteps: ReadonlyMap<string, AttackStepEdge[]>;
  /** The controls protecting each node. */
  protectors: ReadonlyMap<string, ControlData[]>;
  /** Direct DEPENDS_ON targets by dependant. */
  dependsOn: ReadonlyMap<string, string[]>;
  stepIndex: StepIndex;
  /** The analysis key to keep (see AttackGraph.analysisKey); a new one when absent. */
  analysisKey?: object;
}

export const byControlId = (a: ControlData, b: ControlData) => compare(a.id, b.id);

function byId<T extends { id: string }>(items: readonly T[]): Map<string, T> {
  const m = new Map<string, T>();
  for (const item of items) m.set(item.id, item);
  return m;
}

/**
 * One node's steps in a stable order whatever order the database returned (searches break ties
 * by it), one step per (from, to, vector): read and write access are the same step.
 */
export function stepOrder(list: AttackStepEdge[], by: 'to' | 'from'): AttackStepEdge[] {
  list.sort((x, y) => compare(x[by], y[by]) || compare(x.vector, y.vector));
  return list.filter((s, i) => i === 0 || s[by] !== list[i - 1][by] || s.vector !== list[i - 1].vector);
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}
