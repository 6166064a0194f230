import { useEffect, useMemo, useState } from 'react';
import { request } from '../api/client';
import { BlastRadiusDocument, type BlastRadiusQuery, type ReachMode, SearchDocument } from '../api/generated';
import { useScope } from '../components/scope';
import { type SearchHit as Hit, hitsOf } from '../components/search-results';
import { type NodeLike, reachElements } from '../graph/elements';

/** The answer of one blast-radius query and the variables it answers (stale answers are told apart). */
export interface BlastAnswer {
  key: string;
  mode: ReachMode;
  data?: BlastRadiusQuery['blastRadius'];
  error?: string;
}

/** Starts, mode and hops as the address holds them, and a way to change them. */
export function useBlastParams(params: URLSearchParams) {
  const { go } = useScope();
  const nodesParam = params.get('nodes') ?? '';
  const starts = useMemo(() => [...new Set(nodesParam.split(',').filter(Boolean))], [nodesParam]);
  const mode: ReachMode = params.get('mode') === 'PROBABLE' ? 'PROBABLE' : 'STRUCTURAL';
  const hopsParam = Number(params.get('hops') ?? 6);
  const maxHops = Number.isInteger(hopsParam) && hopsParam > 0 ? hopsParam : 6;
  const set = (p: Record<string, string | undefined>) =>
    go('blast', { nodes: starts.join(','), mode, hops: String(maxHops), ...p });
  return { starts, mode, maxHops, set };
}

/** Names (and kinds) of the starts: from the search results picked, else looked up by id. */
export function useStartNames(starts: readonly string[], orgId: string) {
  const [known, setKnown] = useState<Record<string, Hit>>({});
  useEffect(() => {
    const unknown = starts.filter((id) => !known[id]);
    if (!unknown.length) return;
    let live = true;
    void Promise.all(
      unknown.map((id) =>
        request(SearchDocument, { text: id, org: orgId })
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
  }, [starts, known, orgId]);
  const startNodes: NodeLike[] = useMemo(
    () => starts.map((id) => ({ id, name: known[id]?.name ?? id, labels: known[id]?.labels ?? [] })),
    [starts, known],
  );
  return { startNodes, setKnown };
}

/** The blast radius of the starts; the previous answer stays shown while the next one computes. */
export function useBlastAnswer(starts: readonly string[], mode: ReachMode, maxHops: number) {
  const key = JSON.stringify({ starts, mode, maxHops });
  const [answer, setAnswer] = useState<BlastAnswer>();
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
  const error = answer?.key === key ? answer.error : undefined;
  return { answer, loading, data, error };
}

/** The starts and what they reach, with only the edges between drawn nodes. */
export function useReachElements(data: BlastAnswer['data'], startNodes: NodeLike[]) {
  return useMemo(() => {
    if (!data) return [];
    const els = reachElements(startNodes, data.nodes);
    // Only edges between drawn nodes (a path through a node left out would break the canvas).
    const drawn = new Set(els.filter((e) => e.group === 'nodes').map((e) => e.data.id));
    return els.filter(
      (e) =>
        e.group === 'nodes' || (drawn.has(e.data.source as string) && drawn.has(e.data.target as string)),
    );
  }, [data, startNodes]);
}
