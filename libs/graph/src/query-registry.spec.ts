import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { QueryRegistry, parseCypherFile } from './query-registry';
import { expectedSchemaVersion } from './schema.service';

const HEADER = (name: string) =>
  `// name: ${name}\n// purpose: test query\n// params: none\n// returns: one row\n`;

describe('parseCypherFile', () => {
  it('reads the header and keeps the statement without a trailing semicolon', () => {
    const q = parseCypherFile('f', 'a/b', `${HEADER('a/b')}RETURN 1 AS one;\n`);
    expect(q.header).toMatchObject({
      name: 'a/b',
      purpose: 'test query',
      params: 'none',
      returns: 'one row',
    });
    expect(q.text.endsWith('RETURN 1 AS one')).toBe(true);
  });

  it('refuses a header that lacks a key or names another file', () => {
    expect(() => parseCypherFile('f', 'a/b', '// name: a/b\nRETURN 1')).toThrow(
      /lacks purpose, params, returns/,
    );
    expect(() => parseCypherFile('f', 'a/b', `${HEADER('a/c')}RETURN 1`)).toThrow(
      /names "a\/c" but the file is "a\/b"/,
    );
  });
});

describe('QueryRegistry', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rampart-cypher-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  fs.mkdirSync(path.join(dir, 'schema'));
  fs.mkdirSync(path.join(dir, 'x'));
  fs.writeFileSync(path.join(dir, 'x/one.cypher'), `${HEADER('x/one')}RETURN 1`);
  fs.writeFileSync(
    path.join(dir, 'schema/001-a.cypher'),
    `${HEADER('schema/001-a')}CREATE INDEX a IF NOT EXISTS FOR (n:A) ON (n.a)`,
  );
  fs.writeFileSync(
    path.join(dir, 'schema/002-b.cypher'),
    `${HEADER('schema/002-b')}CREATE INDEX b IF NOT EXISTS FOR (n:B) ON (n.b)`,
  );

  it('loads every file by its path and lists schema files in order', () => {
    const r = new QueryRegistry(dir);
    expect(r.get('x/one').text).toContain('RETURN 1');
    expect(r.schema().map((q) => q.name)).toEqual(['schema/001-a', 'schema/002-b']);
    expect(expectedSchemaVersion(r)).toBe(2);
  });

  it('fails fast on a query the code needs but the folder lacks', () => {
    expect(() => new QueryRegistry(dir).requireAll(['x/one', 'x/two'])).toThrow(
      /Missing Cypher files .*x\/two\.cypher/,
    );
    expect(() => new QueryRegistry(dir).get('nope')).toThrow(/No query named "nope"/);
    expect(() => new QueryRegistry(path.join(dir, 'absent'))).toThrow(/does not exist/);
  });
});
