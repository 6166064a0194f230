/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are untyped JSON */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { GraphQLSchema, Kind, getNamedType, parse } from 'graphql';
import TestAgent from 'supertest/lib/agent';
import { ROOT, rampart } from './cli';
import { fullSelection, queryFields } from './full-selection';
import { binaryBody, zipTexts } from './zip-entries';

// Every read surface of the API (GraphQL fields, the web UI's operations, REST exports and
// reports, the CLI's organisation listings) as named requests, and answers made comparable:
// test/integration/unfinished-import-visibility.int-spec.ts asks all of them before and after
// staging twins of the demo organisation.

export type Json = Record<string, unknown>;
export type Answer = { status: number; body: any; type?: string; disposition?: string };
export type Call = (agent: TestAgent) => Promise<Answer>;

export const ACME = 'org-acme';
export const GEN = 'org-gen-5';
export const AS_OF = '2026-11-01';

/** Arguments of the "every field" queries: demo ids, a fixed date, whole lists. */
const ARGS: Record<string, string> = {
  attackPaths: '(threatId: "thr-crime", assetId: "inf-customers", k: 10)',
  securityDepth: '(threatId: "thr-crime", assetId: "inf-customers")',
  interruption: '(threatId: "thr-crime", assetId: "inf-customers")',
  blastRadius: '(nodeIds: ["sys-idp"], mode: PROBABLE, threshold: 0)',
  exposure: '(assetId: "inf-customers", threshold: 0)',
  coverage: `(assetId: "inf-customers", asOf: "${AS_OF}")`,
  entity: '(id: "sys-crm")',
  organization: `(id: "${ACME}")`,
  threatTargets: '(threatId: "thr-crime", first: 500)',
  weakestLinks: '(limit: 500)',
  findings: `(asOf: "${AS_OF}")`,
  posture: `(asOf: "${AS_OF}")`,
  coverageSummary: `(first: 500, asOf: "${AS_OF}")`,
  auditLog: '(first: 500)',
  reportRuns: '(first: 500)',
};
/** Organisation-wide analytics and filtered lists, for one organisation (`$org`). */
const PER_ORG: Record<string, string> = {
  posture: `(organizationId: $org, asOf: "${AS_OF}")`,
  findings: `(organizationId: $org, asOf: "${AS_OF}")`,
  risks: '(organizationId: $org)',
  weakestLinks: '(organizationId: $org, limit: 500)',
  coverageSummary: `(organizationId: $org, asOf: "${AS_OF}", first: 500)`,
  assets: '(first: 500, filter: {organizationId: $org})',
  controls: '(first: 500, filter: {organizationId: $org, search: "o"})',
  people: '(first: 500, filter: {organizationId: $org, status: ["active"]})',
};
/** Variables of the web UI's operations (apps/web/src/api/operations.graphql), by name. */
const WEB_VARS: Record<string, Json> = {
  Dashboard: { org: ACME, asOf: AS_OF },
  Findings: { org: ACME, asOf: AS_OF },
  Threats: { org: ACME, first: 50 },
  ThreatTargets: { threatId: 'thr-crime', org: ACME, first: 50 },
  AttackPaths: { threatId: 'thr-crime', assetId: 'inf-customers', k: 3, failed: [] },
  BlastRadius: { nodeIds: ['sys-idp'], mode: 'STRUCTURAL', maxHops: 6 },
  Coverage: { assetId: 'inf-customers' },
  CoverageHeatmap: { org: ACME, first: 500 },
  CriticalCount: { org: ACME },
  Search: { text: 'customer', org: ACME },
  Neighbourhood: { id: 'sys-crm' },
};
const WEB_DOC = fs.readFileSync(path.join(ROOT, 'apps/web/src/api/operations.graphql'), 'utf8');

/** GraphQL text, or `GET|DELETE <path>`, or `POST <path> <content type>` sending `vars.body`. */
export const request =
  (spec: string, vars: Json = {}, operationName?: string): Call =>
  async (agent) => {
    const [method, url, contentType] = spec.split(' ');
    if (!['GET', 'POST', 'DELETE'].includes(method)) {
      const r = await agent.post('/graphql').send({ query: spec, variables: vars, operationName });
      return { status: r.status, body: r.body };
    }
    const sent =
      method === 'POST'
        ? agent.post(url).set('content-type', contentType).send(String(vars.body))
        : agent[method === 'GET' ? 'get' : 'delete'](url);
    const r = await sent.buffer(true).parse(binaryBody);
    const type = String(r.headers['content-type'] ?? '');
    const text = (r.body as Buffer).toString('utf8');
    const body = type.includes('zip') ? zipTexts(r.body) : type.includes('json') ? JSON.parse(text) : text;
    // Export file names are compared; report file names carry the time of generation.
    const disposition = url.startsWith('/api/export') ? r.headers['content-disposition'] : undefined;
    return { status: r.status, type, disposition, body };
  };
export const cli =
  (...args: string[]): Call =>
  async () => {
    const r = rampart(...args);
    return { status: r.status === 0 ? 200 : 500, body: { stdout: r.stdout, stderr: r.stderr } };
  };

/** A Query field with every field selected: lists to their entities' relationships, entity 3 deep, analytics 5. */
function ask(schema: GraphQLSchema, field: string, args = ARGS[field]): string {
  const type = getNamedType(schema.getQueryType()!.getFields()[field].type);
  const list = type.name.endsWith('Connection');
  const depth = list ? 4 : ['entity', 'organization'].includes(field) ? 3 : 5;
  return `${field}${args ?? (list ? '(first: 500)' : '')} ${fullSelection(schema, type, depth)}`;
}

