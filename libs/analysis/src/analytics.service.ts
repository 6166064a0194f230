import { Injectable } from '@nestjs/common';
import {
  AttackGraph,
  AttackPath,
  CutUnit,
  ReachMode,
  ReachedNode,
  chokePoints,
  entryVector,
  failureUnit,
  interruption,
  minimalCutSets,
  mostLikelyPaths,
  rankTargets,
  reach,
  securityDepth,
} from '@rampart/analytics';
import { DomainError, ThreatData } from '@rampart/domain';
import { OrganizationRepository } from '@rampart/graph';
import { OutputMapper } from '@rampart/output';
import { currentRedactor } from '@rampart/access';
import { AttackGraphCache } from './attack-graph-cache.service';

const checkRange = (name: string, v: number, min: number, max: number, integer = true) => {
  if (Number.isNaN(v) || v < min || v > max || (integer && !Number.isInteger(v))) {
    throw new DomainError(
      'VALIDATION_FAILED',
      `${name} must be ${integer ? 'a whole number ' : ''}from ${min} to ${max}; got ${v}.`,
    );
  }
};

/** Path and reach analytics over the cached attack graph; results through the output mapper. */
@Injectable()
export class AnalyticsService {
  constructor(
    private readonly cache: AttackGraphCache,
    private readonly organizations: OrganizationRepository,
    private readonly out: OutputMapper,
  ) {}

  async attackPaths(threatId: string, assetId: string, k: number, maxHops: number, failed: string[] = []) {
    checkRange('k', k, 1, 50);
    checkRange('maxHops', maxHops, 1, 12);
    const g = await this.cache.get();
    const { threat } = this.pair(g, threatId, assetId);
    const unknown = failed.filter((id) => !g.controls.has(id) && !g.nodes.has(id));
    if (unknown.length) {
      throw new DomainError('NOT_FOUND', `failed names no control or node: ${unknown.join(', ')}.`);
    }
    const out = new Set(failed.flatMap((id) => [...g.takenOutBy(id)]));
    const { paths, truncated } = mostLikelyPaths(g, threat, assetId, k, { maxHops, failed: out });
    return {
      paths: paths.map((p) => this.path(g, p)),
      truncated,
      failed: failed.map((id) => this.unit(g, failureUnit(g, id))),
      failedControls: [...out].sort(),
    };
  }

  /** The assets a threat reaches first, then the rest of its organisation (the target picker). */
  async threatTargets(
    threatId: string,
    opts: { organizationId?: string; search?: string; first: number; maxHops: number },
  ) {
    checkRange('first', opts.first, 1, 500);
    checkRange('maxHops', opts.maxHops, 1, 12);
    const g = await this.cache.get();
    const threat = g.threats.get(threatId);
    if (!threat) throw new DomainError('NOT_FOUND', `No threat has the id ${threatId}.`);
    // As entity lists: assets above the reader's clearance are left out, not shown as placeholders.
    const redactor = currentRedactor();
    const ranked = rankTargets(g, threat, { ...opts, hidden: (id) => redactor.isRestricted(id) });
    return {
      targets: ranked.slice(0, opts.first).map((r) => ({
        asset: this.out.node(r.node),
        reachable: r.hops !== undefined,
        hops: r.hops ?? null,
      })),
      totalCount: ranked.length,
      reachableCount: ranked.filter((r) => r.hops !== undefined).length,
    };
  }

  async securityDepth(threatId: string, assetId: string, maxOrder: number, maxHops: number) {
    checkRange('maxOrder', maxOrder, 1, 3);
    checkRange('maxHops', maxHops, 1, 12);
    const g = await this.cache.get();
    const { threat } = this.pair(g, threatId, assetId);
    const depth = securityDepth(g, threat, assetId, { maxHops });
    const cuts = minimalCutSets(g, threat, assetId, { maxOrder, maxHops });
    const cutSets = cuts.cutSets.map((c) => ({
      ...c,
      units: c.units.map((u) => this.unit(g, u)),
    }));
    return {
      reachable: cuts.reachable,
      depth: depth.depth,
      exposed: depth.depth === 0,
      weakestPath: depth.path && this.path(g, depth.path),
      cutSets,
      singlePointsOfFailure: cutSets.filter((c) => c.order === 1).map((c) => c.units[0]),
      chokePoints: chokePoints(g, threat, assetId, maxHops).map((id) => this.node(g, id)),
      truncated: depth.truncated,
    };
  }

  /** EASI with the response force of the asset's organisation (docs/spec/analytics.md §3). */
  async interruption(threatId: string, assetId: string, maxHops: number) {
    checkRange('maxHops', maxHops, 1, 12);
    const g = await this.cache.get();
    const { threat } = this.pair(g, threatId, assetId);
    const orgId = g.nodes.get(assetId)?.organizationId;
    const rf = orgId ? (await this.organizations.get(orgId))?.responseForce : undefined;
    const r = interruption(g, threat, assetId, rf, { maxHops });
    const view = (p: NonNullable<typeof r.mostVulnerable>) => ({
      probability: p.probability,
      path: this.path(g, p.path),
      criticalDetectionPoint: p.criticalDetectionPoint && this.node(g, p.criticalDetectionPoint),
      steps: p.steps.map((s) => ({ ...s })),
    });
    return {
      assessed: r.assessed,
      reason: r.reason,
      responseForce: rf && { ...rf },
      paths: r.paths.map(view),
      mostVulnerablePath: r.mostVulnerable && view(r.mostVulnerable),
      criticalDetectionPoint:
        r.mostVulnerable?.criticalDetectionPoint && this.node(g, r.mostVulnerable.criticalDetectionPoint),
      truncated: r.truncated,
    };
  }

