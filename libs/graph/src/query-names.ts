/**
 * Every query the code runs, by name (= path below cypher/). The registry checks at startup that
 * each has its file, so a missing file stops the boot instead of failing a request later.
 */
export const Q = {
  ping: 'health/ping',
  schemaVersionGet: 'meta/schema-version-get',
  schemaVersionSet: 'meta/schema-version-set',
  graphVersionGet: 'meta/graph-version-get',
  graphVersionBump: 'meta/graph-version-bump',
  analyticsAttackSteps: 'analytics/attack-steps',
  analyticsNodes: 'analytics/nodes',
  analyticsControls: 'analytics/controls',
  analyticsThreats: 'analytics/threats',
  analyticsDependsOn: 'analytics/depends-on',
  analyticsRisks: 'analytics/risks',
  analyticsOwned: 'analytics/owned',
  graphIsEmpty: 'graph/is-empty',
  benchShortestPath: 'bench/shortest-path',
  graphDeleteAll: 'graph/delete-all',
  organizationGet: 'organization/get',
  organizationList: 'organization/list',
  entityPage: 'entity/page',
  entityCount: 'entity/count',
  entityGet: 'entity/get',
  entityRelationships: 'entity/relationships',
  entitySnapshot: 'entity/snapshot',
  entityDelete: 'entity/delete',
  entityDependents: 'entity/dependents',
  entityDeleteStatedRelationships: 'entity/delete-stated-relationships',
  importLookupEntities: 'import/lookup-entities',
  importFacilityAncestry: 'import/facility-ancestry',
  importMergeNodes: 'import/merge-nodes',
  importExistingRelationships: 'import/existing-relationships',
  importUpdateRelationships: 'import/update-relationships',
  importCreateRelationships: 'import/create-relationships',
  importDeleteStaleRelationships: 'import/delete-stale-relationships',
  importPrune: 'import/prune',
  exportEntities: 'export/entities',
  exportRelationships: 'export/relationships',
  reportRunCreate: 'report/run-create',
  reportRunList: 'report/run-list',
} as const;

/** A registered query: those above, or a findings rule (found by folder: adding a file adds a rule). */
export type QueryName = (typeof Q)[keyof typeof Q] | `findings/${string}`;
