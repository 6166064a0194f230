import type { ReactNode } from 'react';
import type { SearchQuery } from '../api/generated';
import { kindOf } from '../graph/kinds';

export interface SearchHit {
  id: string;
  name: string;
  labels: readonly string[];
}

/** Every hit of a search answer, assets first. */
export const hitsOf = (d: SearchQuery | undefined): SearchHit[] =>
  d ? [d.assets, d.controls, d.threats, d.orgUnits].flatMap((c) => c.edges.map((e) => e.node)) : [];

/** Search hits, each with what the view does with it (a link, an add button) and its kind and id. */
export function SearchResults({
  hits,
  action,
}: {
  hits: readonly SearchHit[];
  action: (h: SearchHit) => ReactNode;
}) {
  if (!hits.length) return null;
  return (
    <ul className="panel" data-testid="search-results">
      {hits.map((h) => (
        <li key={h.id}>
          {action(h)}{' '}
          <span className="hint">
            {kindOf(h.labels)} · {h.id}
          </span>
        </li>
      ))}
    </ul>
  );
}
