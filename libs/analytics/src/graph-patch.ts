import { AttackGraphData, AttackStepEdge, ControlData } from '@rampart/domain';
import { AttackGraph, GraphParts, PatchChange, byControlId, stepOrder } from './attack-graph';
import { inheritCoverageMemos } from './coverage-data';
import { KeySet, LayeredMap } from './layered-map';

/** The touched entities and, as now stored, everything about them (AttackGraphDelta). */
export interface GraphPatch {
  ids: readonly string[];
  part: AttackGraphData;
}

/** The data after a patch: every record of a touched entity, and every step or dependency touching one, replaced. */
export function patchGraphData(data: AttackGraphData, { ids, part }: GraphPatch): AttackGraphData {
  const touched = new Set(ids);
  const kept = (id: string) => !touched.has(id);
  const ends = (e: { from: string; to: string }) => kept(e.from) && kept(e.to);
  return {
    nodes: [...data.nodes.filter((n) => kept(n.id)), ...part.nodes],
    steps: [...data.steps.filter(ends), ...part.steps],
    controls: [...data.controls.filter((c) => kept(c.id)), ...part.controls],
    threats: [...data.threats.filter((t) => kept(t.id)), ...part.threats],
    dependsOn: [...data.dependsOn.filter(ends), ...part.dependsOn],
    risks: [...(data.risks ?? []).filter((r) => kept(r.id)), ...(part.risks ?? [])],
    owned: [...(data.owned ?? []).filter(kept), ...(part.owned ?? [])],
  };
}

/**
 * One patch doing what `first` then `second` do: patchGraphData(patchGraphData(d, first), second)
 * equals patchGraphData(d, mergePatches(first, second)) for any data (each record is removed by
 * whether it touches a touched id, so removals compose). A version's data is then the last data
 * built and one patch, however many edits came since, and holds no earlier version.
 */
export function mergePatches(first: GraphPatch, second: GraphPatch): GraphPatch {
  return {
    ids: [...new Set([...first.ids, ...second.ids])],
    part: patchGraphData(first.part, second),
  };
}

/**
 * The attack graph after an edit (issue 21), equal to one built from the patched data: maps are
 * layered with the touched entries (LayeredMap), only the step lists of the nodes the patch
 * touches or that have a step to one are rebuilt, and the step index shares its arrays with the
 * new lists kept beside them (StepIndex.patched).
 */
export function patchAttackGraph(prev: AttackGraph, patch: GraphPatch): AttackGraph {
  const p = prev.parts;
  const touched = new Set(patch.ids);
  const { part } = patch;
  const nodes = LayeredMap.patched(p.nodes, changesOf(touched, part.nodes));
  const controls = LayeredMap.patched(p.controls, changesOf(touched, part.controls));
  const threats = LayeredMap.patched(p.threats, changesOf(touched, part.threats));
  const owned = new Map<string, true | undefined>([...touched].map((id) => [id, undefined]));
  for (const id of part.owned ?? []) owned.set(id, true);
  const ownedSet =
    p.owned instanceof KeySet
      ? (p.owned as KeySet<string>).map
      : new Map([...p.owned].map((id) => [id, true as const]));
  const { affected, ...steps } = patchSteps(p, touched, part.steps, (id) => nodes.has(id));
  const protectors = patchProtectors(p.protectors, prev.controls, touched, part.controls);
  const next = new AttackGraph(EMPTY, {
    nodes,
    controls,
    threats,
    risks: [...p.risks.filter((r) => !touched.has(r.id)), ...(part.risks ?? [])],
    owned: new KeySet(LayeredMap.patched(ownedSet, owned)),
    protectors: protectors.map,
    dependsOn: patchDependsOn(p.dependsOn, touched, part.dependsOn),
    ...steps,
  });
  const change = { touched, steps: affected, protectors: protectors.keys };
  if (onlyNamesChanged(prev, next, change)) (next as { analysisKey: object }).analysisKey = prev.analysisKey;
  next.inheritMemos(prev, change);
  inheritCoverageMemos(prev, next, change);
  return next;
}

const EMPTY: AttackGraphData = { nodes: [], steps: [], controls: [], threats: [], dependsOn: [] };

/** Entries of the touched ids: the part's record, or removal. */
function changesOf<T extends { id: string }>(touched: ReadonlySet<string>, items: readonly T[]) {
  const changes = new Map<string, T | undefined>([...touched].map((id) => [id, undefined]));
  for (const item of items) changes.set(item.id, item);
  return changes;
}

