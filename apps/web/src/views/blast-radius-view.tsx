import { useMemo, useState } from 'react';
import { type ReachMode, SearchDocument } from '../api/generated';
import { GraphCanvas } from '../components/graph-canvas';
import { useScope } from '../components/scope';
import { type SearchHit as Hit, SearchResults, hitsOf, totalOf } from '../components/search-results';
import { useQuery } from '../components/use-query';
import type { NodeLike } from '../graph/elements';
import { ringLayout } from '../graph/layouts';
import { BlastRadiusPanel } from './blast-radius-panel';
import { useBlastAnswer, useBlastParams, useReachElements, useStartNames } from './use-blast-radius';

const MODES: { mode: ReachMode; title: string }[] = [
  { mode: 'STRUCTURAL', title: 'Structural (controls ignored)' },
  { mode: 'PROBABLE', title: 'Probable (weighted by controls)' },
];
const HOPS = [1, 2, 3, 4, 5, 6, 7, 8];

/**
 * If these nodes were compromised: everything they reach within `hops` steps, in rings by hop,
 * size and colour by impact (criticality x probability). Structural ignores controls; probable
 * weighs each path by the controls it passes. Starts, mode and hops live in the address; starts
 * are searched for in the chosen organisation.
 */
export function BlastRadiusView({ params }: { params: URLSearchParams }) {
  const { org } = useScope();
  const { starts, mode, maxHops, set } = useBlastParams(params);
  const [text, setText] = useState('');
  const search = useQuery(SearchDocument, { text, org: org.id }, text.trim().length < 2);
  const hits: Hit[] = hitsOf(search.data);
  const { startNodes, setKnown } = useStartNames(starts, org.id);
  const { answer, loading, data, error } = useBlastAnswer(starts, mode, maxHops);
  const elements = useReachElements(data, startNodes);
  const layout = useMemo(() => ringLayout(), []);

  const add = (h: Hit) => {
    setKnown((k) => ({ ...k, [h.id]: h }));
    setText('');
    set({ nodes: [...new Set([...starts, h.id])].join(',') });
  };

  return (
    <div>
      <h2>Blast radius</h2>
      <BlastControls
        text={text}
        onText={setText}
        mode={mode}
        maxHops={maxHops}
        starts={startNodes}
        set={set}
      />
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
      {error && <p className="error">{error}</p>}
      {data && (
        <div className="row">
          <div className="grow">
            <GraphCanvas name="blast" elements={elements} layout={layout} />
          </div>
          <BlastRadiusPanel
            data={data}
            mode={answer?.mode}
            loading={loading}
            starts={starts.length}
            maxHops={maxHops}
          />
        </div>
      )}
      {!data && loading && <p>Computing the blast radius…</p>}
    </div>
  );
}

/** The search box, mode and hops, and the chosen starts as removable chips. */
function BlastControls({
  text,
  onText,
  mode,
  maxHops,
  starts,
  set,
}: {
  text: string;
  onText: (text: string) => void;
  mode: ReachMode;
  maxHops: number;
  starts: NodeLike[];
  set: (p: Record<string, string | undefined>) => void;
}) {
  const remove = (id: string) =>
    set({
      nodes: starts
        .filter((s) => s.id !== id)
        .map((s) => s.id)
        .join(','),
    });
  return (
    <div className="controls">
      <label>
        Start from (search by name or id)
        <input
          aria-label="Search"
          value={text}
          onChange={(e) => onText(e.target.value)}
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
          {starts.map((s) => (
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
  );
}
