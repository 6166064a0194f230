import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { primaryLabel } from './analytics-view';

/** A node the user may not see (docs/spec/analytics.md §8): what the redactor must hide. */
export interface RestrictedNode {
  id: string;
  name: string;
  labels: readonly string[];
}

/** What a restricted node is called wherever it shows. */
export const RESTRICTED_NAME = 'restricted';
export const PSEUDONYM_PREFIX = 'restricted-';

const CURSOR_KEYS = new Set(['cursor', 'endCursor', 'startCursor']);
/** Strings a placeholder keeps: what kind of node it is, never which. */
const KEPT_STRINGS = new Set(['label', 'entityKind', '__typename']);
/** Fields naming another node (a control's `on`): that node is redacted on its own terms. */
const REFERENCE_KEYS = new Set(['on', 'onName', 'from', 'to', 'source', 'target']);
/** An enum value (FailureUnit kind DEPENDENCY, entity kind FACILITY): vocabulary, not data. */
const ENUM_VALUE = /^[A-Z][A-Z_]*$/;
/** Lists of vocabulary terms (the five domains, control functions), not of the node's data. */
const KEPT_LISTS = new Set(['domains', 'functions']);
// Letters, digits, `_` and `-` continue an id or a word: "sys-vpn" is not hidden inside "sys-vpn-2".
const EDGE = '[\\p{L}\\p{N}_-]';

type Json = Record<string, unknown>;
const NO_TERMS: ReadonlySet<string> = new Set();

/**
 * Need-to-know redaction of one user's view (docs/spec/analytics.md §8), applied to results as they leave
 * the service. A restricted node becomes a placeholder: a stable pseudonym for its id (so paths and
 * edges still connect), the name `restricted`, its labels, and the numbers analytics computed for it
 * (criticality, probabilities, counts): aggregates keep counting it. Its id and name are replaced in
 * every other string too (messages, edge ids, keys), and a cursor that carries them is sealed.
 */
export class Redactor {
  /** The redactor of a user who may see everything: changes nothing. */
  static readonly NONE = new Redactor([], Buffer.alloc(32));

  private readonly byId = new Map<string, RestrictedNode>();
  private readonly ids: readonly string[];
  private readonly byPseudonym = new Map<string, string>();
  private readonly replacement = new Map<string, string>();
  private readonly pattern?: RegExp;
  private readonly cursorKey: Buffer;

  constructor(
    restricted: readonly RestrictedNode[],
    private readonly key: Buffer,
  ) {
    this.cursorKey = createHmac('sha256', key).update('rampart:cursor').digest();
    for (const n of restricted) this.byId.set(n.id, n);
    this.ids = [...this.byId.keys()];
    for (const n of restricted) {
      const p = this.pseudonym(n.id);
      this.byPseudonym.set(p, n.id);
      const name = n.name.trim();
      if (name && !this.replacement.has(name)) this.replacement.set(name, RESTRICTED_NAME);
    }
    // Ids win over names: an id that is also someone's name still maps to its pseudonym.
    for (const n of restricted) this.replacement.set(n.id, this.pseudonym(n.id));
    const terms = [...this.replacement.keys()].sort((a, b) => b.length - a.length);
    if (terms.length) {
      this.pattern = new RegExp(`(?<!${EDGE})(?:${terms.map(escape).join('|')})(?!${EDGE})`, 'gu');
    }
  }

  /** Whether anything is hidden at all (most users see everything: the fast path). */
  get active(): boolean {
    return this.byId.size > 0;
  }

  get restrictedCount(): number {
    return this.byId.size;
  }

  isRestricted(id: unknown): id is string {
    return typeof id === 'string' && this.byId.has(id);
  }

  /** Built once: entity lists pass it to every page query. */
  restrictedIds(): readonly string[] {
    return this.ids;
  }

  /** The stable stand-in for a restricted id: keyed, so it reveals nothing and cannot be reversed. */
  pseudonym(id: string): string {
    return PSEUDONYM_PREFIX + createHmac('sha256', this.key).update(id).digest('hex').slice(0, 16);
  }

  /**
   * A string with every restricted id and name replaced, but for the `typed` ones: ids the user
   * supplied in the request, echoed back in a message exactly as an unknown id would be.
   */
  text(s: string, typed: ReadonlySet<string> = NO_TERMS): string {
    if (!this.pattern || s.length === 0) return s;
    const exact = this.replacement.get(s);
    if (exact !== undefined) return typed.has(s) ? s : exact;
    return s.replace(this.pattern, (m) => (typed.has(m) ? m : (this.replacement.get(m) ?? RESTRICTED_NAME)));
  }

