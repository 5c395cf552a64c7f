import { describe, expect, it } from 'vitest';
import { LEVELS } from '../../../src/model/kinds.js';
import { isTiktokLevel, levelFromRole, roleForLevel } from '../../../src/platforms/tiktok/levels.js';

describe('tiktok levels', () => {
  it.each([
    ['analyst', 'ANALYST'],
    ['operator', 'OPERATOR'],
    ['admin', 'ADMIN'],
  ])('%s <-> %s', (level, role) => {
    expect(roleForLevel(level)).toBe(role);
    expect(levelFromRole(role)).toBe(level);
  });

  it('orders the levels as TikTok ranks the permissions, lowest first', () => {
    expect(LEVELS['tiktok-ad-account']).toEqual(['analyst', 'operator', 'admin']);
    expect(LEVELS['tiktok-ad-account'].every(isTiktokLevel)).toBe(true);
  });

  it.each(['CATALOG_ADMIN', 'AD_PROMOTE', 'admin', ''])('reads the undocumented role "%s" as no level', (role) => {
    expect(levelFromRole(role)).toBeUndefined();
  });

  it('refuses a level of another kind', () => {
    expect(() => roleForLevel('manage')).toThrow('not a tiktok-ad-account level');
  });
});
