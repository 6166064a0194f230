import { ReportRun } from '@rampart/domain';
import { currentScope } from '@rampart/access';

/**
 * Whether a generated report covers only organisations the current reader may see (issue 18): its
 * one organisation, or those a limited account generated it over (`organizations`, comma-joined).
 * A run over every organisation is for readers without a limit only.
 */
export function coversOnlyVisible(run: ReportRun): boolean {
  const scope = currentScope();
  if (!scope.limited) return true;
  const one = run.parameters.organizationId;
  const many = run.parameters.organizations;
  const covered = typeof one === 'string' ? [one] : typeof many === 'string' ? many.split(',') : null;
  return covered !== null && covered.every((id) => scope.sees(id));
}
