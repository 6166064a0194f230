import { useEffect, useMemo, useState } from 'react';
import { OrganizationsDocument } from './api/generated';
import { type Scope, scopeOf } from './components/scope';
import { useQuery } from './components/use-query';
import { type OrgChoice, resolveOrg, unknownOrgNote, withOrg } from './org-scope';
import { type ViewName, go, href, replaceRoute } from './route';

export interface OrgScopeState {
  /** Every organisation the account may see, in id order. */
  orgs: OrgChoice[];
  org?: OrgChoice;
  /** Set once the organisations are known and there is one to show. */
  scope?: Scope;
  loading: boolean;
  error?: string;
  /** Why the address's organisation is not the one shown. */
  note?: string;
  /** Switches organisation: the same view, afresh (its other parameters named the other one's entities). */
  choose: (id: string) => void;
}

/**
 * The organisation of the signed-in shell: the one the address names (`org=`), else the first in
 * id order. The address is corrected in place to name the one shown, so links, reloads and
 * bookmarks keep it; an id no organisation has is replaced by the default with a note.
 */
export function useOrgScope(view: ViewName, params: URLSearchParams): OrgScopeState {
  const answer = useQuery(OrganizationsDocument, {});
  const orgs = useMemo(
    () => [...(answer.data?.organizations ?? [])].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
    [answer.data],
  );
  const requested = params.get('org');
  const { org, unknown } = useMemo(
    () => (answer.data ? resolveOrg(requested, orgs) : {}),
    [answer.data, requested, orgs],
  );
  // The note is about the address arrived at: shown while the page stays at the corrected one.
  const [note, setNote] = useState<{ text: string; at: string }>();
  useEffect(() => {
    if (!org || requested === org.id) return;
    const corrected = withOrg(params, org.id);
    if (unknown) setNote({ text: unknownOrgNote(unknown, org), at: href(view, corrected) });
    replaceRoute({ view, params }, corrected);
  }, [org, unknown, requested, view, params]);
  const here = href(view, Object.fromEntries(params));
  const scope = useMemo(() => (org ? scopeOf(org) : undefined), [org]);
  return {
    orgs,
    org,
    scope,
    loading: !answer.data && !answer.error,
    error: answer.error,
    note: note?.at === here ? note.text : undefined,
    choose: (id) => go(view, { org: id }),
  };
}
