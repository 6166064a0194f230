import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'expected true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const port = z.coerce
  .number({ message: 'expected a port number' })
  .int('expected a whole number')
  .min(1, 'expected a port from 1 to 65535')
  .max(65535, 'expected a port from 1 to 65535');

const positiveInt = z.coerce
  .number({ message: 'expected a number' })
  .int('expected a whole number')
  .positive();

const claimName = z.string().regex(/^[A-Za-z0-9_:./-]{1,128}$/, 'expected a claim name such as roles');

/**
 * Every environment variable Rampart reads, with its default. README's table is generated from
 * the descriptions here by hand: keep the two in step.
 */
export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: port.default(3000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NEO4J_URI: z
    .string()
    .regex(/^(neo4j|neo4j\+s|neo4j\+ssc|bolt|bolt\+s|bolt\+ssc):\/\/.+/, {
      message: 'expected a Neo4j URI such as bolt://host:7687 or neo4j://host:7687',
    })
    .optional(),
  NEO4J_USER: z.string().min(1).default('neo4j'),
  NEO4J_PASSWORD: z
    .string()
    .min(8, 'Neo4j requires at least 8 characters')
    .regex(/^[^\r\n]+$/, 'must be one line')
    .default('rampart-local'),
  NEO4J_DATABASE: z.string().min(1).default('neo4j'),
  NEO4J_TX_TIMEOUT_MS: positiveInt.default(30_000),
  NEO4J_IMPORT_TX_TIMEOUT_MS: positiveInt.default(3_600_000),
  NEO4J_DOCKER: bool.default(true),
  NEO4J_DOCKER_IMAGE: z.string().min(1).default('neo4j:5.26-community'),
  NEO4J_LOCAL_HOST: z.string().min(1).default('127.0.0.1'),
  NEO4J_LOCAL_PORT: port.default(7687),
  NEO4J_LOCAL_DATA_DIR: z.string().min(1).default('.data/neo4j'),
  NEO4J_LOCAL_HEAP_MB: positiveInt.default(4096),
  NEO4J_LOCAL_PAGECACHE_MB: positiveInt.default(4096),
  NEO4J_LOCAL_START_TIMEOUT_MS: positiveInt.default(300_000),
  // Fast, honest failure and a clean stop (issue 19): how long Rampart waits on Neo4j and on itself.
  NEO4J_CONNECTION_TIMEOUT_MS: positiveInt.max(60_000, 'expected at most 60000').default(1000),
  NEO4J_ACQUISITION_TIMEOUT_MS: positiveInt.max(600_000, 'expected at most 600000').default(5000),
  NEO4J_MAX_RETRY_MS: z.coerce
    .number({ message: 'expected a number' })
    .int('expected a whole number')
    .min(0, 'expected 0 or more')
    .max(600_000, 'expected at most 600000')
    .default(500),
  NEO4J_DOWN_RECHECK_MS: positiveInt
    .min(50, 'expected 50 or more')
    .max(60_000, 'expected at most 60000')
    .default(1000),
  RAMPART_READINESS_TIMEOUT_MS: positiveInt.max(60_000, 'expected at most 60000').default(500),
  RAMPART_SHUTDOWN_GRACE_MS: z.coerce
    .number({ message: 'expected a number' })
    .int('expected a whole number')
    .min(0, 'expected 0 or more')
    .max(600_000, 'expected at most 600000')
    .default(10_000),
  RAMPART_BODY_LIMIT: z
    .string()
    .regex(/^\d+(b|kb|mb)$/i, 'expected a size such as 1mb or 500kb')
    .default('1mb'),
  RAMPART_IMPORT_BODY_LIMIT: z
    .string()
    .regex(/^\d+(b|kb|mb)$/i, 'expected a size such as 100mb')
    .default('100mb'),
  RAMPART_IMPORT_BATCH_SIZE: positiveInt.default(1000),
  // What an import file may hold, and how many imports run at once (issue 19).
  RAMPART_IMPORT_MAX_NESTING: positiveInt
    .min(4, 'expected 4 or more')
    .max(1000, 'expected at most 1000')
    .default(32),
  RAMPART_IMPORT_MAX_FIELD_LENGTH: positiveInt.default(10_000),
  RAMPART_IMPORT_MAX_LIST_LENGTH: positiveInt.default(100_000),
  RAMPART_IMPORT_CONCURRENCY: positiveInt.max(64, 'expected at most 64').default(1),
  RAMPART_IMPORT_QUEUE_LENGTH: z.coerce
    .number({ message: 'expected a number' })
    .int('expected a whole number')
    .min(0, 'expected 0 or more')
    .max(1000, 'expected at most 1000')
    .default(4),
  RAMPART_IMPORT_QUEUE_WAIT_S: positiveInt.max(3600, 'expected at most 3600').default(60),
  RAMPART_GRAPH_RECHECK_MS: z.coerce
    .number({ message: 'expected a number' })
    .int('expected a whole number')
    .min(0, 'expected 0 or more')
    .default(1000),
  RAMPART_BACKGROUND_RELOAD_NODES: z.coerce
    .number({ message: 'expected a number' })
    .int('expected a whole number')
    .min(0, 'expected 0 or more')
    .default(50_000),
  RAMPART_CYPHER_DIR: z.string().min(1).optional(),
  RAMPART_WEB_DIR: z.string().min(1).optional(),
  RAMPART_DEMO_FILE: z.string().min(1).optional(),
  RAMPART_REPORTS_DIR: z.string().min(1).default('.data/reports'),
  RAMPART_CHROMIUM_PATH: z.string().min(1).default('/usr/bin/chromium'),
  RAMPART_PDF_TIMEOUT_MS: positiveInt
    .min(1000, 'expected at least 1000 (chromium alone takes about a second to start)')
    .max(3_600_000, 'expected at most an hour (3600000)')
    .default(60_000),
  RAMPART_REPORT_ROWS: positiveInt.max(10_000, 'expected at most 10000').default(100),
  RAMPART_REPORT_SCHEDULES: z.string().optional(),
  RAMPART_JWT_SECRET: z.string().min(32, 'expected at least 32 characters').optional(),
  RAMPART_SECRET_FILE: z.string().min(1).default('.data/jwt-secret'),
  RAMPART_ADMIN_PASSWORD: z.string().min(12, 'expected at least 12 characters').max(1024).optional(),
  RAMPART_ACCESS_TOKEN_TTL_S: positiveInt.max(86_400, 'expected at most a day (86400)').default(900),
  RAMPART_REFRESH_TOKEN_TTL_S: positiveInt.default(1_209_600),
  RAMPART_CORS_ORIGINS: z
    .string()
    .regex(
      /^\s*(https?:\/\/[a-z0-9.-]+(:\d+)?\s*)(,\s*https?:\/\/[a-z0-9.-]+(:\d+)?\s*)*$/i,
      'expected origins separated by commas, each scheme://host[:port] without a path, e.g. https://rampart.example.org',
    )
    .optional(),
  RAMPART_RATE_LIMIT_PER_MINUTE: z.coerce
    .number({ message: 'expected a number' })
    .int('expected a whole number')
    .min(0, 'expected 0 (no limit) or more')
    .default(600),
  // Behind load balancers (issue 21): how many proxies in front may say who the client is.
  RAMPART_TRUST_PROXY_HOPS: z.coerce
    .number({ message: 'expected a number' })
    .int('expected a whole number')
    .min(0, 'expected 0 (no proxy trusted) or more')
    .max(10, 'expected at most 10')
    .default(0),
  RAMPART_SIGNIN_MAX_FAILURES: positiveInt.default(5),
  RAMPART_SIGNIN_MAX_FAILURES_PER_ADDRESS: positiveInt.default(20),
  RAMPART_SIGNIN_LOCK_S: positiveInt.default(900),
  RAMPART_GRAPHQL_MAX_DEPTH: positiveInt.default(12),
  RAMPART_GRAPHQL_MAX_COMPLEXITY: positiveInt.default(250_000),
  // GraphQL cost (issue 19): the budget is in the cost table's unit (apps/api/src/common/graphql-costs.ts).
  RAMPART_GRAPHQL_MAX_COST: positiveInt.default(50_000),
  RAMPART_GRAPHQL_MAX_ALIASES: positiveInt.default(50),
  RAMPART_GRAPHQL_MAX_TOKENS: positiveInt.default(5_000),
  // OpenID Connect sign-in (optional): off unless OIDC_ISSUER is set; checked together in oidc-config.ts.
  OIDC_ISSUER: z
    .string()
    .regex(
      /^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/,
      'expected the issuer URL, e.g. https://login.example.org/realms/acme',
    )
    .optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  OIDC_REDIRECT_URI: z
    .string()
    .regex(
      /^https?:\/\/[^\s?#]+$/,
      'expected the URL the identity provider sends the browser back to, e.g. https://rampart.example.org/api/auth/oidc/callback',
    )
    .optional(),
  OIDC_SCOPES: z
    .string()
    .regex(/(^|\s)openid(\s|$)/, 'expected scopes separated by spaces, openid among them')
    .default('openid profile email'),
  OIDC_USERNAME_CLAIM: claimName.default('preferred_username'),
  OIDC_ROLES_CLAIM: claimName.default('roles'),
  OIDC_CLEARANCE_CLAIM: claimName.default('clearance'),
  OIDC_ROLE_MAP: z.string().optional(),
});

/** Variables whose values never appear in a message or a log. */
export const SECRET_VARIABLES: ReadonlySet<string> = new Set([
  'NEO4J_PASSWORD',
  'RAMPART_JWT_SECRET',
  'RAMPART_ADMIN_PASSWORD',
  'OIDC_CLIENT_SECRET',
]);

export type Env = z.infer<typeof envSchema>;
