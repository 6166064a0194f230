import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { INestApplication } from '@nestjs/common';
import TestAgent from 'supertest/lib/agent';
import { GraphContext } from '@rampart/graph';
import { NORMAL_QUERY, usualTime, whileAttacking } from '../support/abuse';
import { authed, signInAs, startDemoApp } from '../support/test-app';
import { testConfig } from '../support/test-graph';
import { binaryBody, zipTexts } from '../support/zip-entries';

const nested = (n: number) => '['.repeat(n) + ']'.repeat(n);
const bomb = ['format: rampart/v1', 'a: &a [x, x, x, x, x, x, x, x, x]']
  .concat('bcdefgh'.split('').map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcdefgh'[i]}`).join(', ')}]`))
  .join('\n');

/** What a normal user may wait while an attack runs: its usual time, generously (a noisy machine). */
const allowance = (usual: number) => Math.max(2_000, usual * 10);

// Issue 19: hostile and careless input gets a clear 4xx; the service stays up and keeps answering.
describe('abuse: hostile input to the import, the exports and GraphQL', () => {
  const config = testConfig();
  // A small queue so that the concurrent imports below meet it.
  config.importQueue = { concurrency: 1, queueLength: 1, waitSeconds: 30 };
  let app: INestApplication;
  let graph: GraphContext;
  let attacker: TestAgent;
  let attackerToken: string;
  let normal: TestAgent;
  let usual: number;

  const importBody = (body: string | Buffer, type = 'application/yaml') =>
    attacker.post('/api/import?dryRun=true').set('content-type', type).send(body);

  beforeAll(async () => {
    ({ app, graph } = await startDemoApp(config));
    attackerToken = (await signInAs(app, 'analyst')).accessToken;
    attacker = authed(app, attackerToken);
    normal = authed(app, (await signInAs(app, 'rse')).accessToken);
    usual = await usualTime(normal);
  });
  afterAll(() => app?.close());

  it.each([
    ['a YAML alias bomb', bomb, 'application/yaml', 'not valid YAML: Excessive alias count'],
    [
      'YAML nested 10,000 deep',
      `format: rampart/v1\nx: ${nested(10_000)}`,
      'application/yaml',
      'nested deeper than 32 levels',
    ],
    [
      'JSON nested 100,000 deep',
      `{"format": "rampart/v1", "x": ${nested(100_000)}}`,
      'application/json',
      'nested deeper than 32 levels',
    ],
    [
      'duplicate keys in JSON',
      '{"format": "rampart/v1", "systems": [{"id": "s-1", "name": "A", "name": "B"}]}',
      'application/json',
      'duplicate key "name"',
    ],
    [
      'a NUL byte in a name',
      '{"format": "rampart/v1", "systems": [{"id": "s-1", "name": "A\\u0000B"}]}',
      'application/json',
      'control character U+0000',
    ],
    [
      'a 2 MB name (refused while scanning, before parsing)',
      JSON.stringify({ format: 'rampart/v1', systems: [{ id: 's-1', name: 'x'.repeat(2_000_000) }] }),
      'application/json',
      'not a valid JSON organisation file: a text value longer than 10000 characters',
    ],
    [
      'a 10,500-character name',
      `format: rampart/v1\nsystems:\n  - id: s-1\n    name: ${'x'.repeat(10_500)}\n`,
      'application/yaml',
      'systems[0].name: text of 10500 characters; at most 10000',
    ],
  ])(
    '%s: 422 with a clear issue, while a normal user keeps being answered',
    async (_what, body, type, message) => {
      const { result, slowestMs } = await whileAttacking(normal, () => importBody(body, type));
      expect(result.status).toBe(422);
      const issues = (result.body.issues as { path: string; message: string }[]).map((i) =>
        i.path ? `${i.path}: ${i.message}` : i.message,
      );
      expect(issues.join('\n')).toContain(message);
      expect(slowestMs).toBeLessThan(allowance(usual));
    },
  );

  it('a STIX bundle holding null: 400 naming the object, nothing imported', async () => {
    const res = await importBody(
      JSON.stringify({ type: 'bundle', id: 'bundle--x', objects: [null] }),
      'application/json',
    );
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(
      'upload: objects[0] is not a STIX object (each needs a "type" and an "id"); nothing was imported',
    );
  });

  it('three concurrent 99 MB imports of one huge field: refused at once, memory bounded, others answered', async () => {
    // Sent by curl processes, so the client's work does not weigh on the service's event loop.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rampart-abuse-'));
    const file = path.join(dir, 'huge.json');
    fs.writeFileSync(
      file,
      `{"format": "rampart/v1", "systems": [{"id": "s-1", "name": "${'x'.repeat(99_000_000)}"}]}`,
    );
    // A server of its own on the app's handler: the app's own stays for the other tests.
    const server = http.createServer(app.getHttpAdapter().getInstance());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/api/import?dryRun=true`;
    const curl = () =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const args = [
          '-s',
          '-X',
          'POST',
          '--data-binary',
          `@${file}`,
          '-H',
          'content-type: application/json',
        ];
        args.push('-H', `authorization: Bearer ${attackerToken}`, '-w', '\n%{http_code}', url);
        execFile('curl', args, { maxBuffer: 10_000_000 }, (err, out) => {
          if (err) return reject(err);
          const lines = out.trimEnd().split('\n');
          resolve({ status: Number(lines.pop()), body: lines.join('\n') });
        });
      });
    try {
      const before = process.memoryUsage().rss;
      const { result, slowestMs } = await whileAttacking(normal, () => Promise.all([curl(), curl(), curl()]));
      const statuses = result.map((r) => r.status).sort();
      expect(statuses.every((st) => st === 422 || st === 429)).toBe(true);
      expect(statuses).toContain(422);
      for (const r of result.filter((x) => x.status === 422))
        expect(JSON.parse(r.body).issues[0].message).toContain('a text value longer than 10000 characters');
      // One body in memory at a time (the rest wait unread): far from three copies, let alone a crash.
      expect(process.memoryUsage().rss - before).toBeLessThan(1_500_000_000);
      expect(slowestMs).toBeLessThan(allowance(usual));
    } finally {
      server.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('concurrent imports run one at a time: the next waits, the rest get 429 with Retry-After', async () => {
    const body = JSON.stringify({
      format: 'rampart/v1',
      systems: Array.from({ length: 2_000 }, (_, i) => ({ id: `sys-load-${i}`, name: `Load ${i}` })),
    });
    const { result, slowestMs } = await whileAttacking(normal, () =>
      Promise.all([1, 2, 3, 4].map(() => importBody(body, 'application/json'))),
    );
    const statuses = result.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 200, 429, 429]); // one ran, one waited its turn, two found the queue full
    for (const r of result.filter((x) => x.status === 429)) {
      expect(r.headers['retry-after']).toMatch(/^\d+$/);
      expect(r.body.error.message).toContain('RAMPART_IMPORT_CONCURRENCY=1');
    }
    expect(slowestMs).toBeLessThan(allowance(usual));
  });

  it('exports escape formula cells and stay valid XML; the CSV set still imports to the same', async () => {
    const evil = '=HYPERLINK("http://evil","x")';
    const r = await attacker.post('/graphql').send({
      query: `mutation { updateEntity(id: "sys-crm", set: {name: ${JSON.stringify(evil)}}) { id } }`,
    });
    expect(r.body.errors).toBeUndefined();
    const zip = await attacker.get('/api/export?format=csv').buffer(true).parse(binaryBody).expect(200);
    const systems = zipTexts(zip.body as Buffer).find((f) => f.name === 'systems.csv')!.text;
    expect(systems).toContain(`"'=HYPERLINK(""http://evil"",""x"")"`);
    expect(systems).not.toMatch(/(^|,)"?=HYPERLINK/m);
    const report = await attacker.get('/api/reports/uncovered?format=csv').expect(200);
    expect(report.text).not.toMatch(/(^|,)"?=HYPERLINK/m);
    // Read back: the guard is dropped, the name is what it was.
    const files = zipTexts(zip.body as Buffer);
    let req = attacker.post('/api/import?dryRun=true&filename=org-acme');
    for (const f of files) req = req.attach('files', Buffer.from(f.text), f.name);
    const back = await req;
    expect(back.status).toBe(200);
    const exported = await attacker.get('/api/export?format=json').expect(200);
    expect(exported.body.systems.find((s: { id: string }) => s.id === 'sys-crm').name).toBe(evil);
  });

  it('a subscription is a 400, not an internal error; nothing internal reaches a client', async () => {
    const sub = await attacker.post('/graphql').send({ query: 'subscription { posture { assets } }' });
    expect(sub.status).toBe(400);
    expect(sub.body.errors[0]).toMatchObject({
      message: 'Subscriptions are not supported: ask with a query.',
      extensions: { code: 'UNSUPPORTED_OPERATION' },
    });
    // A JSON input nested far beyond anything a file needs (sent as text: too deep to stringify).
    const deep = '{"a":'.repeat(20_000) + '"x"' + '}'.repeat(20_000);
    const edit = await attacker
      .post('/graphql')
      .set('content-type', 'application/json')
      .send(
        `{"query": "mutation($s: JSONObject) { updateEntity(id: \\"sys-crm\\", set: $s) { id } }", "variables": {"s": ${deep}}}`,
      );
    expect(edit.status).toBeLessThan(500);
    expect(edit.text).not.toMatch(/call stack|at \w+ \(|node_modules/);
    // Still serving.
    expect((await normal.post('/graphql').send({ query: NORMAL_QUERY })).body.errors).toBeUndefined();
    expect((await graph.entities.get(['sys-crm'])).size).toBe(1);
  });
});
