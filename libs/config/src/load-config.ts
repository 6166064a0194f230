import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_CLASSIFICATION_LEVELS } from '@rampart/domain';
import {
  AppConfig,
  AuthConfig,
  GuardsConfig,
  Neo4jConfig,
  OidcConfig,
  ReportSchedule,
  resolveFromRoot,
} from './app-config';
import { Env, SECRET_VARIABLES, envSchema } from './config.schema';
import { oidcConfigFrom } from './oidc-config';

/** Raised once at boot with one line per bad variable; main prints it and exits. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** The project root: the nearest folder above `from` holding Rampart's package.json. */
export function findProjectRoot(from: string = __dirname): string {
  let dir = from;
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg) && fs.existsSync(path.join(dir, 'cypher'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new ConfigError([`cannot find the Rampart project root above ${from}`]);
    dir = parent;
  }
}

/**
 * Validates the environment once, at boot. Empty strings count as unset so that
 * `NEO4J_URI= npm start` means "no external server".
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, rootDir = findProjectRoot()): AppConfig {
  const e = validateEnv(env);
  const schedules = parseSchedules(e.RAMPART_REPORT_SCHEDULES ?? '');
  if (!Array.isArray(schedules)) throw new ConfigError(schedules.problems);
  const oidc = oidcConfigFrom(e);
  if (oidc && 'problems' in oidc) throw new ConfigError(oidc.problems);
  return {
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    logLevel: e.LOG_LEVEL,
    rootDir,
    cypherDir: resolveFromRoot(rootDir, e.RAMPART_CYPHER_DIR ?? 'cypher'),
    demoFile: resolveFromRoot(rootDir, e.RAMPART_DEMO_FILE ?? 'examples/demo-org.yaml'),
    webDir: resolveFromRoot(rootDir, e.RAMPART_WEB_DIR ?? 'dist/web'),
    bodyLimit: e.RAMPART_BODY_LIMIT,
    importBodyLimit: e.RAMPART_IMPORT_BODY_LIMIT,
    importBatchSize: e.RAMPART_IMPORT_BATCH_SIZE,
    importLimits: {
      maxNesting: e.RAMPART_IMPORT_MAX_NESTING,
      maxFieldLength: e.RAMPART_IMPORT_MAX_FIELD_LENGTH,
      maxListLength: e.RAMPART_IMPORT_MAX_LIST_LENGTH,
    },
    importQueue: {
      concurrency: e.RAMPART_IMPORT_CONCURRENCY,
      queueLength: e.RAMPART_IMPORT_QUEUE_LENGTH,
      waitSeconds: e.RAMPART_IMPORT_QUEUE_WAIT_S,
    },
    graphRecheckMs: e.RAMPART_GRAPH_RECHECK_MS,
    backgroundReloadNodes: e.RAMPART_BACKGROUND_RELOAD_NODES,
    lifecycle: {
      readinessTimeoutMs: e.RAMPART_READINESS_TIMEOUT_MS,
      shutdownGraceMs: e.RAMPART_SHUTDOWN_GRACE_MS,
    },
    auth: authConfig(e, rootDir, oidc),
    guards: guardsConfig(e),
    reports: {
      dir: resolveFromRoot(rootDir, e.RAMPART_REPORTS_DIR),
      chromiumPath: e.RAMPART_CHROMIUM_PATH,
      pdfTimeoutMs: e.RAMPART_PDF_TIMEOUT_MS,
      summaryRows: e.RAMPART_REPORT_ROWS,
      schedules,
    },
    neo4j: neo4jConfig(e, rootDir),
  };
}

/** The environment checked against the schema (secrets' values never shown), or a ConfigError. */
function validateEnv(env: NodeJS.ProcessEnv): Env {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => {
        const name = i.path.join('.');
        const value = SECRET_VARIABLES.has(name)
          ? `(hidden, ${(env[name] ?? '').length} characters)`
          : JSON.stringify(env[name] ?? '');
        return `${name}=${value}: ${i.message}`;
      }),
    );
  }
  const e = parsed.data;
  if (e.NODE_ENV === 'production' && !e.RAMPART_JWT_SECRET) {
    throw new ConfigError([
      'RAMPART_JWT_SECRET is required when NODE_ENV=production (32 or more random characters; every instance the same)',
    ]);
  }
  return e;
}

function authConfig(e: Env, rootDir: string, oidc: OidcConfig | undefined): AuthConfig {
  return {
    jwtSecret: e.RAMPART_JWT_SECRET,
    secretFile: resolveFromRoot(rootDir, e.RAMPART_SECRET_FILE),
    adminPassword: e.RAMPART_ADMIN_PASSWORD,
    accessTokenTtlSeconds: e.RAMPART_ACCESS_TOKEN_TTL_S,
    refreshTokenTtlSeconds: e.RAMPART_REFRESH_TOKEN_TTL_S,
    oidc,
  };
}

