import { DEFAULT_CLASSIFICATION_LEVELS } from '@rampart/domain';
import { clearanceRank, maySee, visibleLevels } from './clearance';

describe('clearance', () => {
  it('ranks the default levels lowest first', () => {
    expect(DEFAULT_CLASSIFICATION_LEVELS.map((l) => clearanceRank(l))).toEqual([0, 1, 2, 3, 4]);
    expect(clearanceRank('SECRET')).toBeGreaterThan(clearanceRank('OFFICIAL'));
    expect(clearanceRank('COSMIC')).toBe(-1);
    expect(clearanceRank('secret')).toBe(-1);
  });

  it('lets a user see records at or below their clearance', () => {
    expect(maySee('OFFICIAL', 'UNCLASSIFIED')).toBe(true);
    expect(maySee('OFFICIAL', 'OFFICIAL')).toBe(true);
    expect(maySee('OFFICIAL', 'SECRET')).toBe(false);
    expect(maySee('TOP_SECRET', 'SECRET')).toBe(true);
    expect(maySee('SECRET', 'TOP_SECRET')).toBe(false);
  });

  it('shows unclassified records to everyone, even a user with no or an unknown clearance', () => {
    for (const user of ['UNCLASSIFIED', 'TOP_SECRET', 'NONSENSE', null, undefined]) {
      expect(maySee(user, null)).toBe(true);
      expect(maySee(user, undefined)).toBe(true);
    }
  });

  it('fails closed on an unknown record classification: nobody sees it', () => {
    for (const record of ['COSMIC', 'secret', '', 'SECRET ']) {
      expect(maySee('TOP_SECRET', record)).toBe(false);
    }
  });

  it('fails closed on an unknown user clearance: only unclassified records', () => {
    for (const user of ['COSMIC', 'top_secret', '', null, undefined]) {
      expect(maySee(user, 'UNCLASSIFIED')).toBe(false);
      expect(visibleLevels(user)).toEqual([]);
    }
  });

  it('uses an organisation’s own levels when given', () => {
    const levels = ['PUBLIC', 'INTERNAL', 'CONFIDENTIAL'];
    expect(clearanceRank('CONFIDENTIAL', levels)).toBe(2);
    expect(maySee('INTERNAL', 'CONFIDENTIAL', levels)).toBe(false);
    expect(maySee('CONFIDENTIAL', 'INTERNAL', levels)).toBe(true);
    // A default level means nothing under another scheme.
    expect(maySee('TOP_SECRET', 'INTERNAL', levels)).toBe(false);
    expect(maySee('CONFIDENTIAL', 'OFFICIAL', levels)).toBe(false);
    expect(visibleLevels('INTERNAL', levels)).toEqual(['PUBLIC', 'INTERNAL']);
  });

  it('lists visible levels in the same way maySee decides', () => {
    for (const user of [...DEFAULT_CLASSIFICATION_LEVELS, 'NONSENSE']) {
      for (const record of [...DEFAULT_CLASSIFICATION_LEVELS, 'NONSENSE']) {
        expect(visibleLevels(user).includes(record)).toBe(maySee(user, record));
      }
    }
  });
});
