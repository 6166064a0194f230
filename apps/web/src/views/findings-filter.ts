/** The findings list shows at most this many rows; the rest are counted and found by search. */
export const FINDINGS_SHOWN = 200;

interface FindingLike {
  ruleId: string;
  title: string;
  message: string;
  nodes: readonly { id: string; name: string }[];
}

/** Findings whose rule, title, message or flagged nodes (name or id) contain the text, any case. */
export function filterFindings<T extends FindingLike>(findings: readonly T[], text: string): T[] {
  const t = text.trim().toLowerCase();
  if (!t) return [...findings];
  return findings.filter((f) =>
    [f.ruleId, f.title, f.message, ...f.nodes.flatMap((n) => [n.id, n.name])].some((s) =>
      s.toLowerCase().includes(t),
    ),
  );
}
