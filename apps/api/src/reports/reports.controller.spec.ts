import { DomainError } from '@rampart/domain';
import { parseQuery } from '../common/valid-query';
import { reportQuery, reportRunsQuery } from './reports.controller';

const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (e) {
    expect((e as DomainError).code).toBe('VALIDATION_FAILED');
    return (e as Error).message;
  }
  throw new Error('expected a refusal');
};

describe('GET /api/reports query', () => {
  const parse = (q: Record<string, unknown>) => parseQuery(reportRunsQuery, q);

  it('defaults to the latest 50 of every report', () => {
    expect(parse({})).toEqual({ first: 50 });
  });

  it('takes a report name and 1 to 1000', () => {
    expect(parse({ report: 'uncovered', first: '10' })).toEqual({ report: 'uncovered', first: 10 });
    expect(parse({ first: '1' }).first).toBe(1);
    expect(parse({ first: '1000' }).first).toBe(1000);
  });

  it('refuses a count out of range or not a whole number', () => {
    for (const first of ['0', '1001', '-5', '2.5', 'ten', '']) {
      expect(refusal(() => parse({ first }))).toBe(
        `first must be a whole number from 1 to 1000; got ${JSON.stringify(first)}.`,
      );
    }
  });
});

describe('GET /api/reports/:name query', () => {
  const parse = (q: Record<string, unknown>) => parseQuery(reportQuery, q);

  it('defaults to a PDF of every organisation, as of today', () => {
    expect(parse({})).toEqual({ format: 'pdf' });
  });

  it('takes every report format, an organisation and a date', () => {
    for (const format of ['md', 'html', 'pdf', 'csv', 'json']) expect(parse({ format }).format).toBe(format);
    expect(parse({ format: 'md', organizationId: 'org-a', asOf: '2026-11-23' })).toEqual({
      format: 'md',
      organizationId: 'org-a',
      asOf: '2026-11-23',
    });
  });

  it('refuses other formats, listing the formats', () => {
    expect(refusal(() => parse({ format: 'docx' }))).toBe(
      'format must be a report format (the formats are md, html, pdf, csv, json); got "docx".',
    );
  });

  it('refuses a date that is not YYYY-MM-DD, as the reports do', () => {
    for (const asOf of ['2026-11-23T10:00', 'yesterday', '2026-00-10', '']) {
      expect(refusal(() => parse({ asOf }))).toBe(
        `asOf must be an ISO date such as 2026-11-23; got ${JSON.stringify(asOf)}.`,
      );
    }
  });
});
