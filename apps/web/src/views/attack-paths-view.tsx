import { useState } from 'react';
import { GraphCanvas } from '../components/graph-canvas';
import { pickedInPaths } from '../graph/what-if';
import { AttackPathsPanel } from './attack-paths-panel';
import { TargetPicker, ThreatPicker } from './path-pickers';
import { useAttackPaths } from './use-attack-paths';

/**
 * Pick a threat and an asset: the k most likely paths left to right, each step's controls,
 * single points of failure and common-mode dependencies highlighted. "What if it fails?" on any
 * control or dependency (listed in the panel, or picked by tapping a step or node of the graph)
 * recomputes with it failed (kept in the address: `failed=`). Threats and targets are those of
 * the chosen organisation, the targets the threat reaches first.
 */
export function AttackPathsView({ params }: { params: URLSearchParams }) {
  const paths = useAttackPaths(params);
  const { ready, error, data, elements, known } = paths;
  const [pickedId, setPickedId] = useState<string | null>(null);
  const picked = pickedId ? pickedInPaths(elements, pickedId, known) : undefined;
  return (
    <div>
      <h2>Attack paths</h2>
      <AttackPathsControls paths={paths} />
      {!ready && <p>Choose a threat and the asset it targets.</p>}
      {error && <p className="error">{error}</p>}
      {data && (
        <div className="row">
          <div className="grow">
            <GraphCanvas
              name="paths"
              elements={elements}
              layout={paths.layout}
              onSelect={setPickedId}
              onSelectEdge={setPickedId}
            />
          </div>
          <AttackPathsPanel
            data={data}
            assetId={paths.assetId}
            spof={paths.spof}
            known={known}
            failed={paths.failed}
            picked={picked}
            onClosePicked={() => setPickedId(null)}
            fail={paths.fail}
          />
        </div>
      )}
    </div>
  );
}

/** Threat, target and number of paths; what is taken as failed, with a way back. */
function AttackPathsControls({ paths }: { paths: ReturnType<typeof useAttackPaths> }) {
  const { threatId, assetId, k, failed, set, known } = paths;
  const nameOf = (id: string) => known.get(id)?.name ?? id;
  return (
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
  );
}
