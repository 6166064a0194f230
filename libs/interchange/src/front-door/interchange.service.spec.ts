import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DomainError, OrganizationScope } from '@rampart/domain';
import { ExportScope } from '@rampart/graph';
import { Exporter, ExportRedaction } from '../export/exporter';
import { ImportOptions, ImportReport, NativeImporter } from '../native/native-importer';
import { ParsedFile } from '../native/parse-file';
import { StixImporter } from '../stix/stix-importer';
import { InterchangeService } from './interchange.service';

const BUNDLE = JSON.stringify({ type: 'bundle', id: 'bundle--1', objects: [] });
const YAML = 'organization:\n  id: org-a\n  name: Acme\n';

const report = (file: string, over: Partial<ImportReport> = {}): ImportReport => ({
  file,
  ok: true,
  dryRun: false,
  source: file,
  issues: [],
  entities: 1,
  relationships: 0,
  ...over,
});

/** Importers that record what reached them, by pipeline. */
function setup(nativeReport: Partial<ImportReport> = {}, firstImport = false) {
  const calls: unknown[][] = [];
  const native = {
    // A first import answers entry by entry; anything else (undefined) is read whole.
    importFirstJsonFile: async (file: string, o: ImportOptions, name: string) => (
      calls.push(['native.first', file, o, name]),
      firstImport ? report(name, nativeReport) : undefined
    ),
    importText: async (name: string, text: string, o: ImportOptions) => (
      calls.push(['native.text', name, text, o]),
      report(name, nativeReport)
    ),
    validateJsonFile: async (file: string, o: ImportOptions) => (
      calls.push(['native.stream', file, o]),
      report(file, nativeReport)
    ),
    importJsonFile: async (file: string, o: ImportOptions) => (
      calls.push(['native.streamWrite', file, o]),
      report(file, nativeReport)
    ),
    importParsed: async (parsed: ParsedFile, o: ImportOptions) => (
      calls.push(['native.parsed', parsed.file, o]),
      report(parsed.file, nativeReport)
    ),
  } as unknown as NativeImporter;
  const stix = {
    importText: async (...a: unknown[]) => (calls.push(['stix', ...a]), { file: a[0], threats: 3 }),
  } as unknown as StixImporter;
  const exporter = {
    export: async (...a: unknown[]) => (calls.push(['export', ...a]), { files: [] }),
  } as unknown as Exporter;
  return { service: new InterchangeService(native, stix, exporter), calls };
}

const doc = (text: string, contentType?: string) => ({
  kind: 'document' as const,
  name: 'acme.yaml',
  text,
  contentType,
});

