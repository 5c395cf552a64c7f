import { describe, expect, it } from 'vitest';
import { PlatformError } from '../../../src/errors.js';
import { driveLevel, driveRole, ga4Level, ga4Roles, groupLevel, groupRole, unknownGa4Roles } from '../../../src/platforms/google/levels.js';

describe('drive-folder levels', () => {
  it.each([
    ['reader', 'reader'],
    ['commenter', 'commenter'],
    ['writer', 'writer'],
    ['organizer', 'organizer'],
    ['fileOrganizer', 'organizer'],
    ['owner', 'organizer'],
    ['editor', undefined],
  ])('reads Drive role %s as %s', (role, level) => {
    expect(driveLevel(role)).toBe(level);
  });

  it.each(['reader', 'commenter', 'writer', 'organizer'])('writes level %s as the Drive role of the same name', (level) => {
    expect(driveRole(level, 'shared-drive', 'grant')).toBe(level);
    expect(driveLevel(driveRole(level, 'shared-drive', 'grant'))).toBe(level);
  });

  it('refuses a level drive-folder does not have', () => {
    expect(() => driveRole('owner', 'shared-drive', 'grant')).toThrow(PlatformError);
  });

  it('refuses organizer in a My Drive, where Drive has no such role, and says what to do', () => {
    expect(() => driveRole('organizer', 'my-drive', 'grant')).toThrow('Drive has organizer only on shared drives');
    expect(driveRole('writer', 'my-drive', 'grant')).toBe('writer');
  });
});

describe('ga4-property levels', () => {
  it.each([
    [['predefinedRoles/viewer'], 'viewer'],
    [['predefinedRoles/analyst', 'predefinedRoles/no-revenue-data'], 'analyst'],
    [['predefinedRoles/no-cost-data', 'predefinedRoles/editor'], 'editor'],
    [['predefinedRoles/viewer', 'predefinedRoles/admin'], 'admin'],
    [['predefinedRoles/no-cost-data'], undefined],
    [[], undefined],
  ])('reads roles %j as %s', (roles, level) => {
    expect(ga4Level(roles)).toBe(level);
  });

  it.each([
    ['viewer', [], ['predefinedRoles/viewer']],
    ['admin', ['predefinedRoles/analyst', 'predefinedRoles/no-cost-data'], ['predefinedRoles/admin', 'predefinedRoles/no-cost-data']],
    ['editor', ['predefinedRoles/no-revenue-data', 'predefinedRoles/no-cost-data'], ['predefinedRoles/editor', 'predefinedRoles/no-revenue-data', 'predefinedRoles/no-cost-data']],
  ])('writes level %s over %j as %j, keeping restrictions', (level, current, roles) => {
    expect(ga4Roles(level, current, 'update')).toEqual(roles);
    expect(ga4Level(roles)).toBe(level);
  });

  it('names roles it does not know, so a listing can refuse them', () => {
    expect(unknownGa4Roles(['predefinedRoles/viewer', 'customRoles/42', 'predefinedRoles/no-cost-data'])).toEqual(['customRoles/42']);
    expect(() => ga4Roles('member', [], 'grant')).toThrow('is not a ga4-property level');
  });
});

describe('google-group levels', () => {
  it.each([
    ['MEMBER', 'member'],
    ['MANAGER', 'manager'],
    ['OWNER', 'owner'],
  ])('maps %s both ways with %s', (role, level) => {
    expect(groupLevel(role)).toBe(level);
    expect(groupRole(level, 'grant')).toBe(role);
  });

  it('knows no other role or level', () => {
    expect(groupLevel('member')).toBeUndefined();
    expect(() => groupRole('maintainer', 'grant')).toThrow('is not a google-group level');
  });
});
