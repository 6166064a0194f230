import { ApolloServerPlugin } from '@apollo/server';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import {
  DocumentNode,
  FragmentDefinitionNode,
  GraphQLError,
  GraphQLField,
  GraphQLSchema,
  Kind,
  OperationDefinitionNode,
  SelectionSetNode,
  validate,
} from 'graphql';
import { ComplexityEstimator, getComplexity } from 'graphql-query-complexity';
import { DEFAULT_PAGE_SIZE } from '@rampart/domain';
import { fieldCost } from './graphql-costs';

export interface GraphqlLimits {
  maxDepth: number;
  /** Estimated fields resolved (lists counted by their size). */
  maxComplexity: number;
  /** Estimated cost in the cost table's unit (calibrated milliseconds). */
  maxCost: number;
  maxAliases: number;
  /** Lexical tokens of the document, counted while parsing (refused before the AST is built). */
  maxTokens: number;
}

export interface QueryCost {
  depth: number;
  aliases: number;
  /** Field selections once fragments are expanded (each alias and each spread counted). */
  expanded: number;
  /** Fields it may resolve (lists counted by their size); Infinity when not walked. */
  complexity: number;
  cost: number;
}

/** Fragments may expand a document to this many times its token limit in fields, no more. */
export const EXPANSION_PER_TOKEN = 4;

/** List-size arguments: a field asking for `first: 500` costs its children 500 times. */
const SIZE_ARGUMENTS = ['first', 'limit', 'k'];

/** How many times a field's children run: its size argument as asked, else its default, else a page. */
function listSize(field: GraphQLField<unknown, unknown>, args: Record<string, unknown>): number {
  const name = SIZE_ARGUMENTS.find((n) => field.args.some((a) => a.name === n));
  if (!name) return 1;
  const v = args[name];
  if (v === undefined || v === null) return DEFAULT_PAGE_SIZE;
  return typeof v === 'number' && v > 0 ? v : 1;
}

/** Each field 1, plus its children times its list size; `__typename` and the like are free. */
const countFields: ComplexityEstimator = ({ field, args, childComplexity }) =>
  field.name.startsWith('__') ? 0 : 1 + listSize(field, args) * childComplexity;

/** Each field its calibrated cost (graphql-costs.ts), plus its children times its list size. */
const costFields: ComplexityEstimator = ({ type, field, args, childComplexity }) =>
  fieldCost(type, field.name) + listSize(field, args) * childComplexity;

/**
 * Fields of the operation with every fragment spread expanded, in time linear in the document (a
 * fragment's size is counted once): a few tokens that spread fragments twice over expand
 * exponentially, and the complexity walk below would visit every copy.
 */
export function expandedFields(operation: OperationDefinitionNode, document: DocumentNode): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions)
    if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const sizes = new Map<string, number>();
  const size = (set: SelectionSetNode | undefined, path: ReadonlySet<string>): number => {
    let n = 0;
    for (const s of set?.selections ?? []) {
      if (s.kind === Kind.FIELD) n += 1 + size(s.selectionSet, path);
      else if (s.kind === Kind.INLINE_FRAGMENT) n += size(s.selectionSet, path);
      else if (!path.has(s.name.value)) {
        const name = s.name.value;
        if (!sizes.has(name))
          sizes.set(name, size(fragments.get(name)?.selectionSet, new Set([...path, name])));
        n += sizes.get(name)!;
      }
    }
    return n;
  };
  return size(operation.selectionSet, new Set());
}

/**
 * How deep an operation nests, how many aliases it has (graphql-armor's counters), how many fields
 * it may resolve and what it costs (graphql-query-complexity with the estimators above). Fragments
 * are followed; every alias counts as the field it names. When fragments expand it beyond
 * `maxExpanded` fields nothing more is walked: complexity and cost are then Infinity.
 */
export function measureOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> = {},
  maxExpanded = Infinity,
): QueryCost {
  const only: DocumentNode = {
    kind: Kind.DOCUMENT,
    definitions: [operation, ...document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION)],
  };
  let depth = 0;
  let aliases = 0;
  validate(schema, only, [
    maxDepthRule({ n: Infinity, flattenFragments: true, onAccept: [(_, d: { n: number }) => (depth = d.n)] }),
    maxAliasesRule({ n: Infinity, onAccept: [(_, d: { n: number }) => (aliases = d.n)] }),
  ]);
  const expanded = expandedFields(operation, only);
  if (expanded > maxExpanded) return { depth, aliases, expanded, complexity: Infinity, cost: Infinity };
  const estimate = (estimator: ComplexityEstimator) =>
    getComplexity({ schema, query: only, variables, estimators: [estimator], maxQueryNodes: Infinity });
  return { depth, aliases, expanded, complexity: estimate(countFields), cost: estimate(costFields) };
}

const isIntrospection = (op: OperationDefinitionNode) =>
  op.selectionSet.selections.every((s) => s.kind === Kind.FIELD && s.name.value.startsWith('__'));

