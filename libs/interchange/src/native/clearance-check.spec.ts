import { DomainError } from '@rampart/domain';
import {
  ClearanceFacts,
  aboveClearanceError,
  countAboveClearance,
  hiddenEntries,
  isAboveClearanceError,
} from './clearance-check';
import { GraphEntityInfo, ImportContext } from './import-context';
import { parseFile } from './parse-file';
import { validateDocument } from './validate-document';

const node = (id: string, classification?: string) => ({
  id,
  props: classification === undefined ? { id } : { id, classification },
});
const facts = (over: Partial<ClearanceFacts> = {}): ClearanceFacts => ({
  nodes: [],
  stored: new Map(),
  prunable: [],
  ...over,
});

describe('countAboveClearance', () => {
  it('counts entries the file declares above the clearance', () => {
    const f = facts({
      nodes: [node('a'), node('b', 'OFFICIAL'), node('c', 'SECRET'), node('d', 'TOP_SECRET')],
    });
    expect(countAboveClearance(f, { clearance: 'OFFICIAL' })).toBe(2);
    expect(countAboveClearance(f, { clearance: 'SECRET' })).toBe(1);
    expect(countAboveClearance(f, { clearance: 'TOP_SECRET' })).toBe(0);
  });

  it('counts existing entries classified above the clearance, even when the file declares none', () => {
    const f = facts({ nodes: [node('a'), node('b')], stored: new Map([['a', 'SECRET']]) });
    expect(countAboveClearance(f, { clearance: 'OFFICIAL' })).toBe(1);
    expect(countAboveClearance(f, { clearance: 'SECRET' })).toBe(0);
  });

  it('counts an entry once when both its new and its stored classification are too high', () => {
    const f = facts({ nodes: [node('a', 'SECRET')], stored: new Map([['a', 'TOP_SECRET']]) });
    expect(countAboveClearance(f, { clearance: 'OFFICIAL' })).toBe(1);
  });

  it('counts what a prune would delete above the clearance', () => {
    const f = facts({
      prunable: [
        { classification: 'OFFICIAL', count: 4 },
        { classification: 'SECRET', count: 2 },
        { classification: 'TOP_SECRET', count: 1 },
      ],
    });
    expect(countAboveClearance(f, { clearance: 'OFFICIAL' })).toBe(3);
    expect(countAboveClearance(f, { clearance: 'SECRET' })).toBe(1);
  });

  it('fails closed: no clearance sees only unclassified entries, unknown levels rank above all', () => {
    const f = facts({ nodes: [node('a'), node('b', 'UNCLASSIFIED'), node('c', 'SECERT')] });
    expect(countAboveClearance(f, { clearance: null })).toBe(2);
    expect(countAboveClearance(f, { clearance: 'TOP_SECRET' })).toBe(1);
  });

  it("judges by the organisation's own levels", () => {
    const levels = ['PUBLIC', 'RESTRICTED', 'CLOSED'];
    const f = facts({ nodes: [node('a', 'RESTRICTED'), node('b', 'CLOSED')] });
    expect(countAboveClearance(f, { clearance: 'RESTRICTED', levels })).toBe(1);
    // A clearance from another scheme is not in the list: it sees nothing classified.
    expect(countAboveClearance(f, { clearance: 'TOP_SECRET', levels })).toBe(2);
  });

  it('judges stored entries under the stored levels too, so a file cannot reorder its way in', () => {
    const f = facts({ nodes: [node('a')], stored: new Map([['a', 'SECRET']]) });
    const reordered = ['SECRET', 'OFFICIAL'];
    const stored = ['OFFICIAL', 'SECRET'];
    expect(countAboveClearance(f, { clearance: 'OFFICIAL', levels: reordered, storedLevels: stored })).toBe(
      1,
    );
  });
});

describe('countAboveClearance: relationship ends', () => {
  it('counts distinct hidden ends of relationships the import would delete or change, once with the nodes', () => {
    const f = facts({
      nodes: [node('a', 'SECRET')],
      ends: [
        { id: 'a', classification: 'SECRET' },
        { id: 'b', classification: 'SECRET' },
        { id: 'b', classification: 'SECRET' },
        { id: 'c', classification: 'OFFICIAL' },
      ],
    });
    expect(countAboveClearance(f, { clearance: 'OFFICIAL' })).toBe(2);
    expect(countAboveClearance(f, { clearance: 'SECRET' })).toBe(0);
  });

  it("judges an end by its own organisation's levels, not the file's", () => {
    const f = facts({ ends: [{ id: 'x', classification: 'CLOSED', levels: ['OPEN', 'CLOSED'] }] });
    expect(countAboveClearance(f, { clearance: 'CLOSED', levels: ['CLOSED', 'OPEN'] })).toBe(0);
    expect(countAboveClearance(f, { clearance: 'OPEN' })).toBe(1);
  });
});

