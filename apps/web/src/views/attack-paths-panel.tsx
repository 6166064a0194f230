import type { AttackPathsQuery } from '../api/generated';
import { Legend } from '../components/legend';
import { NodeName } from '../components/node-name';
import { useScope } from '../components/scope';
import { domainTags } from '../graph/palette';
import { RESTRICTED_NOTE } from '../graph/restricted';
import type { Failable, Picked } from '../graph/what-if';
import { pct } from './use-attack-paths';

interface PanelProps {
  data: AttackPathsQuery;
  assetId: string;
  spof: ReadonlySet<string>;
  known: ReadonlyMap<string, Failable>;
  failed: readonly string[];
  picked: Picked | undefined;
  onClosePicked: () => void;
  fail: (id: string) => void;
}

/** The side panel of the attack-paths view: the picked element, the security depth, the paths. */
export function AttackPathsPanel(props: PanelProps) {
  const { data, assetId, spof, known, fail } = props;
  const { href } = useScope();
  return (
    <aside className="panel side" data-testid="paths-panel">
      {props.picked ? (
        <PickedElement
          picked={props.picked}
          spof={spof}
          failed={props.failed}
          onClose={props.onClosePicked}
          fail={fail}
        />
      ) : (
        <p className="hint">Tap a step or a node of the graph to ask what happens if its control fails.</p>
      )}
      <SecurityDepth depth={data.securityDepth} fail={fail} />
      {data.attackPaths.failedControls.length > 0 && (
        <p className="hint">{outOfAction(data.attackPaths.failedControls, known)}</p>
      )}
      <PathList paths={data.attackPaths.paths} spof={spof} fail={fail} />
      {data.attackPaths.paths.length === 0 && <p>No path within 8 steps.</p>}
      <p>
        <a href={href('convergence', { asset: assetId })}>Convergence of the asset</a>
      </p>
      <Legend />
    </aside>
  );
}

/** What a tap on the graph picked, with a "what if it fails?" for each control there. */
function PickedElement({
  picked,
  spof,
  failed,
  onClose,
  fail,
}: {
  picked: Picked;
  spof: ReadonlySet<string>;
  failed: readonly string[];
  onClose: () => void;
  fail: (id: string) => void;
}) {
  const { href } = useScope();
  return (
    <div className="picked" data-testid="picked">
      <strong className={picked.restricted ? 'restricted' : undefined}>{picked.title}</strong>{' '}
      <button onClick={onClose}>Close</button>
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
  );
}

/** The security depth: single points of failure and common-mode units. */
function SecurityDepth({
  depth,
  fail,
}: {
  depth: AttackPathsQuery['securityDepth'];
  fail: (id: string) => void;
}) {
  return (
    <>
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
    </>
  );
}

/** The paths, most likely first, each step with its controls and a "fail it" button. */
function PathList({
  paths,
  spof,
  fail,
}: {
  paths: AttackPathsQuery['attackPaths']['paths'];
  spof: ReadonlySet<string>;
  fail: (id: string) => void;
}) {
  return (
    <>
      {paths.map((p, i) => (
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
    </>
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
