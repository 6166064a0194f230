import {
  Date as Neo4jDate,
  DateTime,
  Duration,
  Integer,
  Node,
  Path,
  PathSegment,
  Point,
  Relationship,
  int,
  isInt,
} from 'neo4j-driver';
import { toNeo4jParams, toPlain } from './neo4j-value.mapper';

describe('toPlain', () => {
  it('converts integers to numbers, and to strings beyond 2^53', () => {
    expect(toPlain(int(42))).toBe(42);
    expect(toPlain(Integer.fromString('9007199254740993'))).toBe('9007199254740993');
    expect(toPlain(BigInt(7))).toBe(7);
  });

  it('converts temporals to ISO 8601 strings', () => {
    expect(toPlain(new Neo4jDate(2026, 1, 31))).toBe('2026-01-31');
    expect(toPlain(new DateTime(2026, 5, 1, 12, 0, 0, 0, 0))).toBe('2026-05-01T12:00:00Z');
    expect(toPlain(new Duration(0, 2, 0, 0))).toMatch(/^P.*2D/); // the driver's own ISO rendering
  });

  it('converts nodes, relationships and paths with their properties', () => {
    const a = new Node(int(1), ['Entity', 'System'], { id: 'sys-a', score: int(3) }, 'e1');
    const b = new Node(int(2), ['Entity', 'System'], { id: 'sys-b' }, 'e2');
    const r = new Relationship(int(9), int(1), int(2), 'CONNECTS_TO', { since: int(2020) }, 'r9', 'e1', 'e2');
    expect(toPlain(a)).toEqual({
      elementId: 'e1',
      labels: ['Entity', 'System'],
      properties: { id: 'sys-a', score: 3 },
    });
    expect(toPlain(r)).toEqual({
      elementId: 'r9',
      type: 'CONNECTS_TO',
      startElementId: 'e1',
      endElementId: 'e2',
      properties: { since: 2020 },
    });
    const path = toPlain(new Path(a, b, [new PathSegment(a, r, b)])) as {
      segments: { relationship: { type: string } }[];
    };
    expect(path.segments[0].relationship.type).toBe('CONNECTS_TO');
  });

  it('converts points, nested lists and maps, and nulls', () => {
    expect(toPlain(new Point(int(7203), 1, 2))).toEqual({ srid: 7203, x: 1, y: 2 });
    expect(toPlain({ xs: [int(1), null, { y: int(2) }], u: undefined })).toEqual({
      xs: [1, null, { y: 2 }],
      u: null,
    });
  });
});

describe('toNeo4jParams', () => {
  it('turns whole numbers into Neo4j integers, deep inside maps and lists', () => {
    const p = toNeo4jParams({
      limit: 51,
      rows: [{ score: 4, effectiveness: 0.9 }],
      name: 'x',
      none: null,
    }) as Record<string, unknown>;
    expect(isInt(p.limit)).toBe(true);
    const row = (p.rows as Record<string, unknown>[])[0];
    expect(isInt(row.score)).toBe(true);
    expect(row.effectiveness).toBe(0.9);
    expect(p.name).toBe('x');
    expect(p.none).toBeNull();
  });
});
