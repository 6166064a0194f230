import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ReportsConfig } from '@rampart/config';
import { DomainError, OrganizationScope, ReportRun } from '@rampart/domain';
import { ReportRunRepository } from '@rampart/graph';
import { Redactor } from '@rampart/output';
import { PdfRenderError, ReportData } from '@rampart/reports';
import { runRedacted, runScoped } from '@rampart/access';
import { PostureReportService } from './posture-report.service';
import { ReportsService, renderFailure } from './reports.service';
import { SecurityPlanService } from './security-plan.service';
import { ReportOptions, UncoveredReportService } from './uncovered-report.service';

const NOW = new Date('2026-03-02T08:30:00.123Z');
const SECRET = new Redactor(
  [{ id: 'sys-secret', name: 'Secret Lab', labels: ['System'] }],
  Buffer.alloc(32, 1),
);

/** A report's data as a builder returns it: enough for the JSON format. */
const data = (report: string, opts: ReportOptions) =>
  ({
    report,
    asOf: opts.asOf ?? '2026-03-01',
    parameters: { organizationId: opts.organizationId ?? null, asOf: opts.asOf ?? '2026-03-01' },
    uncovered: [{ asset: { id: 'sys-secret', name: 'Secret Lab' }, note: 'behind Secret Lab' }],
  }) as unknown as ReportData;

// The reports directory, inside a temporary root (a file beside it must never be served).
let root: string;
let dir: string;
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'rampart-reports-'));
  dir = path.join(root, 'reports');
  fs.mkdirSync(dir);
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

function setup(stored: ReportRun[] = []) {
  const built: [string, ReportOptions][] = [];
  const recorded: ReportRun[] = [];
  const listed: unknown[][] = [];
  const builder = (name: string) => ({
    build: async (o: ReportOptions) => (built.push([name, o]), data(name, o)),
  });
  const runs = {
    record: async (r: ReportRun) => (recorded.push(r), { ...r, id: 'stored' }),
    byFile: async (file: string) => stored.find((r) => r.file === file),
    list: async (...a: unknown[]) => (listed.push(a), stored),
  } as unknown as ReportRunRepository;
  const config: ReportsConfig = {
    dir,
    chromiumPath: '/none',
    pdfTimeoutMs: 60_000,
    summaryRows: 100,
    schedules: [],
  };
  const service = new ReportsService(
    config,
    builder('uncovered') as unknown as UncoveredReportService,
    builder('posture') as unknown as PostureReportService,
    builder('plan') as unknown as SecurityPlanService,
    runs,
  );
  return { service, built, recorded, listed };
}

const stored = (file: string, parameters: ReportRun['parameters']): ReportRun => ({
  id: file,
  report: 'posture',
  format: 'json',
  generatedAt: NOW.toISOString(),
  parameters,
  sha256: 'x',
  bytes: 1,
  file,
  trigger: 'schedule',
});

