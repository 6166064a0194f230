import { VIEWS, href, useRoute } from './route';
import { AttackPathsView } from './views/attack-paths-view';
import { BlastRadiusView } from './views/blast-radius-view';
import { ConvergenceView } from './views/convergence-view';
import { DashboardView } from './views/dashboard-view';
import { ExplorerView } from './views/explorer-view';

export function App() {
  const { view, params } = useRoute();
  return (
    <div className="app">
      <header>
        <strong className="brand">Rampart</strong>
        <nav aria-label="Views">
          {VIEWS.map((v) => (
            <a key={v.name} href={href(v.name)} aria-current={v.name === view ? 'page' : undefined}>
              {v.title}
            </a>
          ))}
        </nav>
      </header>
      <main>
        {view === 'dashboard' && <DashboardView />}
        {view === 'paths' && <AttackPathsView params={params} />}
        {view === 'explorer' && <ExplorerView params={params} />}
        {view === 'blast' && <BlastRadiusView params={params} />}
        {view === 'convergence' && <ConvergenceView params={params} />}
      </main>
    </div>
  );
}
