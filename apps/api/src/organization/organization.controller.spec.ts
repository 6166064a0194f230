import { DomainError } from '@rampart/domain';
import { parseQuery } from '../common/valid-query';
import { deleteOrganizationQuery } from './organization.controller';

describe('DELETE /api/organizations/:id query', () => {
  const parse = (q: Record<string, unknown>) => parseQuery(deleteOrganizationQuery, q);

  it('deletes for real, without force, by default', () => {
    expect(parse({})).toEqual({ dryRun: false, force: false });
  });

  it('reads true or 1 as on, false or 0 as off', () => {
    expect(parse({ dryRun: 'true', force: '1' })).toEqual({ dryRun: true, force: true });
    expect(parse({ dryRun: '0', force: 'false' })).toEqual({ dryRun: false, force: false });
  });

  it('refuses a flag it cannot read: a dry run asked for wrongly deletes nothing', () => {
    for (const dryRun of ['yes', 'TRUE', '', 'on']) {
      let error: unknown;
      try {
        parse({ dryRun });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).message).toBe(
        `dryRun must be true, false, 1 or 0; got ${JSON.stringify(dryRun)}.`,
      );
    }
    expect(() => parse({ force: ['true', 'true'] })).toThrow(
      'force must be given once; got ["true","true"].',
    );
  });
});
