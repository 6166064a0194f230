import { GraphQLNamedType, isInterfaceType, isObjectType } from 'graphql';

interface FieldCost {
  /** Milliseconds: the row's p95 less the p50 of an empty request (`{ __typename }`). */
  ms: number;
  /** The row of bench/graphql-cost-bench.ts it comes from. */
  row: string;
}

const cost = (ms: number, row: string): FieldCost => ({ ms, row });

/**
 * What one call of each field that does work costs (issue 19), in milliseconds: its p95 over
 * GraphQL with the most expensive arguments the API accepts (maxHops 12, maxOrder 3, k 50,
 * first 500, threshold 0), on the generated 20,000-person organisation (seed 1: 27,282 entities,
 * 163,952 relationships), measured by
 *
 *   npm run bench:costs -- --people 20000 --runs 20
 *
 * on the 2-vCPU development machine, 2026-12-06, with other builds running (docs/performance.md).
 * Fields not listed cost nothing of their own (their parent's resolver did the work); a list field
 * costs its children times its size (`first`, `limit`, `k`), and every alias costs its field's cost.
 * Re-measure and update a row after changing its resolver.
 */
const LIST_PAGE = cost(467, 'list page: people(first: 500, filter: {search})');
const WRITE = cost(17_980, 'updateEntity: a write and its audit record (the graph hash)');
const ACCOUNT = cost(741, 'createUser: argon2id hashing and a write');

export const FIELD_COSTS: Readonly<Record<string, FieldCost>> = {
  'Query.me': cost(69, 'me'),
  'Query.organizations': cost(48, 'organizations'),
  'Query.organization': cost(48, 'organizations'),
  'Query.entity': cost(37, 'entity'),
  'Entity.relationships': cost(165, 'relationships: entity { relationships(first: 1000) } less entity'),
  'Organization.assets': LIST_PAGE,
  ...Object.fromEntries(
    [
      'assets',
      'attackPatterns',
      'controls',
      'facilities',
      'informationAssets',
      'mitigations',
      'orgUnits',
      'people',
      'plainAssets',
      'riskRegister',
      'serviceProviders',
      'systems',
      'threats',
    ].map((list) => [`Query.${list}`, LIST_PAGE]),
  ),
  'Query.auditLog': cost(377, 'auditLog(first: 500)'),
  'Query.reportRuns': cost(98, 'reportRuns(first: 500)'),
  'Query.users': cost(122, 'users'),
  'Query.attackPaths': cost(241, 'attackPaths k 50, maxHops 12'),
  'Query.securityDepth': cost(4540, 'securityDepth maxOrder 3, maxHops 12'),
  'Query.interruption': cost(150, 'interruption maxHops 12'),
  'Query.blastRadius': cost(555, 'blastRadius PROBABLE, maxHops 12, threshold 0 (STRUCTURAL: 88)'),
  'Query.exposure': cost(871, 'exposure PROBABLE, maxHops 12, threshold 0 (STRUCTURAL: 513)'),
  'Query.threatTargets': cost(92, 'threatTargets first 500, maxHops 12'),
  'Query.coverage': cost(77, 'coverage'),
  'Query.coverageSummary': cost(1747, 'coverageSummary(first: 500)'),
  'Query.findingRules': cost(22, 'findingRules'),
  'Query.findings': cost(5131, 'findings (every rule, whole graph)'),
  'Query.risks': cost(69, 'risks'),
  'Query.posture': cost(1684, 'posture (whole graph)'),
  'Query.weakestLinks': cost(23_325, 'weakestLinks, first call after a write (kept per graph version)'),
  'Mutation.createEntity': WRITE,
  'Mutation.updateEntity': WRITE,
  'Mutation.deleteEntity': WRITE,
  'Mutation.addRelationship': WRITE,
  'Mutation.removeRelationship': WRITE,
  'Mutation.deleteOrganization': WRITE,
  'Mutation.createUser': ACCOUNT,
  'Mutation.updateUser': ACCOUNT,
  'Mutation.disableUser': WRITE,
  'Mutation.generateReport': cost(28_714, 'generateReport posture, pdf'),
};

/** The cost of one call of `field` on `type` (or on an interface it implements); 0 when not listed. */
export function fieldCost(type: GraphQLNamedType, field: string): number {
  const own = FIELD_COSTS[`${type.name}.${field}`];
  if (own) return own.ms;
  const interfaces = isObjectType(type) || isInterfaceType(type) ? type.getInterfaces() : [];
  for (const i of interfaces) {
    const inherited = FIELD_COSTS[`${i.name}.${field}`];
    if (inherited) return inherited.ms;
  }
  return 0;
}
