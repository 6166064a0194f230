import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';
import { GraphContext } from '@rampart/graph';
import { TEST_JWT_SECRET, freshDemo, openGraph, testConfig } from '../support/test-graph';

const ROOT = path.resolve(__dirname, '../..');
const CLI = path.join(ROOT, 'dist/apps/cli/src/main.js');
const FIXTURES = path.join(__dirname, '../fixtures/import');
const ENV = { ...process.env, RAMPART_JWT_SECRET: TEST_JWT_SECRET };
const rampart = (...args: string[]) =>
  spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, env: ENV, encoding: 'utf8' });
/** With stdin (a password for `user add` / `user passwd`). */
const rampartIn = (input: string, ...args: string[]) =>
  spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, env: ENV, encoding: 'utf8', input });

describe('rampart CLI: validate, import, export', () => {
  const config = testConfig();
  let graph: GraphContext;

  beforeAll(async () => {
    if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build first (npm test does).`);
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

  it('import writes a valid file and says what changed; the same import again changes nothing', () => {
    const file = path.join(FIXTURES, 'extra-system.yaml');
    const first = rampart('import', file);
    expect(first.status).toBe(0);
    expect(first.stderr).toContain('extra-system.yaml: 2 created, 0 updated, 0 unchanged, 3 relationships');
    const again = rampart('import', file);
    expect(again.stderr).toContain('extra-system.yaml: 0 created, 0 updated, 2 unchanged');
  });

  it('export writes every format to a file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rampart-cli-'));
    const out = path.join(dir, 'org.yaml');
    const r = rampart('export', '--format', 'yaml', '--out', out);
    expect(r.status).toBe(0);
    expect(parse(fs.readFileSync(out, 'utf8')).organization.name).toBe('Acme Water');
    const bad = rampart('export', '--format', 'pdf');
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toMatch(/Allowed choices are yaml, json, cytoscape, graphml/);
    fs.rmSync(dir, { recursive: true, force: true });
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

  it('user add|list|passwd|disable manage accounts; passwords come from stdin, never arguments', async () => {
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
      expect.stringContaining('Created vera (auditor; clearance SECRET).'),
    ]);
    const weak = rampartIn('short\n', 'user', 'add', 'walt', '--role', 'analyst', '--clearance', 'OFFICIAL');
    expect(weak.status).toBe(1);
    expect(weak.stderr).toContain('password: password is shorter than 12 characters');
    expect(rampart('user', 'list').stdout).toBe('vera\tauditor\tSECRET\t-\tactive\n');
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
});
