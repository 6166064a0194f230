import { useEffect, useMemo, useState } from 'react';
import { request } from '../api/client';
import { NeighbourhoodDocument } from '../api/generated';
import { type Neighbourhood, mergeNeighbourhoods } from '../graph/explorer-graph';
import { isRestricted, isStandInId } from '../graph/restricted';

/**
 * The explored graph: the neighbourhoods loaded so far (the focus's at once), merged. A restricted
 * entity is never expanded: its id is a stand-in the API does not answer for.
 */
export function useExplorerGraph(focus: string) {
  const [loaded, setLoaded] = useState<Neighbourhood[]>([]);
  const [error, setError] = useState<string>();
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
  const isExpanded = (id: string) => loaded.some((n) => n.entity.id === id);
  return { loaded, clear: () => setLoaded([]), graph, expand, isExpanded, error };
}
