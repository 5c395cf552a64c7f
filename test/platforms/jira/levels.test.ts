import { describe, expect, it } from 'vitest';
import { highestLevel, levelOfRole } from '../../../src/platforms/jira/levels.js';

const NAMES = { viewer: 'Viewers', member: 'Member', administrator: 'Administrators' };

describe('Jira project roles and Latch levels', () => {
  it.each([
    ['Viewers', 'viewer'],
    ['viewers', 'viewer'],
    ['Member', 'member'],
    ['Administrators', 'administrator'],
    ['atlassian-addons-project-access', undefined],
    ['Developers', undefined],
  ])('role %s gives %s', (role, level) => {
    expect(levelOfRole(NAMES, role)).toBe(level);
  });

  it.each([
    [['viewer'], 'viewer'],
    [['member', 'viewer'], 'member'],
    [['viewer', 'administrator', 'member'], 'administrator'],
    [[], undefined],
  ] as const)('someone in %j has %s', (levels, level) => {
    expect(highestLevel(levels)).toBe(level);
  });

  it('leaves a level no role is named for without a role', () => {
    expect(levelOfRole({ administrator: 'Administrators' }, 'Viewers')).toBeUndefined();
  });
});
