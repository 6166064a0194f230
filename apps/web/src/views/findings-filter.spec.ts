import { filterFindings } from './findings-filter';

const findings = [
  {
    ruleId: 'GOV-1',
    title: 'No owner',
    message: 'CRM has no owner',
    nodes: [{ id: 'sys-crm', name: 'CRM' }],
  },
  {
    ruleId: 'PER-2',
    title: 'Not vetted',
    message: 'Femi is not vetted',
    nodes: [{ id: 'p-femi', name: 'Femi Adeyemi' }],
  },
];

describe('filterFindings', () => {
  it('keeps everything for an empty search', () => {
    expect(filterFindings(findings, '  ')).toEqual(findings);
  });

  it('matches rule, message and flagged nodes by name or id, any case', () => {
    expect(filterFindings(findings, 'per-2').map((f) => f.ruleId)).toEqual(['PER-2']);
    expect(filterFindings(findings, 'ADEYEMI').map((f) => f.ruleId)).toEqual(['PER-2']);
    expect(filterFindings(findings, 'sys-crm').map((f) => f.ruleId)).toEqual(['GOV-1']);
    expect(filterFindings(findings, 'no owner').map((f) => f.ruleId)).toEqual(['GOV-1']);
    expect(filterFindings(findings, 'nothing like it')).toEqual([]);
  });
});
