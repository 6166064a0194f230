import { DomainError } from '@rampart/domain';
import { parseQuery } from '../common/valid-query';
import { exportQuery, importQuery } from './interchange.controller';

const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (e) {
    expect((e as DomainError).code).toBe('VALIDATION_FAILED');
    return (e as Error).message;
  }
  throw new Error('expected a refusal');
};

describe('POST /api/import query', () => {
  const parse = (q: Record<string, unknown>) => parseQuery(importQuery, q);

  it('defaults: a real import named upload, no organisation or source given', () => {
    expect(parse({})).toEqual({ dryRun: false, prune: false, filename: 'upload' });
  });

  it('reads the flags (true or 1) and the names as given', () => {
    expect(
      parse({ dryRun: 'true', prune: '1', organizationId: 'org-a', source: 'api-test', filename: 'x.yaml' }),
    ).toEqual({ dryRun: true, prune: true, organizationId: 'org-a', source: 'api-test', filename: 'x.yaml' });
    expect(parse({ dryRun: 'false', prune: '0' })).toMatchObject({ dryRun: false, prune: false });
  });

  it('refuses a flag it cannot read rather than importing for real', () => {
    expect(refusal(() => parse({ dryRun: 'yes' }))).toBe('dryRun must be true, false, 1 or 0; got "yes".');
    expect(refusal(() => parse({ prune: '' }))).toBe('prune must be true, false, 1 or 0; got "".');
  });

  it('refuses a repeated name', () => {
    expect(refusal(() => parse({ source: ['a', 'b'] }))).toBe('source must be given once; got ["a","b"].');
  });
});

describe('GET /api/export query', () => {
  const parse = (q: Record<string, unknown>) => parseQuery(exportQuery, q);

  it('defaults to the native YAML of the one organisation', () => {
    expect(parse({})).toEqual({ format: 'yaml' });
  });

  it('takes every export format, an organisation and a source', () => {
    for (const format of ['yaml', 'json', 'cytoscape', 'graphml', 'csv'])
      expect(parse({ format }).format).toBe(format);
    expect(parse({ organizationId: 'org-a', source: 's' })).toEqual({
      format: 'yaml',
      organizationId: 'org-a',
      source: 's',
    });
  });

  it('refuses other formats, naming them all', () => {
    expect(refusal(() => parse({ format: 'pdf' }))).toBe(
      'format must be one of yaml, json, cytoscape, graphml, csv; got "pdf".',
    );
    expect(refusal(() => parse({ format: '' }))).toMatch(/^format must be one of .*; got ""\.$/);
    expect(refusal(() => parse({ format: 'YAML' }))).toMatch(/got "YAML"\.$/);
  });
});
