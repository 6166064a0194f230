import { KINDS, kindOf } from './kinds';

/**
 * Need-to-know (docs/spec/analytics.md §8): a node above the signed-in user's clearance comes back with
 * `restricted: true`, the name "restricted", a stand-in id (`restricted-<16 hex>`, stable so that
 * edges still connect), its labels and its numbers only. It is drawn grey, in a shape of its own
 * with a dashed border, and labelled with its kind only; nothing offers to query it by id (the
 * API answers NOT_FOUND for a stand-in).
 */
export const RESTRICTED_STYLE = {
  color: '#9E9E9E',
  border: '#616161',
  /** No kind uses it (kinds.ts), so a restricted node never passes for one. */
  shape: 'cut-rectangle',
} as const;

/** What a panel shows in place of a restricted node's properties. */
export const RESTRICTED_NOTE = 'Restricted: above your clearance';

/** What tells a restricted node: the flag, and its labels for its kind. */
export interface RestrictedLike {
  restricted?: boolean | null;
  labels?: readonly string[] | null;
  label?: string | null;
}

export const isRestricted = (n: { restricted?: boolean | null } | null | undefined): boolean =>
  Boolean(n?.restricted);

/** An id the API made up for a restricted node (where only an id is given, e.g. common-mode units). */
export const isStandInId = (id: string): boolean => /^restricted-[0-9a-f]{16}$/.test(id);

/** The kind of a restricted node, all it shows: "Facility", "Service provider"; null if unknown. */
export function restrictedKind(n: RestrictedLike): string | null {
  const kind = kindOf(n.labels?.length ? n.labels : n.label ? [n.label] : []);
  if (kind === 'Asset') return 'Asset';
  if (kind !== 'Other') return KINDS.find((k) => k.kind === kind)?.title ?? kind;
  return n.label && n.label !== 'restricted' ? n.label : null;
}

/** "restricted (Facility)": the word and the kind, never anything else of the node. */
export function restrictedLabel(n: RestrictedLike): string {
  const kind = restrictedKind(n);
  return kind ? `restricted (${kind})` : 'restricted';
}
