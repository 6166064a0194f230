// The layering rules of docs/architecture.md ("The map"), read from its table so that the
// document and the check cannot disagree. Run by `npm run lint:arch` (part of `npm run lint`).
const fs = require('node:fs');
const path = require('node:path');

const DOC = path.join(__dirname, 'docs/architecture.md');

/** Rows `| \`folder\` | job | \`allowed\` \`allowed\` |` of the table under "## The map". */
function layers() {
  const text = fs.readFileSync(DOC, 'utf8');
  const map = text.slice(text.indexOf('## The map'), text.indexOf('\n## ', text.indexOf('## The map') + 1));
  const rows = map.split('\n').filter((l) => /^\|\s*`[^`]+`\s*\|/.test(l));
  if (rows.length < 10) throw new Error(`${DOC}: the layer table under "## The map" is missing or short`);
  return rows.map((row) => {
    const cells = row.split('|').slice(1, -1);
    const folder = /`([^`]+)`/.exec(cells[0])[1];
    const allowed = [...cells[2].matchAll(/`([^`]+)`/g)].map((m) => m[1]);
    return { folder, allowed };
  });
}

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const table = layers();
const governed = table.map((l) => l.folder);

// A lib or app the table does not name would be unchecked both ways: refuse to run instead.
const folders = ['apps', 'libs'].flatMap((top) =>
  fs
    .readdirSync(path.join(__dirname, top), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => `${top}/${d.name}`),
);
const unnamed = folders.filter((f) => !governed.includes(f));
if (unnamed.length) throw new Error(`${DOC}: the layer table names no row for ${unnamed.join(', ')}`);

module.exports = {
  forbidden: [
    ...table.map(({ folder, allowed }) => ({
      name: `layer:${folder}`,
      comment: `${folder} may import ${allowed.length ? allowed.join(', ') : 'no other folder'} (docs/architecture.md, "The map").`,
      severity: 'error',
      from: { path: `^${escape(folder)}/` },
      to: {
        path: '^(apps/[^/]+|libs/[^/]+|bench)/',
        pathNot: `^(${[folder, ...allowed].map(escape).join('|')})/`,
      },
    })),
    {
      name: 'no-unresolvable',
      comment: 'An import that resolves to nothing is a typo or a missing dependency.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist|dist-bench|coverage)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json', '.d.ts'],
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'types', 'default'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    moduleSystems: ['cjs', 'es6'],
  },
};
