import { useEffect, useMemo, useState } from 'react';
import { request } from '../api/client';
import { BlastRadiusDocument, type BlastRadiusQuery, type ReachMode, SearchDocument } from '../api/generated';
import { GraphCanvas } from '../components/graph-canvas';
import { Legend } from '../components/legend';
import { NodeName } from '../components/node-name';
import { useScope } from '../components/scope';
import { type SearchHit as Hit, SearchResults, hitsOf, totalOf } from '../components/search-results';
import { useQuery } from '../components/use-query';
import { type NodeLike, reachElements } from '../graph/elements';
import { ringLayout } from '../graph/layouts';

const MODES: { mode: ReachMode; title: string }[] = [
  { mode: 'STRUCTURAL', title: 'Structural (controls ignored)' },
  { mode: 'PROBABLE', title: 'Probable (weighted by controls)' },
];
const HOPS = [1, 2, 3, 4, 5, 6, 7, 8];

const pct = (p: number) => `${(p * 100).toFixed(p < 0.01 ? 2 : p < 1 ? 1 : 0)}%`;

/** The answer of one blast-radius query and the variables it answers (stale answers are told apart). */
interface Answer {
  key: string;
  mode: ReachMode;
  data?: BlastRadiusQuery['blastRadius'];
  error?: string;
}

/**
 * If these nodes were compromised: everything they reach within `hops` steps, in rings by hop,
 * size and colour by impact (criticality x probability). Structural ignores controls; probable
 * weighs each path by the controls it passes. Starts, mode and hops live in the address; starts
 * are searched for in the chosen organisation.
 */
