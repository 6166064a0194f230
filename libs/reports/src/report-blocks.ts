import { Block } from './report-document';
import { RiskMatrixCount, WeakestLinkRow } from './report-data';
import { barChartSvg, riskMatrixSvg, RiskMatrixCell } from './svg-charts';

/** Printed at the top of every report and on every PDF page. */
export const REPORT_MARKING = 'NEED-TO-KNOW: this report maps the organisation’s weakest points';

/** The residual risk matrix as a chart with its data table (same block in every report). */
export function riskMatrixChart(cells: readonly RiskMatrixCount[]): Block {
  return {
    kind: 'chart',
    title: 'Residual risk: likelihood × consequence (count of threat–asset pairs)',
    svg: riskMatrixSvg(cells.map((c) => ({ ...c }) as RiskMatrixCell)),
    table: {
      columns: ['Likelihood', 'Consequence', 'Level', 'Pairs'],
      rows: cells.filter((c) => c.count).map((c) => [c.likelihood, c.consequence, c.level, c.count]),
    },
  };
}

/** The weakest links as a chart with its data table (same block in every report). */
export function weakestLinksChart(links: readonly WeakestLinkRow[]): Block {
  return {
    kind: 'chart',
    title: 'Weakest links: rise of residual risk over critical assets if the control fails',
    svg: barChartSvg(
      'Weakest links',
      links.map((w) => ({ label: w.control.name, value: w.riskIncrease })),
    ),
    table: {
      columns: ['Control', 'Domains', 'Risk increase', 'Single point of failure for'],
      rows: links.map((w) => [
        w.control.name,
        w.control.domains.join(', '),
        w.riskIncrease,
        w.singlePointOfFailureFor,
      ]),
    },
  };
}
