import { Args, Field, ID, Int, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { AttackGraph } from '@rampart/analytics';
import { AttackNode, DomainError, ThreatData } from '@rampart/domain';
import { OutputMapper } from '@rampart/output';
import { RequirePermission } from '../auth/permission.decorator';
import { currentRedactor } from '../auth/redaction.service';
import { AnalyticsNodeModel } from './analytics.model';
import { AttackGraphCache } from './attack-graph.cache';

@ObjectType('ThreatTarget', { description: 'An asset offered as the target of a threat.' })
export class ThreatTargetModel {
  @Field(() => AnalyticsNodeModel)
  asset!: AnalyticsNodeModel;

  @Field({ description: 'Within maxHops of one of the threat’s entry points, controls ignored.' })
  reachable!: boolean;

  @Field(() => Int, {
    nullable: true,
    description: 'Fewest steps from an entry point (0: an entry point itself); null when not reachable.',
  })
  hops?: number | null;
}

@ObjectType('ThreatTargets', {
  description: 'Assets a threat may be asked about: those it reaches first, nearest first, then the rest.',
})
export class ThreatTargetsModel {
  @Field(() => [ThreatTargetModel], { description: 'The first `first` of them.' })
  targets!: ThreatTargetModel[];

  @Field(() => Int, { description: 'Every asset matching, shown or not.' })
  totalCount!: number;

  @Field(() => Int, { description: 'How many of those the threat reaches.' })
  reachableCount!: number;
}

interface Ranked {
  node: AttackNode;
  hops?: number;
}

const byCriticalityThenName = (a: AttackNode, b: AttackNode) =>
  (b.criticality ?? 1) - (a.criticality ?? 1) || a.name.localeCompare(b.name) || a.id.localeCompare(b.id);

/**
 * The assets of the threat's organisation (or of `organizationId`) ranked for a target picker:
 * reached from its entry points within maxHops, fewest steps first (then most critical), then
 * the rest, most critical first. Entities above the reader's clearance are left out of the list
 * and its counts, as entity lists do: their ids are stand-ins no analytics query answers for.
 */
export function rankTargets(
  g: AttackGraph,
  threat: ThreatData,
  opts: { organizationId?: string; search?: string; maxHops: number; hidden: (id: string) => boolean },
): Ranked[] {
  const orgId = opts.organizationId ?? threat.organizationId;
  const text = opts.search?.trim().toLowerCase();
  const entries = g.entriesOf(threat).map((e) => e.id);
  const hops = g.hops(entries, 'forward', opts.maxHops);
  const ranked = [...g.nodes.values()]
    .filter(
      (n) =>
        n.labels.includes('Asset') &&
        (!orgId || n.organizationId === orgId) &&
        (!text || n.id.toLowerCase().includes(text) || n.name.toLowerCase().includes(text)) &&
        !opts.hidden(n.id),
    )
    .map((node): Ranked => ({ node, hops: hops.get(node.id) }));
  return ranked.sort(
    (a, b) =>
      (a.hops ?? Infinity) - (b.hops ?? Infinity) ||
      // Infinity - Infinity is NaN: unreached pairs fall through to the next key.
      byCriticalityThenName(a.node, b.node),
  );
}

/** The target list of the attack-path picker: what the chosen threat can reach, first. */
@Resolver()
@RequirePermission('analytics:run')
export class ThreatTargetsResolver {
  constructor(
    private readonly cache: AttackGraphCache,
    private readonly out: OutputMapper,
  ) {}

  @Query(() => ThreatTargetsModel, {
    description:
      'Assets for a threat’s attack paths: those its entry points reach within maxHops (fewest steps, then most critical, first), then the others of its organisation.',
  })
  async threatTargets(
    @Args('threatId', { type: () => ID }) threatId: string,
    @Args('organizationId', {
      type: () => ID,
      nullable: true,
      description:
        'Assets of this organisation (default: the threat’s own; every one for a catalogue threat).',
    })
    organizationId?: string,
    @Args('search', {
      type: () => String,
      nullable: true,
      description: 'Text in the id or the name (any case).',
    })
    search?: string,
    @Args('first', { type: () => Int, defaultValue: 50, description: '1 to 500.' }) first = 50,
    @Args('maxHops', { type: () => Int, defaultValue: 8, description: 'Bound on path length.' }) maxHops = 8,
  ) {
    if (!Number.isInteger(first) || first < 1 || first > 500) {
      throw new DomainError('VALIDATION_FAILED', `first must be a whole number from 1 to 500; got ${first}.`);
    }
    if (!Number.isInteger(maxHops) || maxHops < 1 || maxHops > 12) {
      throw new DomainError(
        'VALIDATION_FAILED',
        `maxHops must be a whole number from 1 to 12; got ${maxHops}.`,
      );
    }
    const g = await this.cache.get();
    const threat = g.threats.get(threatId);
    if (!threat) throw new DomainError('NOT_FOUND', `No threat has the id ${threatId}.`);
    const redactor = currentRedactor();
    const ranked = rankTargets(g, threat, {
      organizationId: organizationId ?? undefined,
      search: search ?? undefined,
      maxHops,
      hidden: (id) => redactor.isRestricted(id),
    });
    return {
      targets: ranked.slice(0, first).map((r) => ({
        asset: this.out.node(r.node),
        reachable: r.hops !== undefined,
        hops: r.hops ?? null,
      })),
      totalCount: ranked.length,
      reachableCount: ranked.filter((r) => r.hops !== undefined).length,
    };
  }
}
