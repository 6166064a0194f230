import { useMemo } from 'react';
import { AttackPathsDocument, type AttackPathsQuery } from '../api/generated';
import { useScope } from '../components/scope';
import { useQuery } from '../components/use-query';
import { pathElements } from '../graph/elements';
import { layeredLayout } from '../graph/layouts';
import { domainTags } from '../graph/palette';
import type { Failable } from '../graph/what-if';

export const pct = (p: number) => `${(p * 100).toFixed(p < 0.01 ? 2 : 1)}%`;

/**
 * The attack-paths view's address (threat, asset, k, failed), the paths answered for it, and the
 * graph drawn from them.
 */
export function useAttackPaths(params: URLSearchParams) {
  const threatId = params.get('threat') ?? '';
  const assetId = params.get('asset') ?? '';
  const k = Number(params.get('k') ?? 3);
  const failed = (params.get('failed') ?? '').split(',').filter(Boolean);
  const { go } = useScope();
  const set = (p: Record<string, string | undefined>) =>
    go('paths', { threat: threatId, asset: assetId, k: String(k), failed: failed.join(','), ...p });
  const ready = Boolean(threatId && assetId);
  const result = useQuery(AttackPathsDocument, { threatId, assetId, k, failed }, !ready);

  const data = ready ? result.data : undefined;
  const spof = useMemo(
    () => new Set(data?.securityDepth.singlePointsOfFailure.map((u) => u.id) ?? []),
    [data],
  );
  const { elements, layout } = usePathGraph(data, threatId, spof);
  const known = useFailables(data);
  const fail = (id: string) => set({ failed: [...new Set([...failed, id])].join(',') });
  return {
    threatId,
    assetId,
    k,
    failed,
    set,
    fail,
    ready,
    error: result.error,
    data,
    spof,
    elements,
    layout,
    known,
  };
}

/** The paths left to right from the threat, single points of failure and common-mode links marked. */
function usePathGraph(data: AttackPathsQuery | undefined, threatId: string, spof: ReadonlySet<string>) {
  const threat = data?.threat;
  return useMemo(() => {
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
}

/** Everything the answer names that can fail: the steps' controls and the cut sets' units. */
function useFailables(data: AttackPathsQuery | undefined): Map<string, Failable> {
  return useMemo(() => {
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
}
