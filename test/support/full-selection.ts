import {
  GraphQLField,
  GraphQLNamedType,
  GraphQLSchema,
  getNamedType,
  isAbstractType,
  isLeafType,
  isNonNullType,
} from 'graphql';

/**
 * A selection of every field of a type, to `depth` levels (interfaces with an inline fragment per
 * implementation), skipping fields with required arguments: "ask for everything" in tests that
 * check what a response may contain.
 */
export function fullSelection(schema: GraphQLSchema, type: GraphQLNamedType, depth: number): string {
  if (isLeafType(type)) return '';
  if (depth <= 0) return '{ __typename }';
  const fieldsOf = (t: GraphQLNamedType): GraphQLField<unknown, unknown>[] =>
    'getFields' in t ? Object.values(t.getFields() as Record<string, GraphQLField<unknown, unknown>>) : [];
  // Inside fragments every field is aliased by its type: implementations may type a field differently.
  const select = (t: GraphQLNamedType, alias = '') =>
    fieldsOf(t)
      .filter((f) => !f.args.some((a) => isNonNullType(a.type) && a.defaultValue === undefined))
      .map((f) => {
        const named = getNamedType(f.type);
        const name = alias ? `${alias}_${f.name}: ${f.name}` : f.name;
        return isLeafType(named) ? name : `${name} ${fullSelection(schema, named, depth - 1)}`;
      })
      .join(' ');
  if (isAbstractType(type)) {
    const fragments = schema
      .getPossibleTypes(type)
      .map((t) => `... on ${t.name} { ${select(t, t.name)} }`)
      .join(' ');
    return `{ __typename ${fragments} }`;
  }
  return `{ __typename ${select(type)} }`;
}

/**
 * A query for one Query field asking for everything: `args[field]` as its arguments, else
 * `(first: <listSize>)` for a list with `first`; entity and organisation 3 levels deep, others 5.
 */
export function everythingQuery(
  schema: GraphQLSchema,
  field: string,
  args: Record<string, string>,
  listSize = 100,
): string {
  const f = schema.getQueryType()!.getFields()[field];
  const a = args[field] ?? (f.args.some((x) => x.name === 'first') ? `(first: ${listSize})` : '');
  const depth = ['entity', 'organization'].includes(field) ? 3 : 5;
  return `{ ${field}${a} ${fullSelection(schema, getNamedType(f.type), depth)} }`;
}

/** Every field of the Query type but the `skipped` ones. */
export const queryFields = (schema: GraphQLSchema, skipped: readonly string[]): string[] =>
  Object.keys(schema.getQueryType()!.getFields()).filter((f) => !skipped.includes(f));