describe('InterchangeService.import', () => {
  it('refuses an empty document and a CSV set without files, importing nothing', async () => {
    const { service, calls } = setup();
    const empty = (await service.import(doc('  \n')).catch((e: unknown) => e)) as DomainError;
    expect(empty).toBeInstanceOf(DomainError);
    expect(empty).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(empty.message).toMatch(/^acme\.yaml is empty: /);
    const noFiles = (await service
      .import({ kind: 'csv', name: 'acme', files: [] })
      .catch((e: unknown) => e)) as DomainError;
    expect(noFiles).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(noFiles.message).toMatch(/^acme: a CSV set needs its files \(organization\.csv, org-units\.csv, /);
    expect(calls).toEqual([]);
  });

  it('takes a document in the format its content type names, else leaves the choice to the parser', async () => {
    const { service, calls } = setup();
    const request = { organizationId: 'org-a', dryRun: true, clearance: 'SECRET' };
    const json = await service.import(
      doc('{"organization": {}}', 'application/json; charset=utf-8'),
      request,
    );
    const yaml = await service.import(doc(YAML, 'text/x-yaml'), request);
    const other = await service.import(doc(YAML, 'text/plain'), request);
    expect([json.format, yaml.format, other.format]).toEqual(['json', 'yaml', 'native']);
    expect(calls.map((c) => (c[3] as ImportOptions).format)).toEqual(['json', 'yaml', undefined]);
    expect(calls[0]).toEqual([
      'native.text',
      'acme.yaml',
      '{"organization": {}}',
      { ...request, format: 'json' },
    ]);
  });

  it('answers with the native report and its ok', async () => {
    const { service } = setup({ ok: false, issues: [{ file: 'acme.yaml', path: 'x', message: 'bad' }] });
    const outcome = await service.import(doc(YAML));
    expect(outcome).toMatchObject({
      format: 'native',
      ok: false,
      report: { file: 'acme.yaml', issues: [{ message: 'bad' }] },
    });
  });

  it('sends a STIX bundle to the threat library with the options it takes', async () => {
    const { service, calls } = setup();
    const onProgress = () => undefined;
    const outcome = await service.import(doc(BUNDLE, 'application/json'), {
      organizationId: 'org-a',
      source: 'attack',
      prune: true,
      dryRun: false,
      clearance: null,
      onProgress,
    });
    expect(outcome).toEqual({ format: 'stix', ok: true, report: { file: 'acme.yaml', threats: 3 } });
    expect(calls).toEqual([
      [
        'stix',
        'acme.yaml',
        BUNDLE,
        { source: 'attack', prune: true, dryRun: false, onProgress, clearance: null },
      ],
    ]);
  });

  it('gives the STIX importer no clearance when the caller has full rights', async () => {
    const { service, calls } = setup();
    await service.import(doc(BUNDLE), { organizations: OrganizationScope.ALL });
    expect(calls[0][3]).not.toHaveProperty('clearance');
  });

  it('refuses a STIX bundle from an account limited to some organisations', async () => {
    const { service, calls } = setup();
    const e = await service
      .import(doc(BUNDLE), { organizations: OrganizationScope.of(['org-a']) })
      .catch((x: DomainError) => x);
    expect(e).toMatchObject({ code: 'FORBIDDEN' });
    expect((e as DomainError).message).toMatch(/^The threat library is shared by every organisation/);
    expect(calls).toEqual([]);
  });

  it('imports a CSV set as one native document named after the set, its source csv:<set>', async () => {
    const { service, calls } = setup();
    const organizations = OrganizationScope.of(['org-a']);
    const outcome = await service.import(
      { kind: 'csv', name: 'acme', files: [{ name: 'organization.csv', text: 'id,name\norg-a,Acme\n' }] },
      { organizations, clearance: 'OFFICIAL' },
    );
    expect(outcome).toMatchObject({ format: 'csv', ok: true });
    expect(calls).toEqual([
      [
        'native.parsed',
        expect.any(String),
        { organizations, clearance: 'OFFICIAL', source: 'csv:acme', dryRun: false },
      ],
    ]);
  });
});

describe('InterchangeService.export', () => {
  it('hands the format, scope and redaction to the exporter', async () => {
    const { service, calls } = setup();
    const scope: ExportScope = { organizationId: 'org-a', source: 'acme.yaml' };
    const redaction = {} as ExportRedaction;
    expect(await service.export('graphml', scope, redaction)).toEqual({ files: [] });
    expect(calls).toEqual([['export', 'graphml', scope, redaction]]);
  });
});

describe('InterchangeService.validateFile and importFile', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rampart-validate-file-'));
  const write = (name: string, text: string) => {
    fs.writeFileSync(path.join(dir, name), text);
    return path.join(dir, name);
  };
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reads a native JSON file entry by entry, by its name or its content', async () => {
    const { service, calls } = setup();
    const named = await service.validateFile(write('org.json', '{"format":"rampart/v1"}'), {
      organizationId: 'o',
    });
    await service.validateFile(write('org', '  {"format":"rampart/v1"}'));
    expect(named).toMatchObject({ format: 'json', ok: true });
    expect(calls.map((c) => c.slice(0, 2))).toEqual([
      ['native.stream', path.join(dir, 'org.json')],
      ['native.stream', path.join(dir, 'org')],
    ]);
    expect(calls[0][2]).toEqual({ organizationId: 'o', dryRun: true });
  });

  it('imports a native JSON file entry by entry too, prune included; a dry run with prune reads it whole', async () => {
    const { service, calls } = setup();
    const file = write('w.json', '{"format":"rampart/v1"}');
    await service.importFile(file, { prune: true, organizationId: 'o' });
    await service.importFile(file, { prune: true, dryRun: true });
    await service.importFile(write('w.yaml', YAML));
    expect(calls.map((c) => c.slice(0, 2))).toEqual([
      ['native.streamWrite', file],
      ['native.text', 'w.json'],
      ['native.text', 'w.yaml'],
    ]);
    expect(calls[0][2]).toEqual({ prune: true, organizationId: 'o' });
  });

  it('reads YAML, a STIX bundle and any file with clearance, prune or a limited scope whole, as a dry run', async () => {
    const { service, calls } = setup();
    await service.validateFile(write('org.yaml', YAML));
    await service.validateFile(write('bundle.json', BUNDLE));
    await service.validateFile(write('a.json', '{"format":"rampart/v1"}'), { clearance: null });
    await service.validateFile(write('b.json', '{"format":"rampart/v1"}'), { prune: true });
    const limited = OrganizationScope.of(['o']);
    await service.validateFile(write('c.json', '{"format":"rampart/v1"}'), { organizations: limited });
    expect(calls.map((c) => c[0])).toEqual([
      'native.text',
      'stix',
      // With a clearance or a limited scope: entry by entry only when it is a first import.
      'native.first',
      'native.text',
      'native.text',
      'native.first',
      'native.text',
    ]);
    expect(calls.filter((c) => c[0] === 'native.text').every((c) => (c[3] as ImportOptions).dryRun)).toBe(
      true,
    );
  });

  it('takes an upload that is a first import entry by entry, under its own name and content type', async () => {
    const { service, calls } = setup({}, true);
    const spooled = write('rampart-upload-1', '{"format":"rampart/v1"}');
    const outcome = await service.importFile(spooled, { clearance: 'OFFICIAL' }, { name: 'acme' });
    expect(outcome).toMatchObject({ format: 'json', ok: true, report: { file: 'acme' } });
    expect(calls.map((c) => [c[0], c[3]])).toEqual([['native.first', 'acme']]);
    // A content type naming YAML reads the file whole, whatever it looks like.
    await service.importFile(
      spooled,
      { clearance: 'OFFICIAL' },
      { name: 'acme', contentType: 'application/yaml' },
    );
    expect(calls.map((c) => c[0])).toEqual(['native.first', 'native.text']);
  });
});
