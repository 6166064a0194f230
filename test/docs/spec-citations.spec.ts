import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const SPEC_DIR = path.join(ROOT, 'docs/spec');
const SPEC_FILES = ['analytics.md', 'domain.md', 'import-format.md'];
const SCANNED = ['apps', 'libs', 'cypher', 'docs', 'test', 'bench', 'tools/neo4j-local/src', 'README.md'];
const SKIP = /(^|\/)(node_modules|dist|target|spec)(\/|$)|\.(png|svg|pdf|zip|jar)$/;

function filesUnder(rel: string): string[] {
  const abs = path.join(ROOT, rel);
  if (!fs.existsSync(abs)) return [];
  if (fs.statSync(abs).isFile()) return [rel];
  return fs
    .readdirSync(abs)
    .filter((name) => !SKIP.test(name))
    .flatMap((name) => filesUnder(path.join(rel, name)));
}

/** `## 3. Path metrics` -> "3"; a `### 3.2 ...` -> "3.2". */
function sectionsOf(file: string): Set<string> {
  const text = fs.readFileSync(path.join(SPEC_DIR, file), 'utf8');
  return new Set([...text.matchAll(/^#{2,4}\s+(\d+(?:\.\d+)*)\.?\s/gm)].map((m) => m[1]));
}

interface Citation {
  where: string;
  prefix: string;
  file: string;
  section?: string;
}

/** Every mention of a specification file, with the path before it and the section after it. */
function citations(): Citation[] {
  const found: Citation[] = [];
  const names = SPEC_FILES.map((f) => f.replace('.', '\\.')).join('|');
  const pattern = new RegExp(`([\\w./-]*?)\\b(${names})(?:\\s*§\\s*(\\d+(?:\\.\\d+)*))?`, 'g');
  for (const rel of SCANNED.flatMap(filesUnder)) {
    if (rel === 'test/docs/spec-citations.spec.ts') continue;
    const lines = fs.readFileSync(path.join(ROOT, rel), 'utf8').split('\n');
    lines.forEach((line, i) => {
      for (const m of line.matchAll(pattern)) {
        found.push({ where: `${rel}:${i + 1}`, prefix: m[1], file: m[2], section: m[3] });
      }
    });
  }
  return found;
}

describe('the specification in docs/spec', () => {
  const all = citations();
  const sections = new Map(SPEC_FILES.map((f) => [f, sectionsOf(f)]));

  it('is in the repository', () => {
    for (const f of SPEC_FILES) expect(fs.existsSync(path.join(SPEC_DIR, f))).toBe(true);
    expect(sections.get('analytics.md')).toEqual(new Set(['1', '2', '3', '4', '5', '6', '7', '8', '9']));
  });

  it('is cited often enough for this check to mean something', () => {
    expect(all.filter((c) => c.section).length).toBeGreaterThan(50);
  });

  it('is cited by sections that exist', () => {
    const missing = all
      .filter((c) => c.section && !sections.get(c.file)!.has(c.section))
      .map((c) => `${c.where}: ${c.file} §${c.section}`);
    expect(missing).toEqual([]);
  });

  it('is cited in docs/spec, not elsewhere', () => {
    // docs/ files cite spec/x.md (relative); every other file docs/spec/x.md; links may start with ./ or ../
    const wrong = all
      .filter((c) => !/(^|\/)(docs\/)?spec\/$/.test(c.prefix))
      .filter((c) => !(c.where.startsWith('docs/spec/') && c.prefix === ''))
      .map((c) => `${c.where}: ${c.prefix}${c.file}`);
    expect(wrong).toEqual([]);
  });
});
