import type { ElementDefinition } from 'cytoscape';

/** A control or dependency the analyst can take as failed, as the panel shows it. */
export interface Failable {
  id: string;
  name: string;
  /** e.g. "control, 80% effective, CYB" or "dependency". */
  note: string;
}

/** What a tap on the attack-paths graph picked: a step, a node, or a common-mode link. */
export interface Picked {
  title: string;
  /** What could fail there (the step's controls, the dependency itself). */
  failable: Failable[];
  /** A node worth opening in the explorer. */
  explore?: string;
  /** A node above the user's clearance: its kind only, nothing to open (its id is a stand-in). */
  restricted?: boolean;
}

/**
 * The picked element of an attack-paths graph, with what can fail there: a step lists the
 * controls it passes, a common-mode link or node its dependency, a single point of failure
 * itself; a restricted node only its kind. `known` holds every failable the answer named (controls of the steps, cut-set units).
 */
export function pickedInPaths(
  elements: readonly ElementDefinition[],
  id: string,
  known: ReadonlyMap<string, Failable>,
): Picked | undefined {
  const byId = new Map(elements.map((e) => [e.data.id as string, e]));
  const el = byId.get(id);
  if (!el) return undefined;
  const name = (n: string) => (byId.get(n)?.data.name as string | undefined) ?? n;
  const found = (ids: readonly string[]) => ids.flatMap((c) => known.get(c) ?? []);
  if (el.group === 'edges') {
    const { source, target, vector, controls } = el.data as {
      source: string;
      target: string;
      vector?: string;
      controls?: string[];
    };
    if (!controls) {
      return {
        title: `${name(source)} takes out a control on the way to ${name(target)}`,
        failable: found([source]),
      };
    }
    return { title: `${name(source)} → ${name(target)} (${vector ?? 'step'})`, failable: found(controls) };
  }
  if (el.data.restricted) return { title: el.data.label as string, failable: [], restricted: true };
  const kind = el.data.kind as string;
  return { title: name(id), failable: found([id]), ...(kind === 'Threat' ? {} : { explore: id }) };
}
