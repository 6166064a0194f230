import { DomainError } from './domain-error';
import { decodeCursor, encodeCursor, pageRequest, toPage } from './pagination';

describe('cursor pagination', () => {
  it('round-trips a cursor', () => {
    expect(decodeCursor(encodeCursor('sys-crm'))).toBe('sys-crm');
  });

  it.each([
    '',
    'not-base64!',
    Buffer.from('{"x":1}').toString('base64url'),
    Buffer.from('[]').toString('base64url'),
  ])('rejects a foreign cursor %p with BAD_CURSOR', (c) => {
    expect(() => decodeCursor(c || 'e30')).toThrow(DomainError);
    try {
      decodeCursor(c || 'e30');
    } catch (e) {
      expect((e as DomainError).code).toBe('BAD_CURSOR');
    }
  });

  it('validates the page size', () => {
    expect(pageRequest(undefined, undefined)).toEqual({ first: 50, afterKey: undefined });
    expect(() => pageRequest(0, undefined)).toThrow(/1 to 500/);
    expect(() => pageRequest(501, undefined)).toThrow(/1 to 500/);
    expect(() => pageRequest(1.5, undefined)).toThrow(/whole number/);
  });

  it('uses the extra row to detect a next page', () => {
    const req = { first: 2 };
    const page = toPage(['a', 'b', 'c'], req, (s) => s, 3);
    expect(page.items.map((i) => i.node)).toEqual(['a', 'b']);
    expect(page.hasNextPage).toBe(true);
    expect(decodeCursor(page.endCursor!)).toBe('b');
    const last = toPage(['c'], req, (s) => s, 3);
    expect(last.hasNextPage).toBe(false);
    expect(toPage([], req, (s: string) => s, 0).endCursor).toBeUndefined();
  });
});
