import { useEffect, useRef, useSyncExternalStore } from 'react';
import { type User, session } from './api/session';
import { OrgPicker } from './components/org-picker';
import { ScopeProvider } from './components/scope';
import { VIEWS, href, useRoute } from './route';
import { useOrgScope } from './use-org-scope';
import { AttackPathsView } from './views/attack-paths-view';
import { BlastRadiusView } from './views/blast-radius-view';
import { ConvergenceView } from './views/convergence-view';
import { DashboardView } from './views/dashboard-view';
import { ExplorerView } from './views/explorer-view';
import { SignInView } from './views/sign-in-view';

/**
 * The shell. Nothing of the organisation shows without a session: while the tab's stored sign-in
 * is resumed it says "Loading", without one it shows the sign-in page (the hash is kept, so the
 * view asked for opens once signed in).
 */
export function App() {
  const state = useSyncExternalStore(session.subscribe, session.state);
  // Whether this page load showed the sign-in page: then the views take the focus once signed in.
  const signedInHere = useRef(false);
  useEffect(() => {
    void session.restore();
  }, []);
  if (state.status === 'signed-out') signedInHere.current = true;

  if (state.status !== 'signed-in') {
    return (
      <div className="app">
        <header>
          <strong className="brand">Rampart</strong>
        </header>
        <main>
          {state.status === 'loading' ? (
            <p aria-busy="true">Loading…</p>
          ) : (
            <SignInView message={state.message} />
          )}
        </main>
      </div>
    );
  }
  return <SignedIn user={state.user} takeFocus={signedInHere.current} />;
}

function SignedIn({ user, takeFocus }: { user: User; takeFocus: boolean }) {
  const { view, params } = useRoute();
  const mainRef = useRef<HTMLElement>(null);
  useEffect(() => {
    if (takeFocus) mainRef.current?.focus();
  }, [takeFocus]);
  const { orgs, org, scope, note, loading, error, choose } = useOrgScope(view, params);
  return (
    <div className="app">
      <header>
        <strong className="brand">Rampart</strong>
        <nav aria-label="Views">
          {VIEWS.map((v) => (
            <a
              key={v.name}
              href={scope ? scope.href(v.name) : href(v.name)}
              aria-current={v.name === view ? 'page' : undefined}
            >
              {v.title}
            </a>
          ))}
        </nav>
        {org && <OrgPicker orgs={orgs} value={org.id} onChange={choose} />}
        <div className="account">
          <span data-testid="signed-in-as">
            {user.username} <span className="roles">({user.roles.join(', ')})</span>
          </span>
          <button type="button" onClick={() => void session.signOut()}>
            Sign out
          </button>
        </div>
      </header>
      <main ref={mainRef} tabIndex={-1}>
        {note && (
          <p className="note" role="status" data-testid="org-note">
            {note}
          </p>
        )}
        {error && <p className="error">{error}</p>}
        {loading && <p aria-busy="true">Loading the organisations…</p>}
        {!loading && !error && !org && (
          <p data-testid="no-organisation">
            No organisation in the graph yet: import one first (docs/import.md).
          </p>
        )}
        {scope && (
          // Keyed by organisation: a switch starts every view afresh (nothing of the other one stays).
          <ScopeProvider value={scope} key={scope.org.id}>
            {view === 'dashboard' && <DashboardView />}
            {view === 'paths' && <AttackPathsView params={params} />}
            {view === 'explorer' && <ExplorerView params={params} />}
            {view === 'blast' && <BlastRadiusView params={params} />}
            {view === 'convergence' && <ConvergenceView params={params} />}
          </ScopeProvider>
        )}
      </main>
    </div>
  );
}
