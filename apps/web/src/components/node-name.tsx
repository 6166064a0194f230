import type { ReactNode } from 'react';
import { RESTRICTED_NOTE, type RestrictedLike, restrictedLabel } from '../graph/restricted';

/**
 * A node's name in a list or table: a link when `link` is given, else the name. A restricted node
 * reads "restricted (Facility)", muted and never a link (its id is a stand-in the API refuses).
 */
export function NodeName({
  node,
  link,
  className,
  bare,
  children,
}: {
  node: RestrictedLike & { name: string };
  link?: string;
  className?: string;
  /** A restricted node reads just "restricted" (its kind is shown beside it). */
  bare?: boolean;
  /** What to show instead of the name (e.g. a finding's message). */
  children?: ReactNode;
}) {
  if (node.restricted) {
    return (
      <span className="restricted" title={RESTRICTED_NOTE} data-restricted>
        {children ?? (bare ? 'restricted' : restrictedLabel(node))}
      </span>
    );
  }
  const text = children ?? node.name;
  return link ? (
    <a className={className} href={link}>
      {text}
    </a>
  ) : (
    <span className={className}>{text}</span>
  );
}

/** The detail panel of a restricted node: the note and its kind, no properties, no actions. */
export function RestrictedDetail({ node }: { node: RestrictedLike }) {
  return (
    <div className="restricted-detail" data-testid="restricted-detail">
      <h3 className="restricted">{restrictedLabel(node)}</h3>
      <p>{RESTRICTED_NOTE}</p>
    </div>
  );
}
