import { AttackGraphData } from '@rampart/domain';
import { AttackGraph } from './attack-graph';
import { GraphPatch } from './graph-patch';

/**
 * The attack graph data as an account limited to some organisations sees it (issue 18): every
 * entry of another organisation left out, as if the graph did not hold it, with every step,
 * protection, dependency, entry point and target that names one. Entries of no organisation (the
 * shared threat library) stay.
 */
export function scopeGraphData(
  data: AttackGraphData,
  includes: (organizationId: string | undefined) => boolean,
): AttackGraphData {
  const nodes = data.nodes.filter((n) => includes(n.organizationId));
  const controls = data.controls.filter((c) => includes(c.organizationId));
  const kept = new Set([...nodes.map((n) => n.id), ...controls.map((c) => c.id)]);
  const has = (id: string) => kept.has(id);
  const threats = data.threats
    .filter((t) => includes(t.organizationId))
    .map((t) => ({ ...t, startsAt: t.startsAt.filter(has), targets: t.targets.filter(has) }));
  const threatIds = new Set(threats.map((t) => t.id));
  return {
    nodes,
    steps: data.steps.filter((s) => has(s.from) && has(s.to)),
    controls: controls.map((c) => ({
      ...c,
      protects: c.protects.filter(has),
      dependsOn: c.dependsOn.filter(has),
    })),
    threats,
    dependsOn: data.dependsOn.filter((d) => has(d.from) && has(d.to)),
    risks: data.risks?.filter(
      (r) => includes(r.organizationId) && has(r.assetId) && threatIds.has(r.threatId),
    ),
    owned: data.owned?.filter(has),
  };
}

/**
 * An edit's patch as an account limited to some organisations sees it (issue 21): patching its
 * graph with this equals scoping the patched whole graph, so the first analytics call of such an
 * account after an edit costs a patch, not a rebuild. `whole` is the patched whole graph: it
 * tells the organisation of the untouched end of a touched record.
 */
export function scopePatch(
  patch: GraphPatch,
  includes: (organizationId: string | undefined) => boolean,
  whole: AttackGraph,
): GraphPatch {
  const has = (id: string) => {
    const entry = whole.nodes.get(id) ?? whole.controls.get(id);
    return entry !== undefined && includes(entry.organizationId);
  };
  const threatIn = (id: string) => {
    const t = whole.threats.get(id);
    return t !== undefined && includes(t.organizationId);
  };
  const { part } = patch;
  return {
    ids: patch.ids,
    part: {
      nodes: part.nodes.filter((n) => includes(n.organizationId)),
      steps: part.steps.filter((s) => has(s.from) && has(s.to)),
      controls: part.controls
        .filter((c) => includes(c.organizationId))
        .map((c) => ({ ...c, protects: c.protects.filter(has), dependsOn: c.dependsOn.filter(has) })),
      threats: part.threats
        .filter((t) => includes(t.organizationId))
        .map((t) => ({ ...t, startsAt: t.startsAt.filter(has), targets: t.targets.filter(has) })),
      dependsOn: part.dependsOn.filter((d) => has(d.from) && has(d.to)),
      risks: part.risks?.filter((r) => includes(r.organizationId) && has(r.assetId) && threatIn(r.threatId)),
      owned: part.owned?.filter(has),
    },
  };
}