  /**
   * The restricted ids that occur in a string (as whole words): what a request supplied. Only
   * matches starting before `startingBefore` (a piece of a longer text: later ones may go on).
   */
  idsIn(s: string, startingBefore = Infinity): string[] {
    if (!this.pattern) return [];
    return [...s.matchAll(this.pattern)]
      .filter((m) => m.index < startingBefore && this.byId.has(m[0]))
      .map((m) => m[0]);
  }

  /** The longest restricted id (what a scan of a text in pieces must overlap by). */
  get longestId(): number {
    return this.ids.reduce((n, id) => Math.max(n, id.length), 0);
  }

  /** Any result (plain objects, arrays, maps, sets, strings): restricted nodes become placeholders. */
  value<T>(v: T, typed: ReadonlySet<string> = NO_TERMS): T {
    return this.active ? (this.walk(v, undefined, typed) as T) : v;
  }

  /** A restricted node's placeholder: kind, labels and computed numbers; no id, name or property. */
  placeholder(o: Json): Json {
    const node = this.byId.get(String(o.id));
    const labels = (node?.labels ?? []).filter((l) => l !== 'Entity');
    const out: Json = { id: this.pseudonym(String(o.id)), name: RESTRICTED_NAME, restricted: true, labels };
    for (const [k, v] of Object.entries(o)) {
      if (k in out) continue;
      if (typeof v === 'number' || typeof v === 'boolean') out[k] = v;
      else if (KEPT_LISTS.has(k) && Array.isArray(v)) out[k] = v.filter((x) => typeof x === 'string');
      else if (Array.isArray(v)) out[k] = [];
      else if (typeof v !== 'string') continue;
      else if (KEPT_STRINGS.has(k) || ENUM_VALUE.test(v)) out[k] = v;
      else if (REFERENCE_KEYS.has(k)) out[k] = this.text(v);
    }
    if ('label' in o) out.label = primaryLabel(labels);
    // An asset's kind comes from its labels; any other `kind` (a threat's) is its data.
    if (labels.includes('Asset') && typeof o.kind === 'string') out.kind = o.kind;
    return out;
  }

  /**
   * A cursor leaving the service: when its sort key names a restricted node it is sealed
   * (AES-GCM), so paging still works and the key stays hidden. Cursors are base64url JSON `{k}`.
   */
  cursor(c: string): string {
    const key = cursorKeyOf(c);
    if (key === undefined || this.text(key) === key) return c;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.cursorKey, iv);
    const sealed = Buffer.concat([cipher.update(key, 'utf8'), cipher.final()]);
    const s = Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64url');
    return Buffer.from(JSON.stringify({ s })).toString('base64url');
  }

  /** A cursor coming back: a sealed one is opened to the plain `{k}` form the pagers read. */
  unsealCursor(c: string): string {
    try {
      const parsed = JSON.parse(Buffer.from(c, 'base64url').toString('utf8')) as { s?: unknown };
      if (typeof parsed?.s !== 'string') return c;
      const raw = Buffer.from(parsed.s, 'base64url');
      const decipher = createDecipheriv('aes-256-gcm', this.cursorKey, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      const k = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
      return Buffer.from(JSON.stringify({ k })).toString('base64url');
    } catch {
      return c;
    }
  }

  private walk(v: unknown, key: string | undefined, typed: ReadonlySet<string>): unknown {
    if (typeof v === 'string') return key && CURSOR_KEYS.has(key) ? this.cursor(v) : this.text(v, typed);
    if (Array.isArray(v)) return v.map((x) => this.walk(x, undefined, typed));
    if (v instanceof Map)
      return new Map(
        [...v].map(([k, x]) => [this.walk(k, undefined, typed), this.walk(x, undefined, typed)]),
      );
    if (v instanceof Set) return new Set([...v].map((x) => this.walk(x, undefined, typed)));
    if (v === null || typeof v !== 'object' || v instanceof Date || Buffer.isBuffer(v)) return v;
    const o = v as Json;
    if (this.isRestricted(o.id)) return this.placeholder(o);
    const props = o.props as Json | undefined;
    if (props && typeof props === 'object' && this.isRestricted(props.id)) {
      // A stored record ({labels, props}) as exports carry it.
      const p = this.placeholder({ id: props.id });
      return {
        ...this.walkObject(o, typed),
        labels: p.labels,
        props: { id: p.id, name: p.name, restricted: true },
      };
    }
    return this.walkObject(o, typed);
  }

  private walkObject(o: Json, typed: ReadonlySet<string>): Json {
    const out: Json = {};
    for (const [k, x] of Object.entries(o)) out[this.text(k, typed)] = this.walk(x, k, typed);
    return out;
  }
}

function cursorKeyOf(c: string): string | undefined {
  try {
    const parsed = JSON.parse(Buffer.from(c, 'base64url').toString('utf8')) as { k?: unknown };
    return typeof parsed?.k === 'string' ? parsed.k : undefined;
  } catch {
    return undefined;
  }
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
