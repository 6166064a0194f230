import * as path from 'node:path';
import { ConfigError, loadConfig } from './load-config';

const root = path.resolve(__dirname, '../../..');

describe('loadConfig', () => {
  it('applies defaults when nothing is set', () => {
    const c = loadConfig({}, root);
    expect(c.port).toBe(3000);
    expect(c.neo4j.uri).toBeUndefined();
    expect(c.neo4j.database).toBe('neo4j');
    expect(c.neo4j.local.port).toBe(7687);
    expect(c.neo4j.local.dataDir).toBe(path.join(root, '.data/neo4j'));
    expect(c.cypherDir).toBe(path.join(root, 'cypher'));
  });

  it('treats empty strings as unset', () => {
    expect(loadConfig({ NEO4J_URI: '', PORT: '' }, root).neo4j.uri).toBeUndefined();
  });

  it('accepts routing and TLS URIs', () => {
    for (const uri of ['neo4j://cluster:7687', 'neo4j+s://x.example', 'bolt+ssc://h:1']) {
      expect(loadConfig({ NEO4J_URI: uri }, root).neo4j.uri).toBe(uri);
    }
  });

  it('reports every bad variable at once, each naming the variable, its value and why', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: '99999', NEO4J_URI: 'http://x', LOG_LEVEL: 'loud', NEO4J_DOCKER: 'maybe' }, root);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toHaveLength(4);
    expect(problems.find((p) => p.startsWith('PORT="99999"'))).toMatch(/1 to 65535/);
    expect(problems.find((p) => p.startsWith('NEO4J_URI="http://x"'))).toMatch(/bolt:\/\//);
    expect(problems.find((p) => p.startsWith('LOG_LEVEL="loud"'))).toBeDefined();
    expect(problems.find((p) => p.startsWith('NEO4J_DOCKER="maybe"'))).toMatch(/true or false/);
  });

  it('rejects a Neo4j password shorter than Neo4j allows', () => {
    expect(() => loadConfig({ NEO4J_PASSWORD: 'short' }, root)).toThrow(/NEO4J_PASSWORD.*8 characters/);
  });

  it('never prints a secret in its messages, only its length', () => {
    let error: unknown;
    try {
      loadConfig(
        { NEO4J_PASSWORD: 'hunter2', RAMPART_JWT_SECRET: 'tooshort-secret', RAMPART_ADMIN_PASSWORD: 'abc12' },
        root,
      );
    } catch (e) {
      error = e;
    }
    expect((error as ConfigError).problems).toEqual([
      'NEO4J_PASSWORD=(hidden, 7 characters): Neo4j requires at least 8 characters',
      'RAMPART_JWT_SECRET=(hidden, 15 characters): expected at least 32 characters',
      'RAMPART_ADMIN_PASSWORD=(hidden, 5 characters): expected at least 12 characters',
    ]);
    expect(String((error as Error).message)).not.toMatch(/hunter2|tooshort-secret|abc12/);
  });

  it('requires the JWT secret in production and reads the sign-in settings', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' }, root)).toThrow(
      /RAMPART_JWT_SECRET is required when NODE_ENV=production/,
    );
    const c = loadConfig({ RAMPART_ACCESS_TOKEN_TTL_S: '600' }, root);
    expect(c.auth).toEqual({
      jwtSecret: undefined,
      secretFile: path.join(root, '.data/jwt-secret'),
      adminPassword: undefined,
      accessTokenTtlSeconds: 600,
      refreshTokenTtlSeconds: 1_209_600,
    });
  });

  it('reads the guards: CORS origins (checked), rate and sign-in limits, GraphQL limits', () => {
    expect(loadConfig({}, root).guards).toEqual({
      corsOrigins: [],
      rateLimitPerMinute: 600,
      trustProxyHops: 0,
      signInMaxFailures: 5,
      signInMaxFailuresPerAddress: 20,
      signInLockSeconds: 900,
      graphqlMaxDepth: 12,
      graphqlMaxComplexity: 250_000,
      graphqlMaxCost: 50_000,
      graphqlMaxAliases: 50,
      graphqlMaxTokens: 5_000,
    });
    const c = loadConfig(
      {
        RAMPART_CORS_ORIGINS: 'https://UI.example.org, http://localhost:5173',
        RAMPART_RATE_LIMIT_PER_MINUTE: '0',
        RAMPART_TRUST_PROXY_HOPS: '1',
      },
      root,
    );
    expect(c.guards.corsOrigins).toEqual(['https://ui.example.org', 'http://localhost:5173']);
    expect(c.guards.rateLimitPerMinute).toBe(0);
    expect(c.guards.trustProxyHops).toBe(1);
    expect(() => loadConfig({ RAMPART_TRUST_PROXY_HOPS: 'yes' }, root)).toThrow(
      /RAMPART_TRUST_PROXY_HOPS="yes": expected a number/,
    );
    expect(() => loadConfig({ RAMPART_CORS_ORIGINS: '*' }, root)).toThrow(
      /RAMPART_CORS_ORIGINS="\*": expected origins separated by commas/,
    );
    expect(() => loadConfig({ RAMPART_CORS_ORIGINS: 'https://a.example/path' }, root)).toThrow(
      /without a path/,
    );
  });

  it('reads report schedules (five cron fields, report, format, optional clearance; ";" between entries) and says what is wrong', () => {
    const c = loadConfig(
      { RAMPART_REPORT_SCHEDULES: ' 0 6 * * MON uncovered pdf ;30 7 1 * * uncovered json SECRET; ' },
      root,
    );
    expect(c.reports.schedules).toEqual([
      {
        cron: '0 6 * * MON',
        report: 'uncovered',
        format: 'pdf',
        clearance: null,
        entry: '0 6 * * MON uncovered pdf',
      },
      {
        cron: '30 7 1 * *',
        report: 'uncovered',
        format: 'json',
        clearance: 'SECRET',
        entry: '30 7 1 * * uncovered json SECRET',
      },
    ]);
    expect(c.reports.dir).toBe(path.join(root, '.data/reports'));
    let error: unknown;
    try {
      loadConfig(
        {
          RAMPART_REPORT_SCHEDULES:
            '0 6 * * uncovered pdf; 0 6 * * * everything docx; 0 6 * * * plan md SEKRIT',
        },
        root,
      );
    } catch (e) {
      error = e;
    }
    expect((error as ConfigError).problems).toEqual([
      'RAMPART_REPORT_SCHEDULES entry 1 ("0 6 * * uncovered pdf"): expected five cron fields, a report, a format and optionally a clearance; found 6 words',
      'RAMPART_REPORT_SCHEDULES entry 2 ("0 6 * * * everything docx"): unknown report everything; the reports are uncovered, posture, plan',
      'RAMPART_REPORT_SCHEDULES entry 2 ("0 6 * * * everything docx"): unknown format docx; the formats are md, html, pdf, csv, json',
      'RAMPART_REPORT_SCHEDULES entry 3 ("0 6 * * * plan md SEKRIT"): unknown clearance SEKRIT; the levels are UNCLASSIFIED, OFFICIAL, SENSITIVE, SECRET, TOP_SECRET',
    ]);
  });

  it('bounds every wait on Neo4j and on shutdown (issue 19), each settable and checked', () => {
    const c = loadConfig({}, root);
    expect(c.neo4j.driver).toEqual({
      connectionTimeoutMs: 1000,
      acquisitionTimeoutMs: 5000,
      maxRetryMs: 500,
    });
    expect(c.neo4j.downRecheckMs).toBe(1000);
    expect(c.lifecycle).toEqual({ readinessTimeoutMs: 500, shutdownGraceMs: 10_000 });
    const set = loadConfig(
      {
        NEO4J_CONNECTION_TIMEOUT_MS: '3000',
        NEO4J_ACQUISITION_TIMEOUT_MS: '20000',
        NEO4J_MAX_RETRY_MS: '0',
        NEO4J_DOWN_RECHECK_MS: '250',
        RAMPART_READINESS_TIMEOUT_MS: '900',
        RAMPART_SHUTDOWN_GRACE_MS: '0',
      },
      root,
    );
    expect(set.neo4j.driver).toEqual({
      connectionTimeoutMs: 3000,
      acquisitionTimeoutMs: 20_000,
      maxRetryMs: 0,
    });
    expect([set.neo4j.downRecheckMs, set.lifecycle]).toEqual([
      250,
      { readinessTimeoutMs: 900, shutdownGraceMs: 0 },
    ]);
    let error: unknown;
    try {
      loadConfig(
        { NEO4J_CONNECTION_TIMEOUT_MS: '0', NEO4J_DOWN_RECHECK_MS: '10', RAMPART_SHUTDOWN_GRACE_MS: '-1' },
        root,
      );
    } catch (e) {
      error = e;
    }
    expect((error as ConfigError).problems).toEqual([
      expect.stringMatching(/^NEO4J_CONNECTION_TIMEOUT_MS="0": /),
      'NEO4J_DOWN_RECHECK_MS="10": expected 50 or more',
      'RAMPART_SHUTDOWN_GRACE_MS="-1": expected 0 or more',
    ]);
  });
});