function guardsConfig(e: Env): GuardsConfig {
  return {
    corsOrigins: (e.RAMPART_CORS_ORIGINS ?? '')
      .split(',')
      .map((o) => o.trim().toLowerCase())
      .filter(Boolean),
    rateLimitPerMinute: e.RAMPART_RATE_LIMIT_PER_MINUTE,
    trustProxyHops: e.RAMPART_TRUST_PROXY_HOPS,
    signInMaxFailures: e.RAMPART_SIGNIN_MAX_FAILURES,
    signInMaxFailuresPerAddress: e.RAMPART_SIGNIN_MAX_FAILURES_PER_ADDRESS,
    signInLockSeconds: e.RAMPART_SIGNIN_LOCK_S,
    graphqlMaxDepth: e.RAMPART_GRAPHQL_MAX_DEPTH,
    graphqlMaxComplexity: e.RAMPART_GRAPHQL_MAX_COMPLEXITY,
    graphqlMaxCost: e.RAMPART_GRAPHQL_MAX_COST,
    graphqlMaxAliases: e.RAMPART_GRAPHQL_MAX_ALIASES,
    graphqlMaxTokens: e.RAMPART_GRAPHQL_MAX_TOKENS,
  };
}

function neo4jConfig(e: Env, rootDir: string): Neo4jConfig {
  return {
    uri: e.NEO4J_URI,
    user: e.NEO4J_USER,
    password: e.NEO4J_PASSWORD,
    database: e.NEO4J_DATABASE,
    txTimeoutMs: e.NEO4J_TX_TIMEOUT_MS,
    importTxTimeoutMs: e.NEO4J_IMPORT_TX_TIMEOUT_MS,
    driver: {
      connectionTimeoutMs: e.NEO4J_CONNECTION_TIMEOUT_MS,
      acquisitionTimeoutMs: e.NEO4J_ACQUISITION_TIMEOUT_MS,
      maxRetryMs: e.NEO4J_MAX_RETRY_MS,
    },
    downRecheckMs: e.NEO4J_DOWN_RECHECK_MS,
    docker: { enabled: e.NEO4J_DOCKER, image: e.NEO4J_DOCKER_IMAGE },
    local: {
      host: e.NEO4J_LOCAL_HOST,
      port: e.NEO4J_LOCAL_PORT,
      dataDir: resolveFromRoot(rootDir, e.NEO4J_LOCAL_DATA_DIR),
      heapMb: e.NEO4J_LOCAL_HEAP_MB,
      pageCacheMb: e.NEO4J_LOCAL_PAGECACHE_MB,
      startTimeoutMs: e.NEO4J_LOCAL_START_TIMEOUT_MS,
      projectDir: path.join(rootDir, 'tools', 'neo4j-local'),
    },
  };
}

/** The reports and formats a schedule may name (libs/reports' REPORT_NAMES/FORMATS; a test keeps them equal). */
export const SCHEDULABLE_REPORTS = ['uncovered', 'posture', 'plan'];
export const SCHEDULABLE_FORMATS = ['md', 'html', 'pdf', 'csv', 'json'];
const REPORTS = SCHEDULABLE_REPORTS;
const FORMATS = SCHEDULABLE_FORMATS;
const CLEARANCES: readonly string[] = DEFAULT_CLASSIFICATION_LEVELS;

/**
 * RAMPART_REPORT_SCHEDULES: entries separated by `;`, each five cron fields, a report name, a
 * format and optionally the clearance the report is produced for (need-to-know; without one it
 * shows only unclassified records in clear), e.g. `0 6 * * MON uncovered pdf SECRET; 30 7 1 * * uncovered json`.
 */
export function parseSchedules(text: string): ReportSchedule[] | { problems: string[] } {
  const problems: string[] = [];
  const schedules: ReportSchedule[] = [];
  text
    .split(';')
    .map((e) => e.trim())
    .filter(Boolean)
    .forEach((entry, i) => {
      const where = `RAMPART_REPORT_SCHEDULES entry ${i + 1} ("${entry}")`;
      const t = entry.split(/\s+/);
      if (t.length !== 7 && t.length !== 8) {
        problems.push(
          `${where}: expected five cron fields, a report, a format and optionally a clearance; found ${t.length} words`,
        );
        return;
      }
      const [report, format] = t.slice(5);
      if (!REPORTS.includes(report))
        problems.push(`${where}: unknown report ${report}; the reports are ${REPORTS.join(', ')}`);
      if (!FORMATS.includes(format))
        problems.push(`${where}: unknown format ${format}; the formats are ${FORMATS.join(', ')}`);
      const clearance = t[7] ?? null;
      if (clearance !== null && !CLEARANCES.includes(clearance))
        problems.push(`${where}: unknown clearance ${clearance}; the levels are ${CLEARANCES.join(', ')}`);
      schedules.push({ cron: t.slice(0, 5).join(' '), report, format, clearance, entry });
    });
  return problems.length ? { problems } : schedules;
}