export function BlastRadiusView({ params }: { params: URLSearchParams }) {
  const { org, go, href } = useScope();
  const nodesParam = params.get('nodes') ?? '';
  const starts = useMemo(() => [...new Set(nodesParam.split(',').filter(Boolean))], [nodesParam]);
  const mode: ReachMode = params.get('mode') === 'PROBABLE' ? 'PROBABLE' : 'STRUCTURAL';
  const hopsParam = Number(params.get('hops') ?? 6);
  const maxHops = Number.isInteger(hopsParam) && hopsParam > 0 ? hopsParam : 6;
  const set = (p: Record<string, string | undefined>) =>
    go('blast', { nodes: starts.join(','), mode, hops: String(maxHops), ...p });

  const [text, setText] = useState('');
  const search = useQuery(SearchDocument, { text, org: org.id }, text.trim().length < 2);
  const hits: Hit[] = hitsOf(search.data);

  // Names (and kinds) of the starts: from the search results picked, else looked up by id.
  const [known, setKnown] = useState<Record<string, Hit>>({});
  useEffect(() => {
    const unknown = starts.filter((id) => !known[id]);
    if (!unknown.length) return;
    let live = true;
    void Promise.all(
      unknown.map((id) =>
        request(SearchDocument, { text: id, org: org.id })
          .then((d) => hitsOf(d).find((n) => n.id === id))
          .catch(() => undefined),
      ),
    ).then((found) => {
      if (!live) return;
      setKnown((k) => ({
        ...k,
        ...Object.fromEntries(unknown.map((id, i) => [id, found[i] ?? { id, name: id, labels: [] }])),
      }));
    });
    return () => {
      live = false;
    };
  }, [starts, known, org.id]);

  const key = JSON.stringify({ starts, mode, maxHops });
  const [answer, setAnswer] = useState<Answer>();
  useEffect(() => {
    const v = JSON.parse(key) as { starts: string[]; mode: ReachMode; maxHops: number };
    if (!v.starts.length) return;
    let live = true;
    request(BlastRadiusDocument, { nodeIds: v.starts, mode: v.mode, maxHops: v.maxHops })
      .then((d) => live && setAnswer({ key, mode: v.mode, data: d.blastRadius }))
      .catch((e: Error) => live && setAnswer({ key, mode: v.mode, error: e.message }));
    return () => {
      live = false;
    };
  }, [key]);
  const loading = starts.length > 0 && answer?.key !== key;
  const data = starts.length ? answer?.data : undefined;

  const startNodes: NodeLike[] = useMemo(
    () => starts.map((id) => ({ id, name: known[id]?.name ?? id, labels: known[id]?.labels ?? [] })),
    [starts, known],
  );
  const elements = useMemo(() => {
    if (!data) return [];
    const els = reachElements(startNodes, data.nodes);
    // Only edges between drawn nodes (a path through a node left out would break the canvas).
    const drawn = new Set(els.filter((e) => e.group === 'nodes').map((e) => e.data.id));
    return els.filter(
      (e) =>
        e.group === 'nodes' || (drawn.has(e.data.source as string) && drawn.has(e.data.target as string)),
    );
  }, [data, startNodes]);
  const layout = useMemo(() => ringLayout(), []);

  const add = (h: Hit) => {
    setKnown((k) => ({ ...k, [h.id]: h }));
    setText('');
    set({ nodes: [...new Set([...starts, h.id])].join(',') });
  };
  const remove = (id: string) => set({ nodes: starts.filter((s) => s !== id).join(',') });
  const maxHopsSeen = data ? Math.max(0, ...data.nodes.map((n) => n.hops)) : 0;

  return (
    <div>
      <h2>Blast radius</h2>
      <div className="controls">
        <label>
          Start from (search by name or id)
          <input
            aria-label="Search"
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder="e.g. contractor, sys-crm"
          />
        </label>
        <label>
          Mode
          <select aria-label="Mode" value={mode} onChange={(e) => set({ mode: e.target.value })}>
            {MODES.map((m) => (
              <option key={m.mode} value={m.mode}>
                {m.title}
              </option>
            ))}
          </select>
        </label>
        <label>
          Hops
          <select aria-label="Hops" value={maxHops} onChange={(e) => set({ hops: e.target.value })}>
            {HOPS.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        {starts.length > 0 && (
          <span className="starts" data-testid="starts">
            {startNodes.map((s) => (
              <span key={s.id} className="chip" title={s.id}>
                {s.name}{' '}
                <button onClick={() => remove(s.id)} aria-label={`Remove ${s.name}`}>
                  ×
                </button>
              </span>
            ))}
            {starts.length > 1 && <button onClick={() => set({ nodes: '' })}>Clear</button>}
          </span>
        )}
      </div>
      <SearchResults
        hits={hits}
        total={totalOf(search.data)}
        action={(h) => (
          <>
            <button onClick={() => add(h)} disabled={starts.includes(h.id)}>
              {starts.includes(h.id) ? 'added' : 'add'}
            </button>{' '}
            {h.name}
          </>
        )}
      />
      {!starts.length && (
        <p>Search for the people, systems or facilities taken as compromised: what could they reach?</p>
      )}
      {answer?.key === key && answer.error && <p className="error">{answer.error}</p>}
      {data && (
        <div className="row">
          <div className="grow">
            <GraphCanvas name="blast" elements={elements} layout={layout} />
          </div>
          <aside
            className="panel side"
            data-testid="blast-panel"
            data-mode={answer?.mode}
            aria-busy={loading}
          >
            <h3>
              Impact score: <span data-testid="impact-score">{data.impactScore.toFixed(2)}</span>
              {loading && <span className="hint"> (recomputing…)</span>}
            </h3>
            <p className="hint">
              {answer?.mode === 'PROBABLE'
                ? 'Probable: each node at the probability of its most likely path through the controls (below 5% left out).'
                : 'Structural: everything reachable, controls ignored.'}{' '}
              Impact: the sum of criticality × probability over the assets reached.
            </p>
            <p data-testid="reached-count">
              <strong>{data.nodes.length}</strong> nodes reached from {starts.length} start
              {starts.length === 1 ? '' : 's'} within {maxHopsSeen} of {maxHops} hops.
            </p>
            <CountTable testId="by-label" title="By kind" head="Label" counts={data.byLabel} />
            <CountTable
              testId="by-classification"
              title="By classification"
              head="Classification"
              counts={data.byClassification}
            />
            <h3>Top assets reached</h3>
            {data.topAssets.length === 0 ? (
              <p>No asset reached.</p>
            ) : (
              <ol data-testid="top-assets">
                {data.topAssets.map((a) => (
                  <li key={a.id}>
                    <NodeName node={a} bare link={href('convergence', { asset: a.id })} />{' '}
                    <span className="hint">
                      {a.label}
                      {a.criticality ? ` C${a.criticality}` : ''} · {a.hops} hop{a.hops === 1 ? '' : 's'} ·{' '}
                      {pct(a.probability)}
                    </span>
                  </li>
                ))}
              </ol>
            )}
            <p className="hint">
              Rings: hops from the starts (bold border). Node size and colour, light to dark: impact
              (criticality × probability).
            </p>
            <Legend />
          </aside>
        </div>
      )}
      {!data && loading && <p>Computing the blast radius…</p>}
    </div>
  );
}

function CountTable({
  testId,
  title,
  head,
  counts,
}: {
  testId: string;
  title: string;
  head: string;
  counts: readonly { key: string; count: number }[];
}) {
  return (
    <>
      <h3>{title}</h3>
      {counts.length === 0 ? (
        <p className="hint">None.</p>
      ) : (
        <table data-testid={testId} className="counts">
          <thead>
            <tr>
              <th>{head}</th>
              <th>Nodes</th>
            </tr>
          </thead>
          <tbody>
            {[...counts]
              .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key))
              .map((c) => (
                <tr key={c.key}>
                  <td>{c.key}</td>
                  <td>{c.count}</td>
                </tr>
              ))}
          </tbody>
        </table>
      )}
    </>
  );
}
