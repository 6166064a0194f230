import { createContext, useContext } from 'react';
import { type OrgChoice, scopedHref } from '../org-scope';
import { type ViewName, go as goTo } from '../route';

export interface Scope {
  /** The organisation every query of the views is scoped to. */
  org: OrgChoice;
  /** A link into a view of this organisation (the address carries `org=`). */
  href: (view: ViewName, params?: Record<string, string | undefined>) => string;
  /** Opens a view of this organisation. */
  go: (view: ViewName, params?: Record<string, string | undefined>) => void;
}

const ScopeContext = createContext<Scope | undefined>(undefined);

export function scopeOf(org: OrgChoice): Scope {
  return { org, href: scopedHref(org.id), go: (view, params = {}) => goTo(view, { org: org.id, ...params }) };
}

export const ScopeProvider = ScopeContext.Provider;

/** The organisation the signed-in shell chose, with links that keep it. */
export function useScope(): Scope {
  const scope = useContext(ScopeContext);
  if (!scope) throw new Error('useScope outside ScopeProvider: views render inside the signed-in shell.');
  return scope;
}
