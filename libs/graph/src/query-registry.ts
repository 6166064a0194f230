import * as fs from 'node:fs';
import * as path from 'node:path';
import { DomainError } from '@rampart/domain';

/** One `.cypher` file: `name` is its path below cypher/ without the extension. */
export interface NamedQuery {
  name: string;
  file: string;
  text: string;
  /** Findings rules add id, title, severity and clause. */
  header: {
    name: string;
    purpose: string;
    params: string;
    returns: string;
    [key: string]: string | undefined;
  };
}

const HEADER_KEYS = ['name', 'purpose', 'params', 'returns'] as const;

/** Parses the `// key: value` header comment that opens every .cypher file. */
export function parseCypherFile(file: string, relName: string, source: string): NamedQuery {
  const header: Record<string, string> = {};
  for (const line of source.split('\n')) {
    const m = /^\s*\/\/\s*([a-z]+)\s*:\s*(.*)$/.exec(line);
    if (!m) {
      if (line.trim() === '' || line.trim().startsWith('//')) continue;
      break;
    }
    header[m[1]] = header[m[1]] ? `${header[m[1]]} ${m[2].trim()}` : m[2].trim();
  }
  const missing = HEADER_KEYS.filter((k) => !header[k]);
  if (missing.length) throw new Error(`${file}: header comment lacks ${missing.join(', ')}`);
  if (header.name !== relName)
    throw new Error(`${file}: header names "${header.name}" but the file is "${relName}"`);
  const text = source.trim().replace(/;\s*$/, '');
  return { name: relName, file, text, header: header as NamedQuery['header'] };
}

/**
 * A findings rule in count mode (posture's totals, issue 21): the rule's own statement in a CALL
 * subquery, its rows counted per organisation in Neo4j rather than sent over one by one.
 */
function countModeOf(rule: NamedQuery): NamedQuery {
  const name = rule.name.replace(/^findings\//, 'findings-count/');
  return {
    name,
    file: rule.file,
    header: {
      ...rule.header,
      name,
      purpose: `Count mode of ${rule.name}: how many rows it returns, per organisation.`,
      returns: 'rows {organizationId, count}',
    },
    text: `CALL () {\n${rule.text}\n}\nRETURN organizationId, count(*) AS count`,
  };
}

/** Loads every query once at startup; a query the code needs but the folder lacks stops the boot. */
export class QueryRegistry {
  private readonly queries = new Map<string, NamedQuery>();

  constructor(readonly dir: string) {
    if (!fs.existsSync(dir)) throw new Error(`Cypher folder ${dir} does not exist (RAMPART_CYPHER_DIR).`);
    for (const file of listCypherFiles(dir)) {
      const relName = path
        .relative(dir, file)
        .replace(/\\/g, '/')
        .replace(/\.cypher$/, '');
      this.queries.set(relName, parseCypherFile(file, relName, fs.readFileSync(file, 'utf8')));
    }
    for (const q of [...this.queries.values()]) {
      if (q.name.startsWith('findings/')) {
        const count = countModeOf(q);
        this.queries.set(count.name, count);
      }
    }
  }

  requireAll(names: Iterable<string>): this {
    const missing = [...names].filter((n) => !this.queries.has(n));
    if (missing.length) {
      throw new Error(`Missing Cypher files in ${this.dir}: ${missing.map((n) => `${n}.cypher`).join(', ')}`);
    }
    return this;
  }

  get(name: string): NamedQuery {
    const q = this.queries.get(name);
    if (!q) throw new DomainError('INTERNAL', `No query named "${name}" is loaded.`);
    return q;
  }

  all(): NamedQuery[] {
    return [...this.queries.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Schema statements, in file-name order (the number prefix is the schema version). */
  schema(): NamedQuery[] {
    return this.all().filter((q) => q.name.startsWith('schema/'));
  }
}

function listCypherFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) return listCypherFiles(p);
      return e.isFile() && e.name.endsWith('.cypher') ? [p] : [];
    })
    .sort();
}
