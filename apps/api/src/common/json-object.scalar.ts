import { GraphQLError, GraphQLScalarType, Kind, ValueNode } from 'graphql';

const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

function literal(node: ValueNode): unknown {
  switch (node.kind) {
    case Kind.OBJECT:
      return Object.fromEntries(node.fields.map((f) => [f.name.value, literal(f.value)]));
    case Kind.LIST:
      return node.values.map(literal);
    case Kind.INT:
    case Kind.FLOAT:
      return Number(node.value);
    case Kind.STRING:
    case Kind.ENUM:
      return node.value;
    case Kind.BOOLEAN:
      return node.value;
    case Kind.NULL:
      return null;
    default:
      throw new GraphQLError(
        'Variables inside a JSONObject literal are not supported; pass the whole object as a variable.',
      );
  }
}

/**
 * A JSON object, for entity inputs written as in the native file (docs/spec/import-format.md): the same
 * keys, validated by the same schema as an import, so the API cannot drift from the format.
 */
export const JSONObjectScalar = new GraphQLScalarType({
  name: 'JSONObject',
  description: 'A JSON object; entity inputs take the keys of the native file format.',
  serialize: (v) => v,
  parseValue: (v) => {
    if (!isObject(v)) throw new GraphQLError('expected a JSON object');
    return v;
  },
  parseLiteral: (node) => {
    if (node.kind !== Kind.OBJECT) throw new GraphQLError('expected a JSON object');
    return literal(node);
  },
});
