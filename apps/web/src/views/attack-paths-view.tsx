import { useMemo, useState } from 'react';
import { AttackPathsDocument } from '../api/generated';
import { GraphCanvas } from '../components/graph-canvas';
import { Legend } from '../components/legend';
import { NodeName } from '../components/node-name';
import { useScope } from '../components/scope';
import { useQuery } from '../components/use-query';
import { pathElements } from '../graph/elements';
import { layeredLayout } from '../graph/layouts';
import { domainTags } from '../graph/palette';
import { RESTRICTED_NOTE } from '../graph/restricted';
import { Failable, pickedInPaths } from '../graph/what-if';
import { TargetPicker, ThreatPicker } from './path-pickers';

const pct = (p: number) => `${(p * 100).toFixed(p < 0.01 ? 2 : 1)}%`;

/**
 * Pick a threat and an asset: the k most likely paths left to right, each step's controls,
 * single points of failure and common-mode dependencies highlighted. "What if it fails?" on any
 * control or dependency (listed in the panel, or picked by tapping a step or node of the graph)
 * recomputes with it failed (kept in the address: `failed=`). Threats and targets are those of
 * the chosen organisation, the targets the threat reaches first.
 */
export function AttackPathsView({ params }: { params: URLSearchParams }) {
  const threatId = params.get('threat') ?? '';
  const assetId = params.get('asset') ?? '';
  const k = Number(params.get('k') ?? 3);
  const failed = (params.get('failed') ?? '').split(',').filter(Boolean);
  const { go, href } = useScope();
  const set = (p: Record<string, string | undefined>) =>
    go('paths', { threat: threatId, asset: assetId, k: String(k), failed: failed.join(','), ...p });
  const ready = Boolean(threatId && assetId);
  const result = useQuery(AttackPathsDocument, { threatId, assetId, k, failed }, !ready);

  const data = ready ? result.data : undefined;
  const threat = data?.threat;
  const spof = useMemo(
    () => new Set(data?.securityDepth.singlePointsOfFailure.map((u) => u.id) ?? []),
    [data],
  );
  const { elements, layout } = useMemo(() => {
    if (!data || !threat) return { elements: [], layout: layeredLayout(threatId, []) };
    const commonMode = data.securityDepth.cutSets
      .filter((c) => c.commonMode && c.order === 1)
      .map((c) => ({
        unit: { id: c.units[0].id, name: c.units[0].name, labels: ['System'] },
        controls: c.controls,
      }));
    return {
      elements: pathElements({ id: threat.id, name: threat.name }, data.attackPaths.paths, {
        spof,
        commonMode,
      }),
      layout: layeredLayout(threat.id, data.attackPaths.paths),
    };
  }, [data, threat, threatId, spof]);

  // Everything the answer names that can fail: the steps' controls and the cut sets' units.
  const known = useMemo(() => {
    const m = new Map<string, Failable>();
    for (const c of data?.securityDepth.cutSets ?? []) {
      for (const u of c.units)
        m.set(u.id, { id: u.id, name: u.name, note: c.commonMode ? 'common-mode dependency' : 'control' });
    }
    for (const p of data?.attackPaths.paths ?? []) {
      for (const s of p.steps) {
        for (const c of s.controls) {
          const note = `control, ${pct(c.effectiveness)} effective, ${domainTags(c.domains)}`;
          m.set(c.id, { id: c.id, name: c.name, note });
        }
      }
    }
    for (const u of data?.attackPaths.failed ?? []) {
      m.set(u.id, { id: u.id, name: u.name, note: u.kind === 'DEPENDENCY' ? 'dependency' : 'control' });
    }
    return m;
  }, [data]);
  const [pickedId, setPickedId] = useState<string | null>(null);
  const picked = pickedId ? pickedInPaths(elements, pickedId, known) : undefined;
  const nameOf = (id: string) => known.get(id)?.name ?? id;

  const fail = (id: string) => set({ failed: [...new Set([...failed, id])].join(',') });
  const depth = data?.securityDepth;
  return (
    <div>
      <h2>Attack paths</h2>
      <div className="controls">
        <ThreatPicker value={threatId} onChange={(id) => set({ threat: id, failed: '' })} />
        <TargetPicker threatId={threatId} value={assetId} onChange={(id) => set({ asset: id, failed: '' })} />
        <label>
          Paths
          <select aria-label="Paths" value={k} onChange={(e) => set({ k: e.target.value })}>
            {[1, 3, 5, 10].map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        {failed.length > 0 && (
          <span data-testid="failed">
            Taken as failed: {failed.map(nameOf).join(', ')}{' '}
            <button onClick={() => set({ failed: '' })}>Restore all</button>
          </span>
        )}
      </div>
      {!ready && <p>Choose a threat and the asset it targets.</p>}
      {result.error && <p className="error">{result.error}</p>}
      {data && (
        <div className="row">
          <div className="grow">
            <GraphCanvas
              name="paths"
              elements={elements}
              layout={layout}
              onSelect={setPickedId}
              onSelectEdge={setPickedId}
            />
          </div>
          <aside className="panel side" data-testid="paths-panel">
            {picked ? (
              <div className="picked" data-testid="picked">
                <strong className={picked.restricted ? 'restricted' : undefined}>{picked.title}</strong>{' '}
                <button onClick={() => setPickedId(null)}>Close</button>
                {picked.restricted && <p data-testid="picked-restricted">{RESTRICTED_NOTE}</p>}
                {picked.failable.map((f) => (
                  <div key={f.id} className={spof.has(f.id) ? 'spof' : undefined}>
                    {f.name} ({f.note}){' '}
                    <button className="danger" onClick={() => fail(f.id)} disabled={failed.includes(f.id)}>
                      What if {f.name} fails?
                    </button>
                  </div>
                ))}
                {picked.failable.length === 0 && !picked.restricted && (
                  <p className="hint">No control stands here now.</p>
                )}
                {picked.explore && (
                  <p>
                    <a href={href('explorer', { focus: picked.explore })}>Open in the explorer</a>
                  </p>
                )}
              </div>
            ) : (
              <p className="hint">
                Tap a step or a node of the graph to ask what happens if its control fails.
              </p>
            )}
            <h3>
              Security depth: {depth?.depth ?? '—'}
              {depth?.exposed && <span className="spof"> exposed: no control stands in the way</span>}
            </h3>
            {!depth?.reachable && <p>This threat cannot reach the asset within 8 steps.</p>}
            {depth && depth.singlePointsOfFailure.length > 0 && (
              <div data-testid="spof-list">
                <strong>Single points of failure</strong>
                <ul>
                  {depth.singlePointsOfFailure.map((u) => (
                    <li key={u.id} className="spof">
                      {u.name} ({u.kind === 'DEPENDENCY' ? 'dependency' : 'control'}, {domainTags(u.domains)}){' '}
                      <button className="danger" onClick={() => fail(u.id)}>
                        What if it fails?
                      </button>
                    </li>
                  ))}
                </ul>
              </div>
            )}
            {depth?.cutSets.some((c) => c.commonMode) && (
              <p className="hint">
                Common mode:{' '}
                {depth.cutSets
                  .filter((c) => c.commonMode)
                  .map((c) => c.units.map((u) => u.name).join(' + '))
                  .join('; ')}{' '}
                takes out controls of several domains at once.
              </p>
            )}
            {data.attackPaths.failedControls.length > 0 && (
              <p className="hint">{outOfAction(data.attackPaths.failedControls, known)}</p>
            )}
            {data.attackPaths.paths.map((p, i) => (
              <div className="path" key={i} data-testid="path">
                <strong>
                  #{i + 1} P = {pct(p.probability)}
                </strong>{' '}
                ({p.hops} hops)
                {p.steps.map((s, j) => (
                  <div className="step" key={j}>
                    → <NodeName node={p.nodes[j]} /> <em>{s.vector}</em>
                    {s.controls.map((c) => (
                      <div key={c.id} className={spof.has(c.id) ? 'spof' : undefined}>
                        control: {c.name} {pct(c.effectiveness)}{' '}
                        <button onClick={() => fail(c.id)} aria-label={`What if ${c.name} fails?`}>
                          fail it
                        </button>
                      </div>
                    ))}
                  </div>
                ))}
              </div>
            ))}
            {data.attackPaths.paths.length === 0 && <p>No path within 8 steps.</p>}
            <p>
              <a href={href('convergence', { asset: assetId })}>Convergence of the asset</a>
            </p>
            <Legend />
          </aside>
        </div>
      )}
    </div>
  );
}

/** The controls a what-if puts out of action: named when the paths show them, else counted. */
function outOfAction(ids: readonly string[], known: ReadonlyMap<string, Failable>): string {
  const named = ids.flatMap((id) => known.get(id)?.name ?? []);
  const rest = ids.length - named.length;
  const more = rest ? `${named.length ? ' and ' : ''}${rest} not on these paths` : '';
  const plural = ids.length === 1 ? '' : 's';
  return `Out of action in this what-if: ${ids.length} control${plural} (${named.join(', ')}${more}).`;
}
