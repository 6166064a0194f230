import { KINDS } from './kinds';
import { RESTRICTED_STYLE, isRestricted, isStandInId, restrictedKind, restrictedLabel } from './restricted';

describe('restricted nodes', () => {
  it('reads the flag, absent or null meaning visible', () => {
    expect(isRestricted({ restricted: true })).toBe(true);
    expect(isRestricted({ restricted: false })).toBe(false);
    expect(isRestricted({})).toBe(false);
    expect(isRestricted(undefined)).toBe(false);
  });

  it('labels a restricted node with the word and its kind only', () => {
    expect(restrictedLabel({ labels: ['Asset', 'Facility', 'Entity'] })).toBe('restricted (Facility)');
    expect(restrictedLabel({ label: 'ServiceProvider' })).toBe('restricted (Service provider)');
    expect(restrictedLabel({ labels: ['Asset', 'Entity'] })).toBe('restricted (Asset)');
    expect(restrictedKind({ label: 'Vehicle' })).toBe('Vehicle');
    expect(restrictedLabel({ labels: [] })).toBe('restricted');
    expect(restrictedLabel({ label: 'restricted' })).toBe('restricted');
  });

  it('tells the API’s stand-in ids from real ones', () => {
    expect(isStandInId('restricted-0123456789abcdef')).toBe(true);
    expect(isStandInId('fac-hq')).toBe(false);
    expect(isStandInId('restricted-area')).toBe(false);
  });

  it('draws in a shape no kind has', () => {
    expect(KINDS.map((k) => k.shape as string)).not.toContain(RESTRICTED_STYLE.shape);
  });
});
