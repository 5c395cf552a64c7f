import { describe, expect, it } from 'vitest';
import { levelFromRole, roleForLevel } from '../../../src/platforms/google-ads/levels.js';

describe('Google Ads access roles and Latch levels', () => {
  it.each([
    ['ADMIN', 'admin'],
    ['STANDARD', 'standard'],
    ['READ_ONLY', 'read-only'],
    ['EMAIL_ONLY', 'email-only'],
    ['UNKNOWN', undefined],
    ['UNSPECIFIED', undefined],
    ['admin', undefined],
  ])('role %s reads as %s', (role, level) => {
    expect(levelFromRole(role)).toBe(level);
  });

  it.each([
    ['admin', 'ADMIN'],
    ['standard', 'STANDARD'],
    ['read-only', 'READ_ONLY'],
    ['email-only', 'EMAIL_ONLY'],
  ])('level %s is written as %s and reads back as itself', (level, role) => {
    expect(roleForLevel(level)).toBe(role);
    expect(levelFromRole(roleForLevel(level))).toBe(level);
  });

  it('refuses a level of another kind', () => {
    expect(() => roleForLevel('manage')).toThrow(/not a google-ads-account level/);
  });
});
