import { loadConfig } from '@rampart/config';
import { OperationDefinitionNode, buildSchema, parse } from 'graphql';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { measureOperation } from './graphql-limits';

const SCHEMA = buildSchema(`
  type Query { items(first: Int = 10): [Item!]! item: Item }
  type Item { id: ID! name: String children(first: Int): [Item!]! }
`);

function cost(query: string, variables: Record<string, unknown> = {}, schema = SCHEMA) {
  const doc = parse(query);
  const op = doc.definitions.find((d) => d.kind === 'OperationDefinition') as OperationDefinitionNode;
  return measureOperation(schema, doc, op, variables);
}

describe('measureOperation (hand-computed)', () => {
  it('counts one per field and multiplies children by the list size asked or defaulted', () => {
    expect(cost('{ item { id } }')).toEqual({ depth: 2, complexity: 2 });
    expect(cost('{ item { id __typename } }')).toEqual({ depth: 2, complexity: 2 });
    // Default first: 10 -> 1 + 10 x 2.
    expect(cost('{ items { id name } }')).toEqual({ depth: 2, complexity: 21 });
    // children(first: $n = 4): 1 + 4 x 1 = 5; items(first: 3): 1 + 3 x 5 = 16.
    expect(cost('query($n: Int) { items(first: 3) { children(first: $n) { id } } }', { n: 4 })).toEqual({
      depth: 3,
      complexity: 16,
    });
    // No size on children: counted once.
    expect(cost('{ item { children { id } } }')).toEqual({ depth: 3, complexity: 3 });
  });

  it('follows named and inline fragments', () => {
    expect(cost('query { items(first: 2) { ...F } } fragment F on Item { id name }')).toEqual({
      depth: 2,
      complexity: 5,
    });
    expect(cost('{ item { ... on Item { children(first: 5) { id } } } }')).toEqual({
      depth: 3,
      complexity: 7,
    });
  });

  it('lets every query of the web UI through the default limits', () => {
    const { graphqlMaxDepth, graphqlMaxComplexity } = loadConfig({}).guards;
    const web = path.join(__dirname, '../../../web/src/api');
    const schema = buildSchema(fs.readFileSync(path.join(web, 'schema.graphql'), 'utf8'));
    const doc = parse(fs.readFileSync(path.join(web, 'operations.graphql'), 'utf8'));
    const ops = doc.definitions.filter((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition');
    expect(ops.length).toBeGreaterThan(5);
    for (const op of ops) {
      const c = measureOperation(schema, doc, op, {});
      expect({
        op: op.name?.value,
        ok: c.depth <= graphqlMaxDepth && c.complexity <= graphqlMaxComplexity,
      }).toEqual({
        op: op.name?.value,
        ok: true,
      });
    }
  });
});