describe('ReportsService.generate', () => {
  it('refuses an unknown report or format before building anything', async () => {
    const { service, built } = setup();
    await expect(service.generate('risks', 'json', { trigger: 'api' })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      message: 'Unknown report "risks"; the reports are uncovered, posture, plan.',
    });
    await expect(service.generate('posture', 'docx', { trigger: 'api' })).rejects.toMatchObject({
      message: 'Unknown format "docx"; the formats are md, html, pdf, csv, json.',
    });
    expect(built).toEqual([]);
  });

  it('builds the named report and records its bytes, digest, parameters and clearance', async () => {
    const { service, built, recorded } = setup();
    const r = await service.generate('plan', 'json', {
      organizationId: 'org-a',
      asOf: '2026-03-01',
      now: NOW,
      trigger: 'cli',
      clearance: 'SECRET',
    });
    expect(built).toEqual([['plan', { organizationId: 'org-a', asOf: '2026-03-01', now: NOW }]]);
    expect(r.content.toString()).toBe(
      `${JSON.stringify(data('plan', { organizationId: 'org-a', asOf: '2026-03-01', now: NOW }), null, 2)}\n`,
    );
    expect(r).toMatchObject({
      contentType: 'application/json; charset=utf-8',
      fileName: 'rampart-plan-org-a-2026-03-01.json',
    });
    expect(recorded).toEqual([
      {
        id: expect.any(String),
        report: 'plan',
        format: 'json',
        generatedAt: NOW.toISOString(),
        parameters: { organizationId: 'org-a', asOf: '2026-03-01', clearance: 'SECRET' },
        sha256: createHash('sha256').update(r.content).digest('hex'),
        bytes: r.content.length,
        file: null,
        trigger: 'cli',
      },
    ]);
    expect(r.run.id).toBe('stored');
  });

  it('records no clearance for the full view, and a safe file name for any organisation id', async () => {
    const { service, recorded } = setup();
    const r = await service.generate('posture', 'json', {
      organizationId: 'org a/b',
      now: NOW,
      trigger: 'cli',
    });
    expect(r.fileName).toBe('rampart-posture-org_a_b-2026-03-01.json');
    expect(recorded[0].parameters).not.toHaveProperty('clearance');
    await service.generate('uncovered', 'json', { now: NOW, trigger: 'api', clearance: null });
    expect(recorded[1].parameters).toEqual({ organizationId: null, asOf: '2026-03-01', clearance: null });
  });

  it('redacts the data before any format sees it', async () => {
    const { service } = setup();
    const r = await runRedacted(SECRET, () =>
      service.generate('uncovered', 'json', { now: NOW, trigger: 'api' }),
    );
    const text = r.content.toString();
    expect(text).not.toMatch(/Secret Lab|sys-secret/);
    expect(JSON.parse(text).uncovered[0].asset).toMatchObject({
      id: SECRET.pseudonym('sys-secret'),
      restricted: true,
    });
  });

  it("names the organisations a limited reader's report covers", async () => {
    const { service, recorded } = setup();
    const limited = OrganizationScope.of(['org-b', 'org-a']);
    await runScoped(limited, () => service.generate('posture', 'json', { now: NOW, trigger: 'api' }));
    await runScoped(limited, () =>
      service.generate('posture', 'json', { organizationId: 'org-a', now: NOW, trigger: 'api' }),
    );
    expect(recorded.map((r) => r.parameters.organizations)).toEqual(['org-a,org-b', undefined]);
  });

  it('writes into the reports directory under a time-stamped name, whole, and records the file', async () => {
    const { service, recorded } = setup();
    const r = await service.generateToDir('posture', 'json', { now: NOW, trigger: 'schedule' });
    const file = path.join(dir, 'rampart-posture-2026-03-01-20260302T083000Z.json');
    expect(recorded[0].file).toBe(file);
    expect(fs.readFileSync(file)).toEqual(r.content);
    expect(fs.readdirSync(dir)).toEqual([path.basename(file)]);
  });
});