/** Every read request, by name, as the admin (every organisation) or the account limited to Acme. */
export function battery(schema: GraphQLSchema, admin: boolean): Record<string, Call> {
  const calls: Record<string, Call> = {};
  const orgs = admin ? [ACME, GEN] : [ACME];
  for (const field of queryFields(schema, admin ? [] : ['users'])) {
    calls[`gql ${field}`] = request(`{ ${ask(schema, field)} }`);
  }
  const perOrg = Object.entries(PER_ORG).map(([f, args]) => ask(schema, f, args));
  for (const org of orgs)
    calls[`gql per-organisation ${org}`] = request(`query($org: ID!) { ${perOrg.join(' ')} }`, { org });
  for (const id of [ACME, 'thr-crime', 'ctl-mfa'])
    calls[`gql entity ${id}`] = request(`{ ${ask(schema, 'entity', `(id: "${id}")`)} }`);
  calls['gql search'] = request(
    '{ assets(first: 500, filter: {search: "e"}) { totalCount edges { node { id name } } } controls(filter: {search: "ZZHIDDEN"}) { totalCount } }',
  );
  for (const op of parse(WEB_DOC).definitions) {
    if (op.kind !== Kind.OPERATION_DEFINITION || !op.name) continue;
    calls[`web ${op.name.value}`] = request(WEB_DOC, WEB_VARS[op.name.value], op.name.value);
  }
  calls['web AttackPaths what-if'] = request(
    WEB_DOC,
    { ...WEB_VARS.AttackPaths, failed: ['sys-idp', 'ctl-mfa'] },
    'AttackPaths',
  );
  calls['web Neighbourhood org-acme'] = request(WEB_DOC, { id: ACME }, 'Neighbourhood');
  const reports = ['uncovered', 'posture'].flatMap((r) =>
    ['json', 'html', 'md', 'csv'].map((f) => `/api/reports/${r}?format=${f}&asOf=${AS_OF}`),
  );
  const paths = [
    '/api/organizations',
    ...orgs.flatMap((org) => [
      `/api/organizations/${org}`,
      ...['yaml', 'json', 'csv', 'cytoscape', 'graphml'].map(
        (f) => `/api/export?format=${f}&organizationId=${org}`,
      ),
    ]),
    `/api/export?format=json&organizationId=${ACME}&source=demo-org.yaml`,
    '/api/export?format=cytoscape',
    '/api/export?format=graphml',
    ...reports,
    // The plan in JSON only: its other formats print the recent report runs, which grow.
    `/api/reports/plan?format=json&organizationId=${ACME}&asOf=${AS_OF}`,
    '/api/reports?first=1000',
    '/api/auth/me',
    '/health/ready',
  ];
  for (const p of paths) calls[`GET ${p}`] = request(`GET ${p}`);
  if (admin)
    Object.assign(calls, { 'cli status': cli('status', '--json'), 'cli org list': cli('org', 'list') });
  return calls;
}

/** The audit trail and the report runs grow with every battery: their items, and each item's key. */
const GROWING: Record<string, [(body: any) => any[], (item: any) => unknown]> = {
  'gql auditLog': [(b) => b.data.auditLog.edges, (e) => e.node.seq],
  'gql reportRuns': [(b) => b.data.reportRuns, (r) => r.id],
  'GET /api/reports?first=1000': [(b) => b, (r) => r.id],
};

/**
 * An answer as compared, with only what differs between two identical requests set aside: the
 * time a report was generated (and the plan's recent runs), and in the growing lists the records
 * added since `earlier` (the leak check reads the whole answer).
 */
export function comparable(name: string, answer: Answer, earlier?: Answer): unknown {
  const req = name.replace(/^\w+: /, '');
  const a = structuredClone(answer);
  const report = req.startsWith('GET /api/reports/');
  if (report && typeof a.body === 'string') {
    a.body = a.body
      .replace(/<time datetime="[^"]*">[^<]*<\/time>/, '<time/>')
      .replace(/^Generated: .*$/m, '');
  } else if (report && a.body?.generatedAt) {
    delete a.body.generatedAt;
    delete a.body.status?.recentReports;
  }
  const growing = GROWING[req];
  if (!growing || a.status !== 200) return a;
  const [items, key] = growing;
  const known = earlier && new Set(items(earlier.body).map(key));
  return items(a.body).filter((x) => !known || known.has(key(x)));
}

/** Where two JSON values first differ, as `path: before -> after`, short. */
export function firstDifference(a: unknown, b: unknown, at = ''): string | undefined {
  if (JSON.stringify(a) === JSON.stringify(b)) return undefined;
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const d = firstDifference((a as Json)[k], (b as Json)[k], `${at}.${k}`);
      if (d) return d;
    }
  }
  if (typeof a === 'string' && typeof b === 'string') {
    let i = 0;
    while (a[i] === b[i]) i++;
    const cut = (t: string) => JSON.stringify(t.slice(Math.max(0, i - 40), i + 80));
    return `${at}@${i}: ${cut(a)} -> ${cut(b)}`;
  }
  return `${at}: ${JSON.stringify(a)?.slice(0, 120)} -> ${JSON.stringify(b)?.slice(0, 120)}`;
}