  async blastRadius(nodeIds: string[], mode: ReachMode, maxHops: number, threshold: number) {
    this.checkReach(maxHops, threshold);
    if (!nodeIds.length) throw new DomainError('VALIDATION_FAILED', 'nodeIds must name at least one node.');
    const g = await this.cache.get();
    for (const id of nodeIds) this.requireNode(g, id);
    return this.summary(g, reach(g, nodeIds, 'forward', { mode, maxHops, threshold }));
  }

  async exposure(assetId: string, mode: ReachMode, maxHops: number, threshold: number) {
    this.checkReach(maxHops, threshold);
    const g = await this.cache.get();
    this.requireNode(g, assetId);
    const reached = reach(g, [assetId], 'reverse', { mode, maxHops, threshold });
    const byId = new Map(reached.map((n) => [n.id, n]));
    // A threat reaches the asset through an entry point: entering it, then the path from it.
    const threats = [...g.threats.values()].flatMap((t) => {
      const via = g.entriesOf(t).flatMap((e) => {
        const from = e.id === assetId ? { probability: 1, hops: 0 } : byId.get(e.id);
        if (!from) return [];
        const entry = g.barriers(e.id, entryVector(e)).reduce((p, b) => p * (1 - b.effectiveness), 1);
        return [
          {
            entryPoint: e.id,
            probability: (mode === 'PROBABLE' ? entry : 1) * from.probability,
            hops: from.hops,
          },
        ];
      });
      const best = via.sort((a, b) => b.probability - a.probability)[0];
      return best && best.probability >= (mode === 'PROBABLE' ? threshold : 0)
        ? [{ id: t.id, name: t.name, ...best }]
        : [];
    });
    return { ...this.summary(g, reached), threats };
  }

  private summary(g: AttackGraph, reached: ReachedNode[]) {
    const nodes = reached.map((r) => ({
      ...this.node(g, r.id),
      hops: r.hops,
      probability: r.probability,
      path: r.path,
      domains: r.domains,
    }));
    const impact = (n: (typeof nodes)[number]) =>
      n.labels.includes('Asset') ? (n.criticality ?? 1) * n.probability : 0;
    const count = (keys: (n: (typeof nodes)[number]) => string[]) => {
      const m = new Map<string, number>();
      for (const n of nodes) for (const k of keys(n)) m.set(k, (m.get(k) ?? 0) + 1);
      return [...m]
        .map(([key, c]) => ({ key, count: c }))
        .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
    };
    return {
      impactScore: nodes.reduce((s, n) => s + impact(n), 0),
      nodes,
      byLabel: count((n) => [n.label]),
      byClassification: count((n) => [n.classification ?? 'unclassified']),
      byDomain: count((n) => n.domains),
      topAssets: nodes
        .filter((n) => impact(n) > 0)
        .sort((a, b) => impact(b) - impact(a) || a.id.localeCompare(b.id))
        .slice(0, 10),
    };
  }

  private path(g: AttackGraph, p: AttackPath) {
    return {
      probability: p.probability,
      hops: p.steps.length - 1,
      nodes: p.nodes.map((id) => this.node(g, id)),
      steps: p.steps.map((s) => ({
        from: s.from,
        to: s.to,
        vector: s.vector,
        controls: s.controls.map((b) => {
          const c = g.controls.get(b.id);
          return {
            id: b.id,
            name: c?.name ?? b.id,
            effectiveness: b.effectiveness,
            status: c?.status,
            domains: c?.domains ?? [],
          };
        }),
      })),
    };
  }

  private node(g: AttackGraph, id: string) {
    return this.out.node(this.requireNode(g, id));
  }

  private requireNode(g: AttackGraph, id: string) {
    const n = g.nodes.get(id);
    if (!n) throw new DomainError('NOT_FOUND', `${id} is not an asset or service provider of the graph.`);
    return n;
  }

  /** A unit of failure with its name (a control's, else its node's). */
  private unit(g: AttackGraph, u: CutUnit) {
    return { ...u, name: g.controls.get(u.id)?.name ?? g.nodes.get(u.id)?.name ?? u.id };
  }

  private pair(g: AttackGraph, threatId: string, assetId: string): { threat: ThreatData } {
    const threat = g.threats.get(threatId);
    if (!threat) throw new DomainError('NOT_FOUND', `No threat has the id ${threatId}.`);
    this.requireNode(g, assetId);
    return { threat };
  }

  private checkReach(maxHops: number, threshold: number) {
    checkRange('maxHops', maxHops, 1, 12);
    checkRange('threshold', threshold, 0, 1, false);
  }
}
