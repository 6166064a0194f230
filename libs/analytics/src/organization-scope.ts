import { AttackGraphData } from '@rampart/domain';
import { AttackGraph } from './attack-graph';
import { GraphPatch } from './graph-patch';

type Includes = (organizationId: string | undefined) => boolean;

/**
 * The attack graph data as an account limited to some organisations sees it (issue 18): every
 * entry of another organisation left out, as if the graph did not hold it, with every step,
 * protection, dependency, entry point and target that names one. Entries of no organisation (the
 * shared threat library) stay.
 */
export function scopeGraphData(data: AttackGraphData, includes: Includes): AttackGraphData {
  const kept = new Set(
    [...data.nodes, ...data.controls].filter((e) => includes(e.organizationId)).map((e) => e.id),
  );
  const threats = new Set(data.threats.filter((t) => includes(t.organizationId)).map((t) => t.id));
  return scopeRecords(
    data,
    includes,
    (id) => kept.has(id),
    (id) => threats.has(id),
  );
}

/**
 * An edit's patch as an account limited to some organisations sees it (issue 21): patching its
 * graph with this equals scoping the patched whole graph, so the first analytics call of such an
 * account after an edit costs a patch, not a rebuild. `whole` is the patched whole graph: it
 * tells the organisation of the untouched end of a touched record.
 */
export function scopePatch(patch: GraphPatch, includes: Includes, whole: AttackGraph): GraphPatch {
  const has = (id: string) => {
    const entry = whole.nodes.get(id) ?? whole.controls.get(id);
    return entry !== undefined && includes(entry.organizationId);
  };
  const threatIn = (id: string) => {
    const t = whole.threats.get(id);
    return t !== undefined && includes(t.organizationId);
  };
  return { ids: patch.ids, part: scopeRecords(patch.part, includes, has, threatIn) };
}

/**
 * The records of `data` in view (one rule for a whole graph and for an edit's records): those of
 * an organisation in view, each naming only entities (`has`) and threats (`threatIn`) in view.
 */
function scopeRecords(
  data: AttackGraphData,
  includes: Includes,
  has: (id: string) => boolean,
  threatIn: (id: string) => boolean,
): AttackGraphData {
  return {
    nodes: data.nodes.filter((n) => includes(n.organizationId)),
    steps: data.steps.filter((s) => has(s.from) && has(s.to)),
    controls: data.controls
      .filter((c) => includes(c.organizationId))
      .map((c) => ({ ...c, protects: c.protects.filter(has), dependsOn: c.dependsOn.filter(has) })),
    threats: data.threats
      .filter((t) => includes(t.organizationId))
      .map((t) => ({ ...t, startsAt: t.startsAt.filter(has), targets: t.targets.filter(has) })),
    dependsOn: data.dependsOn.filter((d) => has(d.from) && has(d.to)),
    risks: data.risks?.filter((r) => includes(r.organizationId) && has(r.assetId) && threatIn(r.threatId)),
    owned: data.owned?.filter(has),
  };
}
