import { loadConfig } from '@rampart/config';
import { DEFAULT_PAGE_SIZE } from '@rampart/domain';
import { GraphQLError, GraphQLSchema, OperationDefinitionNode, buildSchema, parse } from 'graphql';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FIELD_COSTS, fieldCost } from './graphql-costs';
import {
  GraphqlLimits,
  checkLimits,
  expandedFields,
  graphqlParseOptions,
  measureOperation,
  tokenRefusal,
} from './graphql-limits';

const SCHEMA = buildSchema(`
  type Query { items(first: Int = 10): [Item!]! item: Item }
  type Item { id: ID! name: String children(first: Int): [Item!]! }
`);

const web = path.join(__dirname, '../../../web/src/api');
/** The schema the API serves (kept current by a web unit test). */
const API = buildSchema(fs.readFileSync(path.join(web, 'schema.graphql'), 'utf8'));

function measure(query: string, variables: Record<string, unknown> = {}, schema: GraphQLSchema = SCHEMA) {
  const doc = parse(query);
  const op = doc.definitions.find((d) => d.kind === 'OperationDefinition') as OperationDefinitionNode;
  return measureOperation(schema, doc, op, variables);
}
const ms = (key: string) => FIELD_COSTS[key].ms;

/**
 * The largest values the web UI sends: pages of 200 (the heatmap's and the target picker's), k 10
 * (the largest in the Paths menu), maxHops 12; any id or text.
 */
function uiVariables(op: OperationDefinitionNode): Record<string, unknown> {
  const byName: Record<string, unknown> = { first: 200, k: 10, maxHops: 12, mode: 'PROBABLE' };
  return Object.fromEntries(
    (op.variableDefinitions ?? []).map((v) => {
      const name = v.variable.name.value;
      const list =
        v.type.kind === 'NonNullType' ? v.type.type.kind === 'ListType' : v.type.kind === 'ListType';
      return [name, byName[name] ?? (list ? ['x'] : 'x')];
    }),
  );
}

const DEFAULTS: GraphqlLimits = (() => {
  const g = loadConfig({}).guards;
  return {
    maxDepth: g.graphqlMaxDepth,
    maxComplexity: g.graphqlMaxComplexity,
    maxCost: g.graphqlMaxCost,
    maxAliases: g.graphqlMaxAliases,
    maxTokens: g.graphqlMaxTokens,
  };
})();

describe('measureOperation (hand-computed)', () => {
  it('counts one per field and multiplies children by the list size asked, defaulted, or a page', () => {
    expect(measure('{ item { id } }')).toMatchObject({ depth: 2, complexity: 2, aliases: 0 });
    expect(measure('{ item { id __typename } }')).toMatchObject({ depth: 2, complexity: 2 });
    // Default first: 10 -> 1 + 10 x 2.
    expect(measure('{ items { id name } }')).toMatchObject({ depth: 2, complexity: 21 });
    // children(first: $n = 4): 1 + 4 x 1 = 5; items(first: 3): 1 + 3 x 5 = 16.
    expect(
      measure('query($n: Int) { items(first: 3) { children(first: $n) { id } } }', { n: 4 }),
    ).toMatchObject({
      depth: 3,
      complexity: 16,
    });
    // No first and no default: a page of DEFAULT_PAGE_SIZE, as the API serves it.
    expect(measure('{ item { children { id } } }')).toMatchObject({
      depth: 3,
      complexity: 2 + DEFAULT_PAGE_SIZE,
    });
  });

  it('follows named and inline fragments, and counts every alias', () => {
    expect(measure('query { items(first: 2) { ...F } } fragment F on Item { id name }')).toMatchObject({
      depth: 2,
      complexity: 5,
    });
    expect(measure('{ item { ... on Item { children(first: 5) { id } } } }')).toMatchObject({
      depth: 3,
      complexity: 7,
    });
    expect(
      measure('{ a: item { id } b: item { x: id } ...F } fragment F on Query { c: item { id } }'),
    ).toMatchObject({
      aliases: 4,
      complexity: 6,
    });
  });

  it('prices each alias of an expensive field at its calibrated cost, and lists by their size', () => {
    const depth = (alias: string) => `${alias}: securityDepth(threatId: "t", assetId: "a") { depth }`;
    expect(measure(`{ ${depth('a')} ${depth('b')} ${depth('c')} }`, {}, API).cost).toBe(
      3 * ms('Query.securityDepth'),
    );
    // A list page, then one relationships read per entity of it: 10 x.
    expect(
      measure('{ assets(first: 10) { edges { node { relationships(first: 5) { type } } } } }', {}, API).cost,
    ).toBe(ms('Query.assets') + 10 * ms('Entity.relationships'));
    // Without first: a default page.
    expect(measure('{ organization(id: "o") { assets { edges { node { id } } } } }', {}, API).cost).toBe(
      ms('Query.organization') + ms('Organization.assets'),
    );
    expect(measure('{ findingRules { id } __typename }', {}, API).cost).toBe(ms('Query.findingRules'));
  });

  it('stops counting a fragment bomb: a few tokens that expand exponentially', () => {
    const levels = Array.from(
      { length: 20 },
      (_, i) => `fragment F${i} on Item { children(first: 1) { ...F${i + 1} ...F${i + 1} } }`,
    );
    const bomb = `{ item { ...F0 } } ${levels.join(' ')} fragment F20 on Item { id }`;
    const doc = parse(bomb);
    const op = doc.definitions[0] as OperationDefinitionNode;
    // F20 is 1 field, F(i) is children + 2 x F(i+1) = 2^(21-i) - 1; plus item: 2^21, counted, not expanded.
    expect(expandedFields(op, doc)).toBe(2 ** 21);
    expect(measureOperation(SCHEMA, doc, op, {}, 20_000)).toMatchObject({
      complexity: Infinity,
      cost: Infinity,
    });
  });
});

