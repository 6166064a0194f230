import { AttackNode, ThreatData } from '@rampart/domain';
import { AttackGraph } from './attack-graph';

/** An asset offered as the target of a threat, and how near its entry points it is. */
export interface RankedTarget {
  node: AttackNode;
  /** Fewest steps from an entry point (0: an entry point itself); undefined when not within maxHops. */
  hops?: number;
}

export interface TargetOptions {
  /** Assets of this organisation; default the threat's own (every one for a catalogue threat). */
  organizationId?: string;
  /** Text in the id or the name, any case. */
  search?: string;
  maxHops: number;
  /** Assets the reader may not see: left out of the list and its counts. */
  hidden?: (id: string) => boolean;
}

const byCriticalityThenName = (a: AttackNode, b: AttackNode) =>
  (b.criticality ?? 1) - (a.criticality ?? 1) || a.name.localeCompare(b.name) || a.id.localeCompare(b.id);

/**
 * The assets a threat may be asked about, for a target picker: those its entry points reach within
 * maxHops (controls ignored), fewest steps first, then most critical; then the rest, most critical
 * first. One breadth-first pass: hops, not probabilities (those need a search per entry point).
 */
export function rankTargets(g: AttackGraph, threat: ThreatData, opts: TargetOptions): RankedTarget[] {
  const orgId = opts.organizationId ?? threat.organizationId;
  const text = opts.search?.trim().toLowerCase();
  const hops = g.hops(
    g.entriesOf(threat).map((e) => e.id),
    'forward',
    opts.maxHops,
  );
  return [...g.nodes.values()]
    .filter(
      (n) =>
        n.labels.includes('Asset') &&
        (!orgId || n.organizationId === orgId) &&
        (!text || n.id.toLowerCase().includes(text) || n.name.toLowerCase().includes(text)) &&
        !opts.hidden?.(n.id),
    )
    .map((node): RankedTarget => ({ node, hops: hops.get(node.id) }))
    .sort(
      (a, b) =>
        // Infinity - Infinity is NaN: two unreached assets fall through to the next key.
        (a.hops ?? Infinity) - (b.hops ?? Infinity) || byCriticalityThenName(a.node, b.node),
    );
}
