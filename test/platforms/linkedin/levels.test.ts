import { describe, expect, it } from 'vitest';
import { levelFromRole, roleForLevel } from '../../../src/platforms/linkedin/levels.js';

describe('LinkedIn roles and Latch levels', () => {
  it.each([
    ['ACCOUNT_BILLING_ADMIN', { level: 'account-manager', owner: true }],
    ['ACCOUNT_MANAGER', { level: 'account-manager', owner: false }],
    ['CAMPAIGN_MANAGER', { level: 'campaign-manager', owner: false }],
    ['CREATIVE_MANAGER', { level: 'creative-manager', owner: false }],
    ['VIEWER', { level: 'viewer', owner: false }],
    ['SUPER_ADMIN', undefined],
  ])('role %s reads as %j', (role, expected) => {
    expect(levelFromRole(role)).toEqual(expected);
  });

  it.each([
    ['account-manager', 'ACCOUNT_MANAGER'],
    ['campaign-manager', 'CAMPAIGN_MANAGER'],
    ['creative-manager', 'CREATIVE_MANAGER'],
    ['viewer', 'VIEWER'],
  ])('level %s is written as %s and reads back as itself', (level, role) => {
    expect(roleForLevel(level)).toBe(role);
    expect(levelFromRole(roleForLevel(level))?.level).toBe(level);
  });

  it('refuses a level of another kind', () => {
    expect(() => roleForLevel('admin')).toThrow(/not a linkedin-ad-account level/);
  });
});
