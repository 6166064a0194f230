import type { ReactNode } from 'react';
import type { SearchQuery } from '../api/generated';
import { kindOf } from '../graph/kinds';
import { capNote } from './capped';

export interface SearchHit {
  id: string;
  name: string;
  labels: readonly string[];
}

/** Every hit of a search answer, assets first. */
export const hitsOf = (d: SearchQuery | undefined): SearchHit[] =>
  d ? [d.assets, d.controls, d.threats, d.orgUnits].flatMap((c) => c.edges.map((e) => e.node)) : [];

/** How many entities match a search in all (each kind's answer holds only its first few). */
export const totalOf = (d: SearchQuery | undefined): number =>
  d ? [d.assets, d.controls, d.threats, d.orgUnits].reduce((n, c) => n + c.totalCount, 0) : 0;

/**
 * Search hits, each with what the view does with it (a link, an add button) and its kind and id;
 * when more match than show, it says so ("showing 35 of 120 matches"): type more to narrow.
 */
export function SearchResults({
  hits,
  total,
  action,
}: {
  hits: readonly SearchHit[];
  /** Every match, shown or not. */
  total?: number;
  action: (h: SearchHit) => ReactNode;
}) {
  if (!hits.length) return null;
  const note = total === undefined ? '' : capNote(hits.length, total, 'matches');
  return (
    <div className="panel" data-testid="search-results">
      {note && (
        <p className="hint cap-note" role="status" data-testid="search-note">
          {note}: type more of the name or id to narrow the search.
        </p>
      )}
      <ul className="hits">
        {hits.map((h) => (
          <li key={h.id}>
            {action(h)}{' '}
            <span className="hint">
              {kindOf(h.labels)} · {h.id}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
