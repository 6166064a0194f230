import { useMemo, useState } from 'react';
import { SearchDocument } from '../api/generated';
import { GraphCanvas } from '../components/graph-canvas';
import { Legend } from '../components/legend';
import { RestrictedDetail } from '../components/node-name';
import { useScope } from '../components/scope';
import { SearchResults, hitsOf, totalOf } from '../components/search-results';
import { useQuery } from '../components/use-query';
import { type ExplorerFilter, explorerElements } from '../graph/explorer-graph';
import { KINDS } from '../graph/kinds';
import { explorerLayout } from '../graph/layouts';
import { DOMAINS, DOMAIN_STYLE } from '../graph/palette';
import { isRestricted, isStandInId } from '../graph/restricted';
import { Detail } from './explorer-detail';
import { useExplorerGraph } from './use-explorer-graph';

const STATUSES = ['implemented', 'degraded', 'planned', 'failed'];

/**
 * Search, then expand neighbours; a detail panel for the selected entity; filters by kind, domain,
 * status. A restricted entity (above the user's clearance) shows its kind only and is never
 * expanded or looked up: its id is a stand-in the API does not answer for. The search looks in
 * the chosen organisation only; neighbours are drawn wherever they are.
 */
export function ExplorerView({ params }: { params: URLSearchParams }) {
  const focus = params.get('focus') ?? '';
  const { org, go, href } = useScope();
  const [text, setText] = useState('');
  const search = useQuery(SearchDocument, { text, org: org.id }, text.trim().length < 2);
  const { loaded, clear, graph, expand, isExpanded, error } = useExplorerGraph(focus);
  const [filter, setFilter] = useState<ExplorerFilter>({ kinds: [], domains: [], statuses: [] });
  const elements = useMemo(() => explorerElements(graph, filter, focus), [graph, filter, focus]);
  const layout = useMemo(() => explorerLayout(elements), [elements]);
  const selected = graph.nodes.get(focus) ?? (isStandInId(focus) ? { restricted: true } : undefined);

  return (
    <div>
      <h2>Explorer</h2>
      <div className="controls">
        <label>
          Search by name or id
          <input
            aria-label="Search"
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder="e.g. customer"
          />
        </label>
        {loaded.length > 0 && <button onClick={clear}>Clear</button>}
        <ExplorerFilters filter={filter} onChange={setFilter} />
      </div>
      <SearchResults
        hits={hitsOf(search.data)}
        total={totalOf(search.data)}
        action={(h) => (
          <a href={href('explorer', { focus: h.id })} onClick={() => setText('')}>
            {h.name}
          </a>
        )}
      />
      {error && <p className="error">{error}</p>}
      <div className="row">
        <div className="grow">
          <GraphCanvas
            name="explorer"
            elements={elements}
            layout={layout}
            onSelect={(id) => go('explorer', { focus: id })}
          />
        </div>
        <aside className="panel side" data-testid="detail">
          {selected && isRestricted(selected) ? (
            <RestrictedDetail node={selected} />
          ) : selected && 'id' in selected ? (
            <Detail id={selected.id} onExpand={expand} expanded={isExpanded(selected.id)} />
          ) : (
            <p>Search, then pick an entity.</p>
          )}
          <Legend />
        </aside>
      </div>
    </div>
  );
}

/** Filters by kind, and for controls by domain and status (none ticked: all shown). */
function ExplorerFilters({
  filter,
  onChange,
}: {
  filter: ExplorerFilter;
  onChange: (update: (f: ExplorerFilter) => ExplorerFilter) => void;
}) {
  const toggle = (key: keyof ExplorerFilter, value: string) =>
    onChange((f) => ({
      ...f,
      [key]: f[key].includes(value) ? f[key].filter((v) => v !== value) : [...f[key], value],
    }));
  const box = (key: keyof ExplorerFilter, value: string, title: string) => (
    <label key={value} style={{ display: 'inline' }}>
      <input type="checkbox" checked={filter[key].includes(value)} onChange={() => toggle(key, value)} />
      {title}{' '}
    </label>
  );
  return (
    <details>
      <summary>Filters</summary>
      <div>Kinds: {KINDS.map((k) => box('kinds', k.kind, k.title))}</div>
      <div>Control domains: {DOMAINS.map((d) => box('domains', d, DOMAIN_STYLE[d].title))}</div>
      <div>Control status: {STATUSES.map((s) => box('statuses', s, s))}</div>
    </details>
  );
}
