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
  readonly nodes = new Map<string, AttackNode>();
  readonly controls = new Map<string, ControlData>();
  readonly threats = new Map<string, ThreatData>();
  readonly risks: readonly RiskEntryData[];
  readonly owned: ReadonlySet<string>;
  private readonly outSteps = new Map<string, AttackStepEdge[]>();
  private readonly inSteps = new Map<string, AttackStepEdge[]>();
  private readonly protectors = new Map<string, ControlData[]>();
  private readonly dependsOn = new Map<string, string[]>();
  private readonly chains = new Map<string, Set<string>>();
  private dependents?: Map<string, ControlData[]>;
  private readonly accessors = new Map<string, string[]>();
  private readonly containers = new Map<string, string[]>();
  private readonly stepIndex: StepIndex;

  constructor(data: AttackGraphData) {
    for (const n of data.nodes) this.nodes.set(n.id, n);
    for (const c of data.controls) this.controls.set(c.id, c);
    for (const t of data.threats) this.threats.set(t.id, t);
    this.risks = data.risks ?? [];
    this.owned = new Set(data.owned ?? []);
    // One step per (from, to, vector): read and write access are the same step.
    const seen = new Set<string>();
    for (const s of data.steps) {
      if (s.from === s.to || !this.nodes.has(s.from) || !this.nodes.has(s.to)) continue;
      const key = `${s.from}|${s.to}|${s.vector}`;
      if (seen.has(key)) continue;
      seen.add(key);
      push(this.outSteps, s.from, s);
      push(this.inSteps, s.to, s);
    }
    // A stable order whatever order the database returned: searches break ties by it.
    for (const list of this.outSteps.values())
      list.sort((x, y) => compare(x.to, y.to) || compare(x.vector, y.vector));
    for (const list of this.inSteps.values())
      list.sort((x, y) => compare(x.from, y.from) || compare(x.vector, y.vector));
    this.stepIndex = new StepIndex(this.nodes.keys(), this.outSteps, this.inSteps);
    for (const c of data.controls) for (const p of c.protects) push(this.protectors, p, c);
    for (const d of data.dependsOn) push(this.dependsOn, d.from, d.to);
  }

  stepsFrom(id: string): readonly AttackStepEdge[] {
    return this.outSteps.get(id) ?? [];
  }

  stepsInto(id: string): readonly AttackStepEdge[] {
    return this.inSteps.get(id) ?? [];
  }

  /** Fewest steps from `starts` to each node (reverse: from each node to them), controls ignored. */
  hops(starts: readonly string[], direction: 'forward' | 'reverse', maxHops: number): HopCounts {
    return this.stepIndex.hops(starts, direction, maxHops);
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

  /** Entry points of a threat that exist in the graph. */
  entriesOf(threat: ThreatData): AttackNode[] {
    return threat.startsAt.map((id) => this.nodes.get(id)).filter((n): n is AttackNode => Boolean(n));
  }
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}
