/** Relationships of other organisations (or of the threat library) on entities a prune would delete. */
export interface ForeignReferences {
  /** null: the threat library. */
  organizationId: string | null;
  relationships: number;
  /** Up to five, "from TYPE to". */
  examples: string[];
}

export const toForeignReferences = (r: Record<string, unknown>): ForeignReferences => ({
  organizationId: (r.organizationId as string | null) ?? null,
  relationships: Number(r.relationships),
  examples: r.examples as string[],
});

/** Rows of several statements (chunks of one prune) as one per organisation, examples capped at five. */
export function mergeForeignReferences(rows: readonly Record<string, unknown>[]): ForeignReferences[] {
  const byOrg = new Map<string | null, ForeignReferences>();
  for (const f of rows.map(toForeignReferences)) {
    const seen = byOrg.get(f.organizationId);
    if (!seen) byOrg.set(f.organizationId, { ...f, examples: f.examples.slice(0, 5) });
    else {
      seen.relationships += f.relationships;
      seen.examples = [...seen.examples, ...f.examples].slice(0, 5);
    }
  }
  return [...byOrg.values()];
}

/** "2 of organisation "org-b" (p-1 OWNS sys-a; ...), 1 of the threat library (...)". */
export function describeForeign(refs: readonly ForeignReferences[]): string {
  return refs
    .map((r) => {
      const who = r.organizationId ? `organisation "${r.organizationId}"` : 'the threat library';
      return `${r.relationships} of ${who} (${r.examples.join('; ')})`;
    })
    .join(', ');
}

/** Why a prune is refused: whose relationships would go with the entities it deletes. */
export const foreignReferencesMessage = (refs: readonly ForeignReferences[]) =>
  `the prune would delete entities that relationships stated elsewhere refer to: ${describeForeign(refs)}; remove those references first, or import without prune`;
