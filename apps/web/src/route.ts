import { useEffect, useState } from 'react';

export type ViewName = 'dashboard' | 'explorer' | 'paths' | 'blast' | 'convergence';
export const VIEWS: { name: ViewName; title: string }[] = [
  { name: 'dashboard', title: 'Dashboard' },
  { name: 'paths', title: 'Attack paths' },
  { name: 'explorer', title: 'Explorer' },
  { name: 'blast', title: 'Blast radius' },
  { name: 'convergence', title: 'Convergence' },
];

export interface Route {
  view: ViewName;
  params: URLSearchParams;
}

/** Views and their inputs live in the hash (#/paths?threat=..&asset=..): links and reloads keep them. */
export function parseRoute(hash: string): Route {
  const [path, query = ''] = hash.replace(/^#\/?/, '').split('?');
  const view = VIEWS.find((v) => v.name === path)?.name ?? 'dashboard';
  return { view, params: new URLSearchParams(query) };
}

export function href(view: ViewName, params: Record<string, string | undefined> = {}): string {
  const q = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => Boolean(e[1])));
  const s = q.toString();
  return `#/${view}${s ? `?${s}` : ''}`;
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const on = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return route;
}

export const go = (view: ViewName, params: Record<string, string | undefined> = {}) => {
  window.location.hash = href(view, params);
};

/**
 * Corrects the address `from` in place to `params` (no history entry); useRoute hears it as a hash
 * change. Only while the address still is `from`: a link followed after the correction was worked
 * out (the organisations arriving just after it) is not undone, and gets its own correction.
 */
export const replaceRoute = (from: Route, params: Record<string, string | undefined> = {}) => {
  const now = parseRoute(window.location.hash);
  if (now.view !== from.view || now.params.toString() !== from.params.toString()) return;
  const { pathname, search } = window.location;
  history.replaceState(history.state, '', `${pathname}${search}${href(from.view, params)}`);
  window.dispatchEvent(new HashChangeEvent('hashchange'));
};
