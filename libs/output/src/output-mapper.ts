import { Asset, Organization, Page } from '@rampart/domain';

/**
 * Every result leaving the service (GraphQL, REST, CLI, reports) passes through here. Fields are
 * copied by name, never spread, so a property added to the graph is not published by accident;
 * need-to-know redaction (analytics.md §8) will be applied here too.
 */
export class OutputMapper {
  organization(o: Organization): Organization {
    return {
      id: o.id,
      name: o.name,
      description: o.description,
      classification: o.classification,
      riskTolerance: o.riskTolerance,
      reviewIntervalDays: o.reviewIntervalDays,
      criticalThreshold: o.criticalThreshold,
      classificationLevels: o.classificationLevels,
      responseForce: o.responseForce && { ...o.responseForce },
    };
  }

  asset(a: Asset): Asset {
    return {
      id: a.id,
      name: a.name,
      organizationId: a.organizationId,
      labels: [...a.labels],
      kind: a.kind,
      description: a.description,
      classification: a.classification,
      businessImpact: a.businessImpact && { ...a.businessImpact },
      criticality: a.criticality,
    };
  }

  page<T, U>(page: Page<T>, map: (t: T) => U): Page<U> {
    return { ...page, items: page.items.map((i) => ({ cursor: i.cursor, node: map(i.node) })) };
  }
}
