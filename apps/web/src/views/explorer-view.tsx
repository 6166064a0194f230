import { useEffect, useMemo, useState } from 'react';
import { request } from '../api/client';
import { CoverageDocument, FindingsDocument, NeighbourhoodDocument, SearchDocument } from '../api/generated';
import { GraphCanvas } from '../components/graph-canvas';
import { Legend } from '../components/legend';
import { RestrictedDetail } from '../components/node-name';
import { useScope } from '../components/scope';
import { SearchResults, hitsOf, totalOf } from '../components/search-results';
import { useQuery } from '../components/use-query';
import {
  type ExplorerFilter,
  type Neighbourhood,
  explorerElements,
  mergeNeighbourhoods,
} from '../graph/explorer-graph';
import { KINDS, kindOf } from '../graph/kinds';
import { explorerLayout } from '../graph/layouts';
import { DOMAINS, DOMAIN_STYLE } from '../graph/palette';
import { isRestricted, isStandInId } from '../graph/restricted';

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
  const [loaded, setLoaded] = useState<Neighbourhood[]>([]);
  const [error, setError] = useState<string>();
  const [filter, setFilter] = useState<ExplorerFilter>({ kinds: [], domains: [], statuses: [] });
  const search = useQuery(SearchDocument, { text, org: org.id }, text.trim().length < 2);

  const expand = async (id: string) => {
    if (loaded.some((n) => n.entity.id === id)) return;
    if (isStandInId(id) || isRestricted(graph.nodes.get(id))) return;
    try {
      const d = await request(NeighbourhoodDocument, { id });
      if (!d.entity) throw new Error(`No entity has the id ${id}.`);
      const { relationships, ...entity } = d.entity;
      setLoaded((l) => [...l, { entity, relationships }]);
      setError(undefined);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const graph = useMemo(() => mergeNeighbourhoods(loaded), [loaded]);
  useEffect(() => {
    if (focus) void expand(focus);
  }, [focus]);

  const elements = useMemo(() => explorerElements(graph, filter, focus), [graph, filter, focus]);
  const layout = useMemo(() => explorerLayout(elements), [elements]);
  const selected = graph.nodes.get(focus) ?? (isStandInId(focus) ? { restricted: true } : undefined);
  const hits = hitsOf(search.data);
  const toggle = (key: keyof ExplorerFilter, value: string) =>
    setFilter((f) => ({
      ...f,
      [key]: f[key].includes(value) ? f[key].filter((v) => v !== value) : [...f[key], value],
    }));

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
        {loaded.length > 0 && <button onClick={() => setLoaded([])}>Clear</button>}
        <details>
          <summary>Filters</summary>
          <div>
            Kinds:{' '}
            {KINDS.map((k) => (
              <label key={k.kind} style={{ display: 'inline' }}>
                <input
                  type="checkbox"
                  checked={filter.kinds.includes(k.kind)}
                  onChange={() => toggle('kinds', k.kind)}
                />
                {k.title}{' '}
              </label>
            ))}
          </div>
          <div>
            Control domains:{' '}
            {DOMAINS.map((d) => (
              <label key={d} style={{ display: 'inline' }}>
                <input
                  type="checkbox"
                  checked={filter.domains.includes(d)}
                  onChange={() => toggle('domains', d)}
                />
                {DOMAIN_STYLE[d].title}{' '}
              </label>
            ))}
          </div>
          <div>
            Control status:{' '}
            {STATUSES.map((s) => (
              <label key={s} style={{ display: 'inline' }}>
                <input
                  type="checkbox"
                  checked={filter.statuses.includes(s)}
                  onChange={() => toggle('statuses', s)}
                />
                {s}{' '}
              </label>
            ))}
          </div>
        </details>
      </div>
      <SearchResults
        hits={hits}
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
            <Detail
              id={selected.id}
              onExpand={expand}
              expanded={loaded.some((n) => n.entity.id === selected.id)}
            />
          ) : (
            <p>Search, then pick an entity.</p>
          )}
          <Legend />
        </aside>
      </div>
    </div>
  );
}

function Detail({
  id,
  onExpand,
  expanded,
}: {
  id: string;
  onExpand: (id: string) => void;
  expanded: boolean;
}) {
  const { org, href } = useScope();
  const n = useQuery(NeighbourhoodDocument, { id });
  const e = n.data?.entity;
  const isAsset = Boolean(e?.labels.includes('Asset') && !e.restricted);
  const coverage = useQuery(CoverageDocument, { assetId: id }, !isAsset);
  // The entity's own organisation (a neighbour may belong to another): its findings are there.
  const findings = useQuery(FindingsDocument, { org: e?.organizationId ?? org.id }, !e);
  if (!e) return <p>{n.error ?? 'Loading…'}</p>;
  if (e.restricted) return <RestrictedDetail node={e} />;
  const owners = e.relationships
    .filter((r) => r.type === 'OWNS' && r.direction === 'IN')
    .map((r) => (isRestricted(r.node) ? 'restricted' : r.node.name));
  const flagged = (findings.data?.findings ?? []).filter((f) => f.nodes.some((x) => x.id === id));
  const props: [string, unknown][] = [
    ['id', e.id],
    ['kind', kindOf(e.labels)],
    ['classification', e.classification],
    ['criticality', 'criticality' in e ? e.criticality : undefined],
    ['domains', 'domains' in e ? e.domains?.join(', ') : undefined],
    ['status', 'status' in e ? e.status : undefined],
    ['effectiveness', 'effectiveness' in e ? e.effectiveness : undefined],
    ['owner', owners.join(', ') || (isAsset ? 'none' : undefined)],
  ];
  return (
    <div>
      <h3>{e.name}</h3>
      <table>
        <tbody>
          {props
            .filter(([, v]) => v !== undefined && v !== null && v !== '')
            .map(([k, v]) => (
              <tr key={k}>
                <th>{k}</th>
                <td data-testid={`detail-${k}`}>{String(v)}</td>
              </tr>
            ))}
        </tbody>
      </table>
      {e.description && <p>{e.description}</p>}
      {!expanded && (
        <button onClick={() => onExpand(id)}>Expand neighbours ({e.relationships.length})</button>
      )}
      {coverage.data && (
        <p data-testid="detail-coverage">
          Domains covered: {coverage.data.coverage.coveredDomains.join(', ') || 'none'}
          {coverage.data.coverage.missingDomains.length > 0 && (
            <span className="spof"> · missing {coverage.data.coverage.missingDomains.join(', ')}</span>
          )}{' '}
          <a href={href('convergence', { asset: id })}>convergence</a> ·{' '}
          <a href={href('blast', { nodes: id })}>blast radius</a>
        </p>
      )}
      <h3>Findings ({flagged.length})</h3>
      <ul data-testid="detail-findings">
        {flagged.map((f, i) => (
          <li key={i} className={`sev-${f.severity}`}>
            {f.ruleId}: {f.message}
          </li>
        ))}
      </ul>
    </div>
  );
}
