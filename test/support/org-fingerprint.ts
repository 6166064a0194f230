import { GraphQLSchema, getNamedType } from 'graphql';
import TestAgent from 'supertest/lib/agent';
import { AppConfig } from '@rampart/config';
import { GraphContext } from '@rampart/graph';
import { Exporter } from '@rampart/interchange';
import { fullSelection } from './full-selection';
import { driverSession } from './raw-session';

type Json = Record<string, unknown>;

/** The organisation-wide analytics, every field of each (organisationId and a fixed asOf passed). */
const ANALYTICS: Record<string, string> = {
  posture: '(organizationId: $org, asOf: "2026-11-01")',
  findings: '(organizationId: $org, asOf: "2026-11-01")',
  risks: '(organizationId: $org)',
  weakestLinks: '(organizationId: $org, limit: 50)',
  coverageSummary: '(organizationId: $org, asOf: "2026-11-01", first: 500)',
};

/** Every organisation-wide analytic of one organisation over GraphQL, as the API answers it. */
export async function analyticsOf(api: TestAgent, schema: GraphQLSchema, org: string): Promise<Json> {
  const fields = Object.entries(ANALYTICS).map(([field, args]) => {
    const type = getNamedType(schema.getQueryType()!.getFields()[field].type);
    return `${field}${args} ${fullSelection(schema, type, 4)}`;
  });
  const res = await api.post('/graphql').send({
    query: `query($org: ID!) { ${fields.join(' ')} }`,
    variables: { org },
  });
  if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
  return res.body.data as Json;
}

/** Entities of the organisation, and relationships touching them, counted in Cypher. */
export async function countsOf(
  config: AppConfig,
  org: string,
): Promise<{ entities: number; relationships: number }> {
  return driverSession(config, async (s) => {
    const r = await s.run(`MATCH (n:Entity {organizationId: $org}) RETURN count(n) AS entities`, { org });
    const rel = await s.run(
      `MATCH (n:Entity {organizationId: $org})-[r]-() RETURN count(DISTINCT r) AS relationships`,
      { org },
    );
    return {
      entities: r.records[0].get('entities').toNumber(),
      relationships: rel.records[0].get('relationships').toNumber(),
    };
  });
}

/** Everything one organisation is, as bytes and numbers: export, counts, analytics. */
export async function fingerprint(
  config: AppConfig,
  graph: GraphContext,
  api: TestAgent,
  schema: GraphQLSchema,
  org: string,
): Promise<{ yaml: string; counts: Json; analytics: Json }> {
  const yaml = (await new Exporter(graph).export('yaml', { organizationId: org })).body;
  return { yaml, counts: await countsOf(config, org), analytics: await analyticsOf(api, schema, org) };
}
