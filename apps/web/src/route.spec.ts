import { parseRoute, replaceRoute } from './route';

/** The browser's address and history, as much of them as replaceRoute reads and writes. */
function browserAt(hash: string) {
  const location = { pathname: '/', search: '', hash };
  const replaced: string[] = [];
  Object.assign(globalThis, {
    window: { location, dispatchEvent: () => true },
    history: { state: null, replaceState: (_s: unknown, _t: string, url: string) => replaced.push(url) },
    HashChangeEvent: class {},
  });
  return replaced;
}

describe('replaceRoute', () => {
  afterEach(() => {
    for (const k of ['window', 'history', 'HashChangeEvent'])
      delete (globalThis as Record<string, unknown>)[k];
  });

  it('corrects the address it was worked out for', () => {
    const replaced = browserAt('#/');
    replaceRoute(parseRoute('#/'), { org: 'org-acme' });
    expect(replaced).toEqual(['/#/dashboard?org=org-acme']);
  });

  it('leaves an address the user has moved on to since (a link followed as the organisations arrived)', () => {
    const replaced = browserAt('#/blast?nodes=p-erin&hops=1');
    replaceRoute(parseRoute('#/'), { org: 'org-acme' });
    expect(replaced).toEqual([]);
  });
});
