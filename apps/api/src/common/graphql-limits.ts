import { ApolloServerPlugin } from '@apollo/server';
import {
  DocumentNode,
  FragmentDefinitionNode,
  GraphQLError,
  GraphQLNamedType,
  GraphQLSchema,
  Kind,
  OperationDefinitionNode,
  SelectionSetNode,
  getNamedType,
  isInterfaceType,
  isObjectType,
  valueFromASTUntyped,
} from 'graphql';

export interface GraphqlLimits {
  maxDepth: number;
  maxComplexity: number;
}

/** List-size arguments: a field asking for `first: 500` costs its children 500 times. */
const SIZE_ARGUMENTS = ['first', 'limit', 'k'];

export interface QueryCost {
  depth: number;
  complexity: number;
}

/**
 * How deep an operation nests and roughly how many fields it resolves: every field costs 1 plus
 * its children times its list size (`first`, `limit` or `k`, as sent or as defaulted by the
 * schema; 1 otherwise). Fragments are followed; `__typename` is free.
 */
export function measureOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> = {},
): QueryCost {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions)
    if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const root =
    operation.operation === 'mutation' ? schema.getMutationType() : (schema.getQueryType() ?? undefined);

  const walk = (
    set: SelectionSetNode,
    type: GraphQLNamedType | null | undefined,
    seen: Set<string>,
  ): QueryCost => {
    let depth = 0;
    let complexity = 0;
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        if (sel.name.value === '__typename') continue;
        const def =
          isObjectType(type) || isInterfaceType(type) ? type.getFields()[sel.name.value] : undefined;
        const child = sel.selectionSet
          ? walk(sel.selectionSet, def ? getNamedType(def.type) : undefined, seen)
          : { depth: 0, complexity: 0 };
        depth = Math.max(depth, 1 + child.depth);
        complexity += 1 + listSize(sel.arguments ?? [], def?.args ?? [], variables) * child.complexity;
      } else {
        const fragment = sel.kind === Kind.FRAGMENT_SPREAD ? fragments.get(sel.name.value) : sel;
        // A fragment spread inside itself is invalid GraphQL (validation says so); never loop on it.
        if (!fragment || (sel.kind === Kind.FRAGMENT_SPREAD && seen.has(sel.name.value))) continue;
        const condition = fragment.typeCondition ? schema.getType(fragment.typeCondition.name.value) : type;
        const inner = walk(
          fragment.selectionSet,
          condition,
          sel.kind === Kind.FRAGMENT_SPREAD ? new Set([...seen, sel.name.value]) : seen,
        );
        depth = Math.max(depth, inner.depth);
        complexity += inner.complexity;
      }
    }
    return { depth, complexity };
  };
  return walk(operation.selectionSet, root, new Set());
}

function listSize(
  args: readonly { name: { value: string }; value: Parameters<typeof valueFromASTUntyped>[0] }[],
  defs: readonly { name: string; defaultValue?: unknown }[],
  variables: Record<string, unknown>,
): number {
  for (const name of SIZE_ARGUMENTS) {
    const given = args.find((a) => a.name.value === name);
    const value = given
      ? valueFromASTUntyped(given.value, variables)
      : defs.find((d) => d.name === name)?.defaultValue;
    if (typeof value === 'number' && value > 0) return value;
  }
  return 1;
}

const isIntrospection = (op: OperationDefinitionNode) =>
  op.selectionSet.selections.every((s) => s.kind === Kind.FIELD && s.name.value.startsWith('__'));

/**
 * Refuses operations nested deeper or costing more than the limits before anything runs
 * (issue 8): one request cannot ask for a million rows or walk the graph twenty levels deep.
 * Introspection is exempt (it is off in production).
 */
export function graphqlLimitsPlugin(limits: GraphqlLimits): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation || isIntrospection(operation)) return;
          const cost = measureOperation(schema, document, operation, request.variables ?? {});
          const refuse = (message: string) => {
            throw new GraphQLError(message, {
              extensions: { code: 'QUERY_TOO_COMPLEX', ...cost, http: { status: 400 } },
            });
          };
          if (cost.depth > limits.maxDepth) {
            refuse(
              `The query nests ${cost.depth} levels deep; the limit is ${limits.maxDepth}. Ask for fewer nested levels, or split it.`,
            );
          }
          if (cost.complexity > limits.maxComplexity) {
            refuse(
              `The query could resolve about ${cost.complexity} fields; the limit is ${limits.maxComplexity}. Ask for smaller pages (first, limit) or fewer nested lists.`,
            );
          }
        },
      };
    },
  };
}