function patchSteps(
  p: Readonly<GraphParts>,
  touched: ReadonlySet<string>,
  partSteps: readonly AttackStepEdge[],
  exists: (id: string) => boolean,
): Pick<GraphParts, 'outSteps' | 'inSteps' | 'stepIndex'> & { affected: ReadonlySet<string> } {
  const valid = (s: AttackStepEdge) => s.from !== s.to && exists(s.from) && exists(s.to);
  const added = { out: byKey(partSteps, 'from'), into: byKey(partSteps, 'to') };
  const affected = new Set(touched);
  for (const id of touched) {
    for (const s of p.outSteps.get(id) ?? []) affected.add(s.to);
    for (const s of p.inSteps.get(id) ?? []) affected.add(s.from);
  }
  for (const s of partSteps) affected.add(s.from).add(s.to);
  const changed = { out: new Map<string, AttackStepEdge[]>(), into: new Map<string, AttackStepEdge[]>() };
  const removed = new Set<string>();
  for (const x of affected) {
    if (!exists(x)) {
      if (p.stepIndex.knows(x)) removed.add(x);
      changed.out.set(x, []);
      changed.into.set(x, []);
      continue;
    }
    const stillOut = touched.has(x) ? [] : (p.outSteps.get(x) ?? []).filter((s) => !touched.has(s.to));
    const stillIn = touched.has(x) ? [] : (p.inSteps.get(x) ?? []).filter((s) => !touched.has(s.from));
    changed.out.set(x, stepOrder([...stillOut, ...(added.out.get(x) ?? []).filter(valid)], 'to'));
    changed.into.set(x, stepOrder([...stillIn, ...(added.into.get(x) ?? []).filter(valid)], 'from'));
  }
  const lists = (m: Map<string, AttackStepEdge[]>) =>
    new Map([...m].map(([id, list]) => [id, list.length ? list : undefined]));
  // The index gets the lists of the nodes that exist and, emptied, of those removed.
  const indexed = (m: Map<string, AttackStepEdge[]>) =>
    new Map([...m].filter(([id]) => exists(id) || removed.has(id)));
  return {
    outSteps: LayeredMap.patched(p.outSteps, lists(changed.out)),
    inSteps: LayeredMap.patched(p.inSteps, lists(changed.into)),
    stepIndex: p.stepIndex.patched(indexed(changed.out), indexed(changed.into), removed),
    affected,
  };
}

/** The controls protecting each node whose protectors a touched control was or is among. */
function patchProtectors(
  before: ReadonlyMap<string, ControlData[]>,
  oldControls: ReadonlyMap<string, ControlData>,
  touched: ReadonlySet<string>,
  controls: readonly ControlData[],
): { map: ReadonlyMap<string, ControlData[]>; keys: ReadonlySet<string> } {
  const keys = new Set<string>();
  for (const id of touched) for (const p of oldControls.get(id)?.protects ?? []) keys.add(p);
  for (const c of controls) for (const p of c.protects) keys.add(p);
  const changes = new Map<string, ControlData[] | undefined>();
  for (const k of keys) {
    const list = [
      ...(before.get(k) ?? []).filter((c) => !touched.has(c.id)),
      ...controls.filter((c) => c.protects.includes(k)),
    ].sort(byControlId);
    changes.set(k, list.length ? list : undefined);
  }
  return { map: LayeredMap.patched(before, changes), keys };
}

/** Direct DEPENDS_ON targets of the touched entities, as the part states them. */
function patchDependsOn(
  before: ReadonlyMap<string, string[]>,
  touched: ReadonlySet<string>,
  edges: readonly { from: string; to: string }[],
): ReadonlyMap<string, string[]> {
  const changes = new Map<string, string[] | undefined>([...touched].map((id) => [id, undefined]));
  for (const e of edges) if (touched.has(e.from)) changes.set(e.from, [...(changes.get(e.from) ?? []), e.to]);
  return LayeredMap.patched(before, changes);
}

function byKey(steps: readonly AttackStepEdge[], key: 'from' | 'to'): Map<string, AttackStepEdge[]> {
  const m = new Map<string, AttackStepEdge[]>();
  for (const s of steps) {
    const list = m.get(s[key]);
    if (list) list.push(s);
    else m.set(s[key], [s]);
  }
  return m;
}

/** Whether the patch changed names only: every record and list it touched is the same otherwise. */
function onlyNamesChanged(prev: AttackGraph, next: AttackGraph, change: PatchChange): boolean {
  const unnamed = (x: { name?: string } | undefined) => (x ? JSON.stringify({ ...x, name: null }) : '');
  const same = <T extends { name?: string }>(a: ReadonlyMap<string, T>, b: ReadonlyMap<string, T>) =>
    [...change.touched].every((id) => unnamed(a.get(id)) === unnamed(b.get(id)));
  const steps = (g: AttackGraph, id: string) =>
    JSON.stringify(
      [g.stepsFrom(id), g.stepsInto(id)].map((l) => l.map((s) => `${s.from}>${s.to}/${s.vector}`)),
    );
  const ids = (cs: readonly ControlData[]) => cs.map((c) => c.id).join(',');
  // An entity the graph does not hold (an organisation's thresholds, a unit) may change any metric.
  const held = (g: AttackGraph, id: string) =>
    g.nodes.has(id) || g.controls.has(id) || g.threats.has(id) || g.risks.some((r) => r.id === id);
  return (
    [...change.touched].every((id) => held(prev, id) || held(next, id)) &&
    same(prev.nodes, next.nodes) &&
    same(prev.controls, next.controls) &&
    same(prev.threats, next.threats) &&
    [...change.steps].every((id) => steps(prev, id) === steps(next, id)) &&
    [...change.protectors].every((id) => ids(prev.protectorsOf(id)) === ids(next.protectorsOf(id))) &&
    [...change.touched].every(
      (id) =>
        prev.owned.has(id) === next.owned.has(id) &&
        [...prev.dependencyChain(id)].join() === [...next.dependencyChain(id)].join(),
    ) &&
    JSON.stringify(prev.risks.filter((r) => change.touched.has(r.id))) ===
      JSON.stringify(next.risks.filter((r) => change.touched.has(r.id)))
  );
}
