import {
  int,
  isDate,
  isDateTime,
  isDuration,
  isInt,
  isLocalDateTime,
  isLocalTime,
  isNode,
  isPath,
  isPoint,
  isRelationship,
  isTime,
} from 'neo4j-driver';
import { REAL_PROPERTIES } from '@rampart/domain';

export type Plain = null | boolean | number | string | Plain[] | { [key: string]: Plain };

/**
 * The one place Neo4j values become plain JSON. Integers become numbers when they fit in a
 * double exactly (ids and counts do), otherwise decimal strings; temporals become ISO 8601 strings.
 */
export function toPlain(value: unknown): Plain {
  if (value === null || value === undefined) return null;
  if (isInt(value)) return value.inSafeRange() ? value.toNumber() : value.toString();
  if (typeof value === 'bigint') {
    return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER)
      ? Number(value)
      : value.toString();
  }
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  if (
    isDate(value) ||
    isDateTime(value) ||
    isLocalDateTime(value) ||
    isTime(value) ||
    isLocalTime(value) ||
    isDuration(value)
  ) {
    return value.toString();
  }
  if (isNode(value)) {
    return { elementId: value.elementId, labels: [...value.labels], properties: toPlain(value.properties) };
  }
  if (isRelationship(value)) {
    return {
      elementId: value.elementId,
      type: value.type,
      startElementId: value.startNodeElementId,
      endElementId: value.endNodeElementId,
      properties: toPlain(value.properties),
    };
  }
  if (isPath(value)) {
    return {
      start: toPlain(value.start),
      end: toPlain(value.end),
      segments: value.segments.map((s) => ({
        start: toPlain(s.start),
        relationship: toPlain(s.relationship),
        end: toPlain(s.end),
      })),
    };
  }
  if (isPoint(value)) {
    const p: { [key: string]: Plain } = { srid: toPlain(value.srid), x: value.x, y: value.y };
    if (value.z !== undefined) p.z = value.z;
    return p;
  }
  if (Array.isArray(value)) return value.map(toPlain);
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') {
    const out: { [key: string]: Plain } = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = toPlain(v);
    return out;
  }
  throw new TypeError(`cannot map a ${typeof value} from Neo4j to JSON`);
}

/**
 * The other direction: JS numbers that are whole become Neo4j integers (LIMIT, SKIP and range
 * comparisons on stored integers need them), except under the names of REAL_PROPERTIES (floats
 * whatever their value); everything else passes as is.
 */
export function toNeo4jParams(value: unknown): unknown {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? int(value) : value;
  if (Array.isArray(value)) return value.map(toNeo4jParams);
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [
        k,
        REAL_PROPERTIES.has(k) && typeof v === 'number' ? v : toNeo4jParams(v),
      ]),
    );
  }
  return value;
}