describe('hiddenEntries', () => {
  const orgs = [{ id: 'org-b', classificationLevels: ['OPEN', 'CLOSED'] }];
  const info = (id: string, classification?: string, organizationId?: string): GraphEntityInfo => ({
    id,
    labels: ['System'],
    classification,
    organizationId,
  });

  it('lists existing entries above the clearance, by their own organisation, failing closed', () => {
    const all = [
      info('open'),
      info('official', 'OFFICIAL'),
      info('secret', 'SECRET'),
      info('closed', 'CLOSED', 'org-b'),
      info('typo', 'SECERT'),
    ];
    const ids = (c: string | null) => hiddenEntries(all, orgs, c).map((e) => e.id);
    expect(ids('OFFICIAL')).toEqual(['secret', 'closed', 'typo']);
    expect(ids('TOP_SECRET')).toEqual(['closed', 'typo']);
    expect(ids('CLOSED')).toEqual(['official', 'secret', 'typo']);
    expect(ids(null)).toEqual(['official', 'secret', 'closed', 'typo']);
    expect(hiddenEntries(all, orgs, 'OFFICIAL')[1]).toEqual({
      id: 'closed',
      classification: 'CLOSED',
      levels: ['OPEN', 'CLOSED'],
    });
  });
});

describe('validation with hidden entries (a reference to one fails as to an unknown id)', () => {
  const ctx = (hidden: GraphEntityInfo[], visible: GraphEntityInfo[] = []): ImportContext => ({
    organizations: [{ id: 'org-a' }],
    entities: new Map(visible.map((e) => [e.id, e])),
    hidden: new Map(hidden.map((e) => [e.id, e])),
  });
  const fac = (id: string, locatedIn?: string, classification?: string): GraphEntityInfo => ({
    id,
    labels: ['Facility', 'Asset', 'Entity'],
    organizationId: 'org-a',
    classification,
    locatedIn: locatedIn ? [locatedIn] : undefined,
  });
  const issues = (yaml: string, c: ImportContext) =>
    validateDocument(parseFile('f.yaml', yaml), c).issues.map(({ path, line, message }) => ({
      path,
      line,
      message,
    }));

  it('gives the same issue for a hidden and an unknown locatedIn, no cycle through the hidden one', () => {
    const file = (to: string) =>
      `format: rampart/v1\nfacilities:\n  - id: fac-a\n    name: A\n    locatedIn: ${to}\n`;
    // In the graph, fac-s (hidden) is located in fac-a: following it would report a cycle.
    const c = ctx([fac('fac-s', 'fac-a', 'SECRET')], [fac('fac-a')]);
    const hidden = issues(file('fac-s'), c);
    expect(hidden).toEqual(
      issues(file('fac-nope'), c).map((i) => ({ ...i, message: i.message.replace('fac-nope', 'fac-s') })),
    );
    expect(hidden).toHaveLength(1);
    expect(hidden[0].message).toBe('"fac-s" is not defined in this file or in the graph');
  });

  it('still refuses a cycle through a hidden facility, without naming it', () => {
    // fac-a -> fac-s (hidden) -> fac-b in the graph; the file puts fac-b in fac-a.
    const c = ctx([fac('fac-s', 'fac-b', 'SECRET')], [fac('fac-a', 'fac-s'), fac('fac-b')]);
    const yaml = 'format: rampart/v1\nfacilities:\n  - id: fac-b\n    name: B\n    locatedIn: fac-a\n';
    const [issue, ...rest] = issues(yaml, c);
    expect(rest).toEqual([]);
    expect(issue.message).toBe(
      'locatedIn makes a cycle: fac-b -> fac-a -> an entry above your clearance -> fac-b',
    );
  });
});

describe('aboveClearanceError', () => {
  it('says how many and the clearance, as FORBIDDEN with the count in its details', () => {
    const e = aboveClearanceError(3, 'OFFICIAL');
    expect(e).toBeInstanceOf(DomainError);
    expect(e.code).toBe('FORBIDDEN');
    expect(e.message).toBe(
      'This file would create, change or prune 3 entries above your clearance (OFFICIAL); nothing was imported. Ask someone cleared for them to import it.',
    );
    expect(e.details).toEqual({ aboveClearance: 3 });
    expect(aboveClearanceError(1, null).message).toContain('1 entry above your clearance (none)');
    expect(isAboveClearanceError(e)).toBe(true);
    expect(isAboveClearanceError(new DomainError('FORBIDDEN', 'role'))).toBe(false);
  });

  it('words an edit as one entry', () => {
    expect(aboveClearanceError(1, 'OFFICIAL', 'edit').message).toMatch(
      /^This edit would create, change or remove an entry above your clearance \(OFFICIAL\); nothing was changed/,
    );
  });
});