describe('the cost table', () => {
  it('names fields the API serves, and prices every query and mutation that reads or writes', () => {
    for (const key of Object.keys(FIELD_COSTS)) {
      const [type, field] = key.split('.');
      const t = API.getType(type);
      expect({ key, served: Boolean(t && 'getFields' in t && t.getFields()[field]) }).toEqual({
        key,
        served: true,
      });
    }
    const roots = [API.getQueryType()!, API.getMutationType()!];
    const unpriced = roots.flatMap((t) =>
      Object.keys(t.getFields())
        .filter((f) => !fieldCost(t, f))
        .map((f) => `${t.name}.${f}`),
    );
    expect(unpriced).toEqual([]);
    // Interface fields reach their implementations.
    expect(fieldCost(API.getType('Asset')!, 'relationships')).toBe(ms('Entity.relationships'));
  });
});

describe('the limits', () => {
  const cost = { depth: 3, expanded: 10, complexity: 10, cost: 100, aliases: 0 };

  it('refuses with 400 QUERY_TOO_COMPLEX naming the limit, its variable and how to ask instead', () => {
    const limits = { ...DEFAULTS, maxCost: 1000 };
    expect(checkLimits(cost, limits)).toBeUndefined();
    const over = checkLimits({ ...cost, cost: 3 * 4540 }, limits)!;
    expect(over.message).toBe(
      'The query would cost about 13,620 (estimated milliseconds of work); the budget of one request is 1,000 (RAMPART_GRAPHQL_MAX_COST). Ask for fewer analytics or aliases per request, or smaller pages, and send the rest in later requests.',
    );
    expect(over.extensions).toMatchObject({
      code: 'QUERY_TOO_COMPLEX',
      limit: 'RAMPART_GRAPHQL_MAX_COST',
      cost: 13620,
      http: { status: 400 },
    });
    expect(checkLimits({ ...cost, depth: 14 }, limits)!.message).toBe(
      'The query nests 14 levels deep; the limit is 12. Ask for fewer nested levels, or split it.',
    );
    expect(checkLimits({ ...cost, aliases: 51 }, limits)!.message).toMatch(
      /^The query has 51 aliases; the limit is 50 \(RAMPART_GRAPHQL_MAX_ALIASES\)/,
    );
    expect(
      checkLimits({ ...cost, expanded: 2 ** 30, complexity: Infinity, cost: Infinity }, limits)!.message,
    ).toBe(
      "The query's fragments expand it to 1,073,741,824 fields; the limit is 20,000 (4 × RAMPART_GRAPHQL_MAX_TOKENS). Spread each fragment fewer times, or split the query.",
    );
  });

  it('turns the token limit of the parser into the same refusal', () => {
    const tokens = (query: string, maxTokens: number) => {
      try {
        parse(query, graphqlParseOptions({ maxTokens }));
        return undefined;
      } catch (e) {
        return tokenRefusal(e as GraphQLError, maxTokens) ?? e;
      }
    };
    expect(tokens('{ a b c }', 5)).toBeUndefined();
    const over = tokens('{ a b c d }', 5) as GraphQLError;
    expect(over.message).toBe(
      'The query is longer than 5 tokens (RAMPART_GRAPHQL_MAX_TOKENS). Ask for fewer fields or aliases per request, or split it.',
    );
    expect(over.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', http: { status: 400 } });
    // Other syntax errors keep Apollo's usual answer.
    expect(tokens('{ a ', 5)).not.toHaveProperty('extensions.code', 'QUERY_TOO_COMPLEX');
  });

  it('lets every query of the web UI through the default limits', () => {
    const text = fs.readFileSync(path.join(web, 'operations.graphql'), 'utf8');
    const doc = parse(text);
    const ops = doc.definitions.filter((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition');
    expect(ops.length).toBeGreaterThan(5);
    // Each operation is sent with its fragments: the whole file fits too.
    expect(() => parse(text, graphqlParseOptions(DEFAULTS))).not.toThrow();
    for (const op of ops) {
      const c = measureOperation(API, doc, op, uiVariables(op));
      expect({ op: op.name?.value, refused: checkLimits(c, DEFAULTS)?.message }).toEqual({
        op: op.name?.value,
        refused: undefined,
      });
    }
  });
});
