import { OrganizationScope } from './organization-scope';

describe('OrganizationScope', () => {
  it('without a limit sees every organisation and the library', () => {
    const all = OrganizationScope.of(null);
    expect(all).toBe(OrganizationScope.ALL);
    expect(all.limited).toBe(false);
    expect([all.includes('org-a'), all.includes(undefined), all.sees('org-b')]).toEqual([true, true, true]);
    expect(all.ids()).toBeNull();
  });

  it('limited: its organisations and the shared library, nothing else', () => {
    const s = OrganizationScope.of(['org-b', 'org-a', 'org-b']);
    expect(s.limited).toBe(true);
    expect([s.includes('org-a'), s.includes('org-b'), s.includes('org-c')]).toEqual([true, true, false]);
    expect([s.includes(undefined), s.includes(null)]).toEqual([true, true]);
    expect([s.sees('org-a'), s.sees('org-c')]).toEqual([true, false]);
    expect(s.ids()).toEqual(['org-a', 'org-b']);
    expect(s.key).toBe(OrganizationScope.of(['org-a', 'org-b']).key);
    expect(s.key).not.toBe(OrganizationScope.of(['org-a']).key);
  });

  it('limited to nothing sees only the library (fail closed)', () => {
    const none = OrganizationScope.of([]);
    expect([none.limited, none.includes('org-a'), none.includes(undefined)]).toEqual([true, false, true]);
  });
});
