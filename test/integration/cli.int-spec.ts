import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';
import { AuditRecord, Page } from '@rampart/domain';
import { GraphContext } from '@rampart/graph';
import { CLI, ROOT, rampart, rampartIn, requireBuiltCli } from '../support/cli';
import { freePort } from '../support/free-port';
import { driverSession } from '../support/raw-session';
import { TEST_JWT_SECRET, freshDemo, openGraph, testConfig } from '../support/test-graph';

const FIXTURES = path.join(__dirname, '../fixtures/import');
/** What every graph command says first on stderr (the tests run with NEO4J_URI set). */
const usingLine = `rampart: using Neo4j at ${process.env.NEO4J_URI} (NEO4J_URI)\n`;

describe('rampart CLI: validate, import, export', () => {
  const config = testConfig();
  let graph: GraphContext;

  beforeAll(async () => {
    requireBuiltCli();
    graph = await openGraph(config);
  });
  beforeEach(() => freshDemo(graph, config));
  afterAll(() => graph.close());

  it('validate lists every problem with file, line and path, and exits 1', () => {
    const r = rampart('validate', path.join(FIXTURES, 'broken.yaml'));
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/broken\.yaml: \d+ problems; nothing was written:/);
    expect(r.stderr).toContain('broken.yaml:11:5: people[0].favouriteColour: unknown key "favouriteColour"');
    expect(r.stderr).toContain('broken.yaml:23:20: controls[0].effectiveness: expected a number from 0 to 1');
  });

  it('validate (and import --dry-run) reads a JSON file entry by entry and answers as the whole-file import does', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rampart-cli-'));
    const doc = parse(fs.readFileSync(path.join(FIXTURES, 'broken.yaml'), 'utf8'));
    // References the graph resolves (the demo's facility) and one it does not (another kind).
    doc.systems.push({ id: 'sys-new', name: 'New', hostedIn: 'fac-hq-bldg', dependsOn: ['fac-hq-soc'] });
    const file = path.join(dir, 'broken.json');
    fs.writeFileSync(file, JSON.stringify(doc, null, 2));
    const streamed = rampart('validate', file);
    // import (not a dry run) reads the file whole, validates it and refuses it: nothing written.
    const whole = rampart('import', file);
    expect(rampart('import', '--dry-run', file).stderr).toBe(streamed.stderr);
    expect(streamed.status).toBe(1);
    const problems = (r: { stderr: string }) =>
      r.stderr
        .split('\n')
        .filter((l) => l.startsWith('  '))
        .sort();
    expect(problems(streamed)).toEqual(problems(whole));
    expect(problems(streamed)).toEqual(
      expect.arrayContaining([
        '  broken.json:13:7: people[0].favouriteColour: unknown key "favouriteColour"',
        '  broken.json:44:9: systems[1].dependsOn[0]: "fac-hq-soc" is a Facility; dependsOn must name a System',
      ]),
    );
    const systems = [{ id: 'sys-new', name: 'New', hostedIn: 'fac-hq-bldg' }];
    fs.writeFileSync(file, JSON.stringify({ ...doc, people: [], facilities: [], controls: [], systems }));
    const valid = rampart('validate', file);
    expect(valid.stderr).toContain('broken.json: valid (2 entities, 1 relationships, organisation org-acme)');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('import writes a valid file and says what changed; the same import again changes nothing', () => {
    const file = path.join(FIXTURES, 'extra-system.yaml');
    const first = rampart('import', file);
    expect(first.status).toBe(0);
    expect(first.stderr).toContain(
      'extra-system.yaml (organisation org-acme, source extra-system.yaml): entities: 2 created, 0 updated, 0 unchanged, 0 deleted; relationships: 3 created, 0 updated, 0 unchanged, 0 deleted',
    );
    const again = rampart('import', file);
    expect(again.stderr).toContain(
      'entities: 0 created, 0 updated, 2 unchanged, 0 deleted; relationships: 0 created, 0 updated, 3 unchanged, 0 deleted',
    );
  });

  it('export writes every format to a file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rampart-cli-'));
    const out = path.join(dir, 'org.yaml');
    const r = rampart('export', '--format', 'yaml', '--out', out);
    expect(r.status).toBe(0);
    expect(parse(fs.readFileSync(out, 'utf8')).organization.name).toBe('Acme Water');
    const bad = rampart('export', '--format', 'pdf');
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toMatch(/Allowed choices are yaml, json, cytoscape, graphml, csv/);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('export --format csv writes a CSV set into a directory (which validates as an import) or a zip', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rampart-cli-csv-'));
    try {
      const set = path.join(dir, 'set');
      expect(rampart('export', '--format', 'csv', '--out', set).status).toBe(0);
      expect(fs.readdirSync(set)).toEqual(
        expect.arrayContaining(['organization.csv', 'people.csv', 'relationships.csv']),
      );
      const check = rampart('validate', set);
      expect({ status: check.status, stderr: check.stderr }).toEqual({
        status: 0,
        stderr: expect.any(String),
      });
      const zip = path.join(dir, 'org.csv.zip');
      expect(rampart('export', '--format', 'csv', '--out', zip).status).toBe(0);
      expect(fs.readFileSync(zip).subarray(0, 2).toString()).toBe('PK');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('report writes the uncovered report (as the API does) and report diff compares two JSON reports', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rampart-cli-report-'));
    try {
      const csv = path.join(dir, 'u.csv');
      const made = rampart('report', 'uncovered', '--format', 'csv', '--out', csv, '--as-of', '2026-11-23');
      expect(made.stderr).toMatch(/Wrote .*u\.csv \(\d+ bytes, sha256 [0-9a-f]{64}\); recorded as run /);
      expect(made.status).toBe(0);
      expect(fs.readFileSync(csv, 'utf8').split('\r\n')[0]).toMatch(/^asset_id,asset_name,kind,criticality/);
      const a = path.join(dir, 'a.json');
      expect(
        rampart('report', 'uncovered', '--format', 'json', '--out', a, '--as-of', '2026-11-23').status,
      ).toBe(0);
      // The same graph a day apart: nothing new, nothing resolved.
      const same = rampart('report', 'diff', a, a);
      expect(same.status).toBe(0);
      expect(same.stdout).toContain('New uncovered critical assets: 0');
      const bad = rampart('report', 'diff', a, csv);
      expect(bad.status).toBe(1);
      expect(bad.stderr).toContain('u.csv: not JSON');
      const unknown = rampart('report', 'everything');
      expect(unknown.status).toBe(1);
      expect(unknown.stderr).toContain('Unknown report "everything"');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('user add|list|passwd|disable|orgs manage accounts; passwords come from stdin, never arguments', async () => {
    await graph.users.deleteAll(); // other suites share the database
    const add = rampartIn(
      'a long enough passphrase\n',
      'user',
      'add',
      'vera',
      '--role',
      'auditor',
      '--clearance',
      'SECRET',
    );
    expect([add.status, add.stderr]).toEqual([
      0,
      expect.stringContaining('Created vera (auditor; clearance SECRET; every organisation).'),
    ]);
    const weak = rampartIn('short\n', 'user', 'add', 'walt', '--role', 'analyst', '--clearance', 'OFFICIAL');
    expect(weak.status).toBe(1);
    expect(weak.stderr).toContain('password: password is shorter than 12 characters');
    expect(rampart('user', 'list').stdout).toBe('vera\tauditor\tSECRET\t-\t*\tactive\n');
    // An organisation limit: set, shown, refused for an unknown organisation, lifted.
    const limited = rampartIn(
      'a long enough passphrase\n',
      ...['user', 'add', 'ursula', '--role', 'analyst', '--clearance', 'OFFICIAL', '--org', 'org-acme'],
    );
    expect(limited.stderr).toContain('Created ursula (analyst; clearance OFFICIAL; organisations org-acme).');
    expect(rampart('user', 'orgs', 'ursula', 'org-nope').stderr).toContain(
      'organizationIds: no organisation has the id "org-nope"',
    );
    expect(rampart('user', 'list').stdout).toContain('ursula\tanalyst\tOFFICIAL\t-\torg-acme\tactive\n');
    expect(rampart('user', 'orgs', 'ursula', '--all').stderr).toContain(
      'ursula now sees every organisation.',
    );
    expect((await graph.users.byUsername('ursula'))!.organizationIds).toBeNull();
    expect(rampart('user', 'orgs', 'ursula').status).toBe(1);
    const before = (await graph.users.byUsername('vera'))!.passwordHash;
    expect(rampartIn('another long passphrase\n', 'user', 'passwd', 'vera').status).toBe(0);
    expect((await graph.users.byUsername('vera'))!.passwordHash).not.toBe(before);
    expect(rampart('user', 'disable', 'vera').stderr).toContain('Disabled vera');
    expect(rampart('user', 'list').stdout).toContain('\tdisabled');
    const unknown = rampart('user', 'disable', 'nobody');
    expect([unknown.status, unknown.stderr]).toEqual([
      1,
      expect.stringContaining('No user is named nobody.'),
    ]);
  });

  it('records CLI writes in the audit trail; audit list shows them and audit verify finds tampering', async () => {
    // Other suites share the database and may leave records (or a tampered trail) behind.
    await graph.audit.deleteAll();
    await graph.users.deleteAll();
    const raw = (cypher: string, params: Record<string, unknown>) =>
      driverSession(config, (s) => s.run(cypher, params));
    try {
      const actor = `cli:${os.userInfo().username}`;
      expect(rampart('import', path.join(FIXTURES, 'extra-system.yaml')).status).toBe(0);
      expect(rampart('import', '--dry-run', path.join(FIXTURES, 'broken.yaml')).status).toBe(1);
      const secret = 'a long enough passphrase';
      const add = rampartIn(
        `${secret}\n`,
        'user',
        'add',
        'audra',
        '--role',
        'auditor',
        '--clearance',
        'SECRET',
      );
      expect(add.status).toBe(0);

      const listed = rampart('audit', 'list', '--json');
      expect([listed.status, listed.stderr]).toEqual([0, usingLine]);
      expect(listed.stdout).not.toContain(secret);
      const page = JSON.parse(listed.stdout) as Page<AuditRecord>;
      expect(page.totalCount).toBe(3);
      const [user, refused, imported] = page.items.map((i) => i.node); // newest first
      expect(imported).toMatchObject({
        actor,
        action: 'graph:import',
        operation: expect.stringMatching(/^rampart import \S*extra-system\.yaml$/),
        outcome: 'success',
        requestId: null,
        target: 'extra-system.yaml',
        counts: expect.objectContaining({ 'counts.created': 2 }),
        graphHashBefore: expect.stringMatching(/^[0-9a-f]{64}$/),
        graphHashAfter: expect.stringMatching(/^[0-9a-f]{64}$/),
      });
      expect(imported.graphHashAfter).not.toBe(imported.graphHashBefore);
      // A refused dry run is recorded too: a failure that wrote nothing, so with no graph hashes.
      expect(refused).toMatchObject({
        actor,
        action: 'graph:import',
        operation: expect.stringMatching(/broken\.yaml --dry-run$/),
        outcome: 'failure',
        target: 'broken.yaml',
        detail: expect.stringMatching(/^\d+ problems; nothing was written$/),
        graphHashBefore: null,
        graphHashAfter: null,
      });
      expect(user).toMatchObject({
        actor,
        action: 'user:admin',
        operation: 'rampart user add audra --role=auditor --clearance=SECRET',
        outcome: 'success',
        target: 'audra',
        graphHashBefore: null,
      });
      expect([user.seq - refused.seq, refused.seq - imported.seq]).toEqual([1, 1]);

      // The table, a page at a time, and filters.
      const table = rampart('audit', 'list', '--first', '2');
      expect(table.status).toBe(0);
      const lines = table.stdout.trimEnd().split('\n');
      expect(lines[0]).toMatch(/^SEQ +AT +ACTOR +ACTION +OPERATION +OUTCOME +TARGET +DETAIL$/);
      expect(lines[1]).toMatch(
        new RegExp(`^ *${user.seq} +${user.at} +${actor} +user:admin +rampart user add`),
      );
      const next = /^Showing 2 of 3; next page: --after (\S+)$/.exec(lines[3]);
      expect(next).not.toBeNull();
      const rest = rampart('audit', 'list', '--first', '2', '--after', next![1]);
      expect(rest.stdout).toMatch(/extra-system\.yaml +-\nShowing 1 of 3\.\n$/);
      const users = JSON.parse(rampart('audit', 'list', '--action', 'user:admin', '--json').stdout);
      expect(users.totalCount).toBe(1);
      const later = rampart('audit', 'list', '--since', '2999-01-01', '--actor', actor);
      expect([later.status, later.stderr]).toEqual([0, `${usingLine}No audit records match.\n`]);

      // Bad options: commander's usage errors, exit 1 like every other command.
      for (const [args, message] of [
        [['--first', '0'], /--first <n>.*'0' is invalid\. a whole number from 1 to 500/],
        [['--since', 'yesterday'], /--since <iso>.*an ISO date or date-time/],
        [['--after', 'nonsense'], /--after <cursor>.*not a cursor printed by rampart audit list/],
        [['--since', '2026-02-01', '--until', '2026-01-01'], /--since is after --until/],
      ] as const) {
        const bad = rampart('audit', 'list', ...args);
        expect([bad.status, bad.stdout]).toEqual([1, '']);
        expect(bad.stderr).toMatch(message);
      }

      const intact = rampart('audit', 'verify');
      expect([intact.status, intact.stdout]).toEqual([0, 'Audit trail intact: 3 records, chain verified.\n']);

      // An edited record no longer matches its hash...
      await raw('MATCH (r:AuditRecord) WHERE r.seq = $seq SET r.actor = $who', {
        seq: imported.seq,
        who: 'mallory',
      });
      const edited = rampart('audit', 'verify');
      expect(edited.status).toBe(1);
      expect(edited.stdout).toMatch(
        new RegExp(
          `^Audit trail BROKEN at record ${imported.seq}: record ${imported.seq} \\(${imported.at}\\) was altered: ` +
            `its content no longer matches its hash \\(\\d+ records? read\\)\\.\\n$`,
        ),
      );
      // ...until its content is what was sealed again; a record deleted from the middle is missing.
      await raw('MATCH (r:AuditRecord) WHERE r.seq = $seq SET r.actor = $who', {
        seq: imported.seq,
        who: actor,
      });
      expect(rampart('audit', 'verify').status).toBe(0);
      await raw('MATCH (r:AuditRecord) WHERE r.seq = $seq DELETE r', { seq: refused.seq });
      const gap = rampart('audit', 'verify');
      expect(gap.status).toBe(1);
      expect(gap.stdout).toContain(
        `Audit trail BROKEN at record ${refused.seq}: record ${refused.seq} is missing (the chain goes from ${imported.seq} to ${user.seq})`,
      );
    } finally {
      // A tampered trail must not fail later suites' checks.
      await graph.audit.deleteAll();
      await graph.users.deleteAll();
    }
  });
});

describe('rampart CLI: which Neo4j it uses (status, the URI line, the launcher record)', () => {
  const config = testConfig();
  const uri = config.neo4j.uri!;
  let graph: GraphContext;
  const count = async (cypher: string, params: Record<string, unknown> = {}) =>
    driverSession(config, async (s) => (await s.run(cypher, params)).records[0].get(0).toNumber() as number);

  beforeAll(async () => {
    requireBuiltCli();
    graph = await openGraph(config);
  });
  beforeEach(() => freshDemo(graph, config));
  afterAll(() => graph.close());

  it('status prints the URI, how it was found, the Neo4j version, readiness and counts per organisation', async () => {
    const entities = await count('MATCH (n:Entity {organizationId: $org}) RETURN count(n)', {
      org: 'org-acme',
    });
    const relationships = await count('MATCH (:Entity {organizationId: $org})-[r]->() RETURN count(r)', {
      org: 'org-acme',
    });
    const shared = await count('MATCH (n:Entity) WHERE n.organizationId IS NULL RETURN count(n)');
    const sharedOut = await count('MATCH (n:Entity)-[r]->() WHERE n.organizationId IS NULL RETURN count(r)');
    const version = await driverSession(config, async (s) => {
      const [c] = (await s.run('CALL dbms.components() YIELD versions, edition RETURN versions, edition'))
        .records;
      return `${c.get('versions').join(', ')} ${c.get('edition')} edition`;
    });
    expect(entities).toBe(262);

    const r = rampart('status');
    expect([r.status, r.stderr]).toEqual([0, `rampart: using Neo4j at ${uri} (NEO4J_URI)\n`]);
    expect(r.stdout.split('\n')).toEqual([
      `URI: ${uri}`,
      'Resolved by: NEO4J_URI',
      `Neo4j: ${version} (database ${config.neo4j.database})`,
      expect.stringMatching(/^Ready: yes \(schema version \d+, as this build expects\)$/),
      'Organisations:',
      `  org-acme (Acme Water): ${entities} entities, ${relationships} relationships`,
      `  shared threat library: ${shared} entities, ${sharedOut} relationships`,
      '',
    ]);

    const json = rampart('status', '--json');
    expect(json.status).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({
      uri,
      resolvedBy: 'NEO4J_URI',
      neo4j: { name: 'Neo4j Kernel', version: expect.stringMatching(/^5\./) },
      readiness: { database: 'up', ready: true },
      organizations: [{ organizationId: 'org-acme', name: 'Acme Water', entities, relationships }],
      sharedThreatLibrary: { entities: shared, relationships: sharedOut },
    });
  });

  it('a graph command names the Neo4j on stderr, before its work, and leaves stdout to its output', () => {
    const r = rampart('export', '--format', 'yaml');
    expect(r.status).toBe(0);
    expect(r.stderr.split('\n')[0]).toBe(`rampart: using Neo4j at ${uri} (NEO4J_URI)`);
    expect(r.stdout).not.toContain('using Neo4j');
    expect(parse(r.stdout).organization.name).toBe('Acme Water');
  });

  it('without NEO4J_URI, finds the Neo4j recorded in the data folder though NEO4J_LOCAL_PORT differs', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rampart-cli-record-'));
    try {
      const at = new URL(uri);
      const port = Number(at.port || 7687);
      // What a launcher writes once it answers; this live process stands in for its JVM.
      const record = { uri, host: at.hostname, port, pid: process.pid, ownerPid: process.pid };
      const file = path.join(dataDir, 'rampart-neo4j.json');
      fs.writeFileSync(file, JSON.stringify({ ...record, startedAt: new Date().toISOString() }));
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        RAMPART_JWT_SECRET: TEST_JWT_SECRET,
        NEO4J_DOCKER: 'false',
        NEO4J_LOCAL_PORT: String(await freePort()), // nothing listens there
        NEO4J_LOCAL_DATA_DIR: dataDir,
      };
      delete env.NEO4J_URI;
      const r = spawnSync(process.execPath, [CLI, 'status', '--json'], { cwd: ROOT, env, encoding: 'utf8' });
      expect([r.status, r.stderr]).toEqual([
        0,
        `rampart: using Neo4j at ${uri} (local launcher found through ${file})\n`,
      ]);
      expect(JSON.parse(r.stdout)).toMatchObject({
        uri,
        resolvedBy: `local launcher found through ${file}`,
        organizations: [{ organizationId: 'org-acme', entities: 262 }],
      });
      expect(fs.existsSync(file)).toBe(true); // reused, not owned: the record stays
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
