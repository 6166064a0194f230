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
  docker: { enabled: boolean; image: string };
  local: LocalLauncherConfig;
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
  /**
   * How long analytics trust their in-memory graph without asking Neo4j for its version: writes
   * by this process are seen at once, other processes' within this time (0: ask every time).
   */
  graphRecheckMs: number;
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
  /** Failed sign-ins before an account is locked for lockSeconds. */
  signInMaxFailures: number;
  /** Failed sign-ins (any usernames) before an address is locked for lockSeconds. */
  signInMaxFailuresPerAddress: number;
  signInLockSeconds: number;
  graphqlMaxDepth: number;
  /** Estimated fields a GraphQL operation may resolve (lists counted by their first/limit/k). */
  graphqlMaxComplexity: number;
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
  schedules: ReportSchedule[];
}

export const resolveFromRoot = (rootDir: string, p: string): string =>
  path.isAbsolute(p) ? p : path.join(rootDir, p);
