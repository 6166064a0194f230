import { AttackGraphData } from '@rampart/domain';

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