const fmt = (n: number) => n.toLocaleString('en-US');

/** The error clients get: 400, QUERY_TOO_COMPLEX, the limit, its variable and how to ask instead. */
function refusal(message: string, details: Partial<QueryCost> & { limit: string }): GraphQLError {
  const finite = Object.fromEntries(Object.entries(details).filter(([, v]) => v !== Infinity));
  return new GraphQLError(message, {
    extensions: { code: 'QUERY_TOO_COMPLEX', ...finite, http: { status: 400 } },
  });
}

/** The first limit the operation goes beyond, as the error to answer with; undefined when within all. */
export function checkLimits(cost: QueryCost, limits: GraphqlLimits): GraphQLError | undefined {
  if (cost.depth > limits.maxDepth) {
    return refusal(
      `The query nests ${cost.depth} levels deep; the limit is ${limits.maxDepth}. Ask for fewer nested levels, or split it.`,
      { ...cost, limit: 'RAMPART_GRAPHQL_MAX_DEPTH' },
    );
  }
  const maxExpanded = EXPANSION_PER_TOKEN * limits.maxTokens;
  if (cost.expanded > maxExpanded) {
    return refusal(
      `The query's fragments expand it to ${fmt(cost.expanded)} fields; the limit is ${fmt(maxExpanded)} (${EXPANSION_PER_TOKEN} × RAMPART_GRAPHQL_MAX_TOKENS). Spread each fragment fewer times, or split the query.`,
      { ...cost, limit: 'RAMPART_GRAPHQL_MAX_TOKENS' },
    );
  }
  if (cost.complexity > limits.maxComplexity) {
    return refusal(
      `The query could resolve about ${cost.complexity} fields; the limit is ${limits.maxComplexity}. Ask for smaller pages (first, limit) or fewer nested lists.`,
      { ...cost, limit: 'RAMPART_GRAPHQL_MAX_COMPLEXITY' },
    );
  }
  if (cost.cost > limits.maxCost) {
    return refusal(
      `The query would cost about ${fmt(Math.ceil(cost.cost))} (estimated milliseconds of work); the budget of one request is ${fmt(limits.maxCost)} (RAMPART_GRAPHQL_MAX_COST). Ask for fewer analytics or aliases per request, or smaller pages, and send the rest in later requests.`,
      { ...cost, limit: 'RAMPART_GRAPHQL_MAX_COST' },
    );
  }
  if (cost.aliases > limits.maxAliases) {
    return refusal(
      `The query has ${cost.aliases} aliases; the limit is ${limits.maxAliases} (RAMPART_GRAPHQL_MAX_ALIASES). Ask for fewer aliased fields per request, or split it.`,
      { ...cost, limit: 'RAMPART_GRAPHQL_MAX_ALIASES' },
    );
  }
  return undefined;
}

/**
 * Apollo parses with `parseOptions.maxTokens` (graphqlParseOptions), which stops a longer document
 * before its syntax tree is built; this turns that syntax error into the refusal clients get for
 * every limit. Undefined for any other error.
 */
export function tokenRefusal(error: GraphQLError, maxTokens: number): GraphQLError | undefined {
  if (!/contains more th(an|at) \d+ tokens/.test(error.message)) return undefined;
  return refusal(
    `The query is longer than ${fmt(maxTokens)} tokens (RAMPART_GRAPHQL_MAX_TOKENS). Ask for fewer fields or aliases per request, or split it.`,
    { limit: 'RAMPART_GRAPHQL_MAX_TOKENS' },
  );
}

/** Apollo's parse options: the token limit (graphql-js counts tokens while it parses). */
export const graphqlParseOptions = (limits: Pick<GraphqlLimits, 'maxTokens'>) => ({
  maxTokens: limits.maxTokens,
});

/**
 * Refuses, before anything runs, an operation longer, deeper, wider, costlier or with more aliases
 * than the limits (issues 8 and 19): one request cannot ask for a million rows, walk the graph
 * twenty levels deep or run thousands of analytics. Introspection is exempt (off in production).
 */
export function graphqlLimitsPlugin(limits: GraphqlLimits): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        // A syntax error from the token limit becomes the limit's refusal (same 400, our shape).
        async didEncounterErrors({ errors }) {
          const list = errors as GraphQLError[];
          list.forEach((e, i) => (list[i] = tokenRefusal(e, limits.maxTokens) ?? e));
        },
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation || isIntrospection(operation)) return;
          let cost: QueryCost;
          try {
            cost = measureOperation(
              schema,
              document,
              operation,
              request.variables ?? {},
              EXPANSION_PER_TOKEN * limits.maxTokens,
            );
          } catch (e) {
            // Variables or arguments that do not fit the schema: refused here, not half-run later.
            throw new GraphQLError(e instanceof Error ? e.message : String(e), {
              extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } },
            });
          }
          const error = checkLimits(cost, limits);
          if (error) throw error;
        },
      };
    },
  };
}
