import * as path from 'node:path';

/** How to reach Neo4j when it is already running somewhere (NEO4J_URI, Docker or the launcher). */
export interface Neo4jConnection {
  uri: string;
  user: string;
  password: string;
  database: string;
}

export interface LocalLauncherConfig {
  host: string;
  port: number;
  dataDir: string;
  heapMb: number;
  pageCacheMb: number;
  startTimeoutMs: number;
  /** tools/neo4j-local: the Maven project of the launcher. */
  projectDir: string;
}

export interface Neo4jConfig {
  /** Set only when NEO4J_URI is: resolution then stops at step 1. */
  uri?: string;
  user: string;
  password: string;
  database: string;
  txTimeoutMs: number;
  /** Imports write a whole file in one transaction: they get longer. */
  importTxTimeoutMs: number;
  /** How long to wait on Neo4j before answering 503 (issue 19). */
  driver: Neo4jDriverLimits;
  /** Once Neo4j is found unreachable, requests fail at once and it is asked again this often. */
  downRecheckMs: number;
  docker: { enabled: boolean; image: string };
  local: LocalLauncherConfig;
}

/** The driver's waits (issue 19): each bounded, so an unreachable Neo4j costs a request little time. */
export interface Neo4jDriverLimits {
  /** Establishing a TCP connection. */
  connectionTimeoutMs: number;
  /** Waiting for a pooled connection (all busy) before 503. */
  acquisitionTimeoutMs: number;
  /** Retrying a transaction that failed on a transient error (the driver waits ~1 s before the first retry). */
  maxRetryMs: number;
}

export interface AppConfig {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  rootDir: string;
  cypherDir: string;
  demoFile: string;
  /** The built web UI (vite build output), served at /. */
  webDir: string;
  /** Largest JSON request body (GraphQL, REST). */
  bodyLimit: string;
  /** Largest import file sent to POST /api/import. */
  importBodyLimit: string;
  importBatchSize: number;
  /** What one import file may hold (nesting, text and list lengths): bounded cost for any input. */
  importLimits: { maxNesting: number; maxFieldLength: number; maxListLength: number };
  /** Imports running at once per instance, waiting for a turn, and for how long. */
  importQueue: { concurrency: number; queueLength: number; waitSeconds: number };
  /**
   * How long analytics outside a request trust their in-memory graph without asking Neo4j for its
   * version: writes by this process are seen at once, other processes' within this time (0: ask
   * every time). A request reads the version with its token check and is never behind it.
   */
  graphRecheckMs: number;
  /**
   * From this many attack-graph nodes, a bulk write (an import) is loaded in the background while
   * requests answer from the graph in memory (the version before it); 0: always wait for the load.
   */
  backgroundReloadNodes: number;
  /** Readiness answers within this, Neo4j or not; SIGTERM drains requests for up to shutdownGraceMs. */
  lifecycle: { readinessTimeoutMs: number; shutdownGraceMs: number };
  reports: ReportsConfig;
  auth: AuthConfig;
  guards: GuardsConfig;
  neo4j: Neo4jConfig;
}

/** Limits in front of the API (issue 8): who may call from a browser, how often, how much. */
export interface GuardsConfig {
  /** Browser origins allowed to call the API cross-origin; empty: same origin only. */
  corsOrigins: string[];
  /** Requests per client address per minute to /graphql and /api (0: no limit). */
  rateLimitPerMinute: number;
  /** Proxies in front whose X-Forwarded-For names the client address (0: the TCP peer is the client). */
  trustProxyHops: number;
  /** Failed sign-ins before an account is locked for lockSeconds. */
  signInMaxFailures: number;
  /** Failed sign-ins (any usernames) before an address is locked for lockSeconds. */
  signInMaxFailuresPerAddress: number;
  signInLockSeconds: number;
  graphqlMaxDepth: number;
  /** Estimated fields a GraphQL operation may resolve (lists counted by their first/limit/k). */
  graphqlMaxComplexity: number;
  /** Estimated cost (the cost table's calibrated ms) a GraphQL operation may ask for. */
  graphqlMaxCost: number;
  /** Aliased fields in one operation. */
  graphqlMaxAliases: number;
  /** Lexical tokens in one GraphQL document, counted before it is parsed. */
  graphqlMaxTokens: number;
}

export interface AuthConfig {
  /** RAMPART_JWT_SECRET; unset outside production: generated once into secretFile. */
  jwtSecret?: string;
  secretFile: string;
  /** The first admin's password on first start; unset: generated and printed once. */
  adminPassword?: string;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  /** OpenID Connect sign-in; undefined (off) unless OIDC_ISSUER is set. */
  oidc?: OidcConfig;
}

/** OpenID Connect sign-in (OIDC_*): the identity provider, this client, and how claims map to accounts. */
export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Where the provider sends the browser back: Rampart's /api/auth/oidc/callback, registered at the provider. */
  redirectUri: string;
  scopes: string[];
  usernameClaim: string;
  rolesClaim: string;
  clearanceClaim: string;
  /** Provider group or role names to Rampart roles (OIDC_ROLE_MAP); Rampart role names map to themselves. */
  roleMap: Record<string, string[]>;
}

/** One scheduled report: `<minute> <hour> <day> <month> <weekday> <report> <format> [clearance]`. */
export interface ReportSchedule {
  /** The five cron fields (checked when the scheduler starts). */
  cron: string;
  report: string;
  format: string;
  /** Whose need-to-know the report has; null (none stated): only unclassified records in clear. */
  clearance: string | null;
  /** The entry as written, for messages. */
  entry: string;
}

export interface ReportsConfig {
  /** Where schedules and the generate mutation write reports. */
  dir: string;
  /** Debian's chromium, which prints PDFs. */
  chromiumPath: string;
  /** How long printing one PDF may take (chromium's launch, load and print). */
  pdfTimeoutMs: number;
  /** Rows of each long table in HTML, Markdown and PDF; the rest are in the CSV/JSON annex. */
  summaryRows: number;
  schedules: ReportSchedule[];
}

export const resolveFromRoot = (rootDir: string, p: string): string =>
  path.isAbsolute(p) ? p : path.join(rootDir, p);
