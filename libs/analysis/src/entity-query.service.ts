import { Injectable } from '@nestjs/common';
import { EntityKind, MAX_PAGE_SIZE, pageRequest, propertyFiltersFor } from '@rampart/domain';
import { Direction, EntityRepository } from '@rampart/graph';
import { OutputMapper } from '@rampart/output';
import { currentScope } from '@rampart/access';
import { currentRedactor } from '@rampart/access';

/**
 * A list filter as the transports give it: organisation, source, text search, and any of the
 * kind's whitelisted property conditions (`propertyFiltersFor` drops the rest).
 */
export interface EntityFilter {
  organizationId?: string | null;
  source?: string | null;
  search?: string | null;
  [property: string]: unknown;
}

/** Entities per relationships query of relationshipsOf: one round trip for a thousand. */
const RELATIONSHIP_BATCH = 1000;

/** Entity reads for the resolvers and reports: filters to whitelisted conditions, results through the mapper. */
@Injectable()
export class EntityQueryService {
  constructor(
    private readonly repo: EntityRepository,
    private readonly out: OutputMapper,
  ) {}

  /**
   * A page of a list. Entities above the reader's clearance are left out of it and of its count:
   * a placeholder in a filtered list would tell which hidden entity matches a name or a value.
   */
  async page(
    kind: EntityKind,
    filter: EntityFilter = {},
    first?: number,
    after?: string,
    hiddenIds = currentRedactor().restrictedIds(),
  ) {
    const { organizationId, source, search, ...rest } = filter;
    const page = await this.repo.page(
      kind,
      {
        organizationId: organizationId ?? undefined,
        source: source ?? undefined,
        search: search ?? undefined,
        properties: propertyFiltersFor(kind, rest),
        hiddenIds,
        organizationIds: currentScope().ids(),
      },
      pageRequest(first, after),
    );
    return this.out.page(page, (e) => this.out.entity(e));
  }

  /** Every entity of a kind matching the filter, page by page (reports list them whole). */
  async all(kind: EntityKind, filter: EntityFilter = {}) {
    const out: ReturnType<OutputMapper['entity']>[] = [];
    let after: string | undefined;
    for (;;) {
      // Everything: reports count hidden entities too, and show them redacted.
      const page = await this.page(kind, filter, MAX_PAGE_SIZE, after, []);
      out.push(...page.items.map((e) => e.node));
      if (!page.hasNextPage) return out;
      after = page.endCursor;
    }
  }

  /** One entity, or null when there is none, or it belongs to an organisation out of the reader's view. */
  async get(id: string) {
    const found = (await this.repo.get([id])).get(id);
    return found && currentScope().includes(found.props.organizationId as string | undefined)
      ? this.out.entity(found)
      : null;
  }

  /**
   * relationships() of many entities in a few round trips (reports ask for thousands): per id,
   * its relationships; ids with none are missing from the map.
   */
  async relationshipsOf(ids: readonly string[], types: string[], direction: Direction, limit: number) {
    const organizationIds = currentScope().ids();
    const out = new Map<string, ReturnType<OutputMapper['relationship']>[]>();
    for (let i = 0; i < ids.length; i += RELATIONSHIP_BATCH) {
      const batch = ids.slice(i, i + RELATIONSHIP_BATCH);
      const related = await this.repo.relationships(batch, { types, direction, limit, organizationIds });
      for (const [id, rs] of related) {
        if (rs.length)
          out.set(
            id,
            rs.map((r) => this.out.relationship(r)),
          );
      }
    }
    return out;
  }

  async relationships(id: string, types: string[] | undefined, direction: Direction, limit: number) {
    const organizationIds = currentScope().ids();
    const related =
      (await this.repo.relationships([id], { types, direction, limit, organizationIds })).get(id) ?? [];
    return related.map((r) => this.out.relationship(r));
  }
}
