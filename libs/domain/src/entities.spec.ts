import { criticalityOf } from './entities';
import { assetKindOf } from './labels';

describe('criticalityOf', () => {
  it('is the maximum of the three impact scores', () => {
    expect(criticalityOf({ confidentiality: 2, integrity: 5, availability: 3 })).toBe(5);
  });
  it('is 1 (not assessed) without scores', () => {
    expect(criticalityOf(undefined)).toBe(1);
    expect(criticalityOf({})).toBe(1);
  });
  it('uses the scores that are present', () => {
    expect(criticalityOf({ availability: 4 })).toBe(4);
  });
});

describe('assetKindOf', () => {
  it('names the specific label, else a plain asset', () => {
    expect(assetKindOf(['Entity', 'Asset', 'System'])).toBe('SYSTEM');
    expect(assetKindOf(['Entity', 'Asset'])).toBe('ASSET');
  });
});
