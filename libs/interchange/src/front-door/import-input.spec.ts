import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { importFormatOf, importInputsOf } from './import-input';

const BUNDLE = '{"type": "bundle", "id": "bundle--1", "objects": []}';
const doc = (text: string, contentType?: string) => ({
  kind: 'document' as const,
  name: 'f',
  text,
  contentType,
});

describe('importFormatOf', () => {
  it('takes a CSV set as CSV, and any document whose top level is a STIX bundle as STIX', () => {
    expect(importFormatOf({ kind: 'csv', name: 'acme', files: [] })).toBe('csv');
    expect(importFormatOf(doc(BUNDLE))).toBe('stix');
    // The content says STIX whatever the content type claims.
    expect(importFormatOf(doc(`\n  ${BUNDLE}`, 'application/yaml'))).toBe('stix');
  });

  it('takes the native format the content type names, ignoring case and parameters', () => {
    expect(importFormatOf(doc('{"organization": {}}', 'Application/JSON; charset=utf-8'))).toBe('json');
    for (const type of ['application/yaml', 'application/x-yaml', 'text/yaml', 'text/x-yaml']) {
      expect(importFormatOf(doc('organization: {}', type))).toBe('yaml');
    }
  });

  it('leaves any other document to the parser (native)', () => {
    expect(importFormatOf(doc('organization: {}'))).toBe('native');
    expect(importFormatOf(doc('organization: {}', 'text/plain'))).toBe('native');
    // A YAML document with type: bundle is not a STIX bundle (those are JSON).
    expect(importFormatOf(doc('type: bundle\n', 'application/yaml'))).toBe('yaml');
  });
});

describe('importInputsOf', () => {
  let root: string;
  const at = (...p: string[]) => path.join(root, ...p);
  const write = (p: string, text: string) => {
    fs.mkdirSync(path.dirname(at(p)), { recursive: true });
    fs.writeFileSync(at(p), text);
  };

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'rampart-inputs-'));
    write('org.yaml', 'organization: {}\n');
    write('bundle.json', BUNDLE);
    write('acme/people.csv', 'id,name\n');
    write('acme/organization.csv', 'id,name\norg-a,Acme\n');
    write('acme/notes.txt', 'not part of the set');
    write('x/systems.csv', 'id,name\nsys-1,Web\n');
    write('x/PEOPLE.CSV', 'id,name\n');
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('groups the arguments in order: a document each, a directory a set, the CSV files one set where the first stands', () => {
    const inputs = importInputsOf([
      at('org.yaml'),
      at('x/systems.csv'),
      at('acme'),
      at('x/PEOPLE.CSV'),
      at('bundle.json'),
    ]);
    expect(inputs.map((i) => [i.target, i.paths])).toEqual([
      ['org.yaml', [at('org.yaml')]],
      ['csv:x', [at('x/systems.csv'), at('x/PEOPLE.CSV')]],
      ['csv:acme', [at('acme')]],
      ['bundle.json', [at('bundle.json')]],
    ]);
  });

  it('reads a document whole, named by its file', () => {
    const [yaml, bundle] = importInputsOf([at('org.yaml'), at('bundle.json')]).map((i) => i.read());
    expect(yaml).toEqual({ kind: 'document', name: 'org.yaml', text: 'organization: {}\n' });
    expect(bundle).toMatchObject({ kind: 'document', name: 'bundle.json', text: BUNDLE });
    expect(importFormatOf(bundle)).toBe('stix');
  });

  it("reads a directory's .csv files in name order, and CSV arguments in their order", () => {
    const [dir, files] = importInputsOf([at('acme'), at('x/systems.csv'), at('x/PEOPLE.CSV')]).map((i) =>
      i.read(),
    );
    expect(dir).toEqual({
      kind: 'csv',
      name: 'acme',
      files: [
        { name: 'organization.csv', text: 'id,name\norg-a,Acme\n' },
        { name: 'people.csv', text: 'id,name\n' },
      ],
    });
    expect(files).toMatchObject({ kind: 'csv', name: 'x' });
    expect(files.kind === 'csv' && files.files.map((f) => f.name)).toEqual(['systems.csv', 'PEOPLE.CSV']);
  });

  it('reads a file only when its input is taken', () => {
    const [input, missing] = importInputsOf([at('org.yaml'), at('gone.yaml')]);
    write('org.yaml', 'organization: {id: later}\n');
    expect(input.read()).toMatchObject({ text: 'organization: {id: later}\n' });
    expect(missing.target).toBe('gone.yaml');
    expect(() => missing.read()).toThrow(/ENOENT/);
  });
});
