import { type ViewName, href } from './route';

/** An organisation the account may see, as the header picker offers it. */
export interface OrgChoice {
  id: string;
  name: string;
}

export interface ResolvedOrg {
  /** The organisation the views work on; none only when there is no organisation at all. */
  org?: OrgChoice;
  /** The id the address asked for when no organisation has it (the views show the default). */
  unknown?: string;
}

const byId = (a: OrgChoice, b: OrgChoice) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * The organisation of the address (`org=<id>`), else the default: the first in id order (the
 * only one, for most installations). An id no organisation has falls back to the default too,
 * and is returned as `unknown` so the page can say so.
 */
export function resolveOrg(requested: string | null | undefined, orgs: readonly OrgChoice[]): ResolvedOrg {
  const sorted = [...orgs].sort(byId);
  const asked = requested ? sorted.find((o) => o.id === requested) : undefined;
  if (asked) return { org: asked };
  return { org: sorted[0], unknown: requested || undefined };
}

/** A link into a view of this organisation: `org` first, so every address shows it up front. */
export const scopedHref =
  (orgId: string) =>
  (view: ViewName, params: Record<string, string | undefined> = {}): string =>
    href(view, { org: orgId, ...params });

/** The same view's parameters with `org` set (first); for correcting an address in place. */
export function withOrg(params: URLSearchParams, orgId: string): Record<string, string> {
  const out: Record<string, string> = { org: orgId };
  for (const [k, v] of params) if (k !== 'org') out[k] = v;
  return out;
}

/** What the page says when the address named an organisation it cannot show. */
export const unknownOrgNote = (unknown: string, shown: OrgChoice) =>
  `No organisation you may see has the id “${unknown}”: showing ${shown.name} instead.`;