describe('ReportsService.storedFile and list', () => {
  const put = (name: string) => {
    fs.writeFileSync(path.join(dir, name), '{}');
    return path.join(dir, name);
  };

  it('serves only plain names of report files that exist and were recorded', async () => {
    const file = put('a.json');
    const outside = path.join(root, 'outside.json');
    fs.writeFileSync(outside, '{}');
    // Every one recorded and on disk: only the name rules refuse them.
    const refused = [outside, put('.hidden.json'), put('b.txt'), put('a b.json')];
    const { service } = setup([file, ...refused].map((f) => stored(f, { clearance: null })));
    expect(await service.storedFile('a.json', { clearance: 'OFFICIAL' })).toEqual({
      file,
      contentType: 'application/json; charset=utf-8',
    });
    for (const base of ['../outside.json', '.hidden.json', 'b.txt', 'a b.json', 'missing.json']) {
      await expect(service.storedFile(base, { clearance: 'TOP_SECRET' })).rejects.toMatchObject({
        code: 'NOT_FOUND',
        message: `No generated report is named ${JSON.stringify(base)}.`,
      });
    }
    put('unrecorded.csv');
    await expect(service.storedFile('unrecorded.csv', { clearance: 'TOP_SECRET' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('serves a file made for a clearance only to readers cleared as high', async () => {
    const { service } = setup([
      stored(put('s.md'), { clearance: 'SECRET' }),
      stored(put('odd.md'), { clearance: 'COSMIC' }),
    ]);
    await expect(service.storedFile('s.md', { clearance: 'TOP_SECRET' })).resolves.toMatchObject({
      contentType: 'text/markdown; charset=utf-8',
    });
    await expect(service.storedFile('s.md', { clearance: 'SECRET' })).resolves.toBeDefined();
    await expect(service.storedFile('s.md', { clearance: 'OFFICIAL' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(service.storedFile('odd.md', { clearance: 'TOP_SECRET' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('serves a file made with the full view only to a reader who sees everything, in view', async () => {
    const { service } = setup([
      stored(put('full.csv'), {}),
      stored(put('b.csv'), { organizationId: 'org-b' }),
    ]);
    await expect(service.storedFile('full.csv', { clearance: 'OFFICIAL' })).resolves.toMatchObject({
      contentType: 'text/csv; charset=utf-8',
    });
    await expect(
      runRedacted(SECRET, () => service.storedFile('full.csv', { clearance: 'TOP_SECRET' })),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    const onlyA = OrganizationScope.of(['org-a']);
    await expect(
      runScoped(onlyA, () => service.storedFile('b.csv', { clearance: 'TOP_SECRET' })),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('lists runs in view, within 1 to 1000', async () => {
    const runs = [
      stored('/r/1', { organizationId: 'org-a' }),
      stored('/r/2', {}),
      stored('/r/3', { organizations: 'org-a,org-b' }),
    ];
    const { service, listed } = setup(runs);
    expect((await service.list(undefined, 5)).map((r) => r.file)).toEqual(['/r/1', '/r/2', '/r/3']);
    const onlyA = await runScoped(OrganizationScope.of(['org-a']), () => service.list('posture', 20));
    expect(onlyA.map((r) => r.file)).toEqual(['/r/1']);
    expect(listed).toEqual([
      [null, 5],
      ['posture', 20],
    ]);
    expect(() => service.list(undefined, 1001)).toThrow(
      'first must be a whole number from 1 to 1000; got 1001.',
    );
  });
});

describe('a report that fails to render', () => {
  it('says in one line which report and format, why, and the setting to change', () => {
    const timeout = new PdfRenderError(
      'timeout',
      'timed out after 30000 ms (chromium did not finish)',
      30_000,
    );
    expect(renderFailure('uncovered', 'pdf', timeout)).toMatchObject({
      code: 'REPORT_RENDER_FAILED',
      message:
        'PDF rendering of report uncovered timed out after 30000 ms (chromium did not finish); ' +
        'raise RAMPART_PDF_TIMEOUT_MS, or narrow the report to one organisation',
      details: { report: 'uncovered', format: 'pdf', reason: 'timeout' },
    });
    const missing = new PdfRenderError('no-chromium', 'needs chromium, and there is no executable at /x', 1);
    expect(renderFailure('plan', 'pdf', missing).message).toBe(
      'PDF rendering of report plan needs chromium, and there is no executable at /x',
    );
    const launch = new PdfRenderError('launch', 'failed: chromium at /x did not start:\n  log line\n', 1);
    expect(renderFailure('posture', 'pdf', launch).message).toBe(
      'PDF rendering of report posture failed: chromium at /x did not start: log line; check RAMPART_CHROMIUM_PATH',
    );
    const bug = new Error('Cannot read x\n    at render (html-renderer.ts:1:1)');
    expect(renderFailure('posture', 'html', bug).message).toBe(
      'HTML rendering of report posture failed: Cannot read x',
    );
    const own = new DomainError('QUERY_TIMEOUT', 'slow');
    expect(renderFailure('posture', 'html', own)).toBe(own);
  });

  it('fails generate with that one line, and records no run', async () => {
    const { service, recorded } = setup();
    // The stand-in data has no summary: Markdown cannot be written from it.
    const failure = await service.generate('uncovered', 'md', { trigger: 'cli' }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(DomainError);
    expect(failure).toMatchObject({
      code: 'REPORT_RENDER_FAILED',
      details: { report: 'uncovered', format: 'md' },
    });
    expect((failure as Error).message).toMatch(/^MD rendering of report uncovered failed: [^\n]+$/);
    expect(recorded).toEqual([]);
  });
});
