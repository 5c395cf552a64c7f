import { describe, expect, it } from 'vitest';
import {
  collaboratorLevel,
  levelFromInvitation,
  levelFromPermissions,
  levelFromRoleName,
  teamLevel,
  toCollaboratorPermission,
  toInvitationPermission,
  type PermissionFlags,
} from '../../../src/platforms/github/levels.js';

const ALL_FALSE = { admin: false, maintain: false, push: false, triage: false, pull: false } satisfies PermissionFlags;

describe('repository vocabularies', () => {
  it.each([
    ['pull', 'read'],
    ['triage', 'triage'],
    ['push', 'write'],
    ['maintain', 'maintain'],
    ['admin', 'admin'],
  ])('level %s is "%s" for invitations and round-trips', (level, invitation) => {
    expect(toInvitationPermission(level)).toBe(invitation);
    expect(levelFromInvitation(invitation)).toBe(level);
    expect(toCollaboratorPermission(level)).toBe(level);
  });

  it.each(['member', 'write', 'read', 'owner', ''])('refuses "%s" as a level to send', (level) => {
    expect(() => toInvitationPermission(level)).toThrow(/not a github-repo level/);
    expect(() => toCollaboratorPermission(level)).toThrow(/not a github-repo level/);
  });

  it.each([
    ['read', 'pull'],
    ['write', 'push'],
    ['pull', 'pull'],
    ['push', 'push'],
    ['maintain', 'maintain'],
    ['owner', undefined],
    ['', undefined],
  ])('reads invitation permission "%s" as %s', (permission, level) => {
    expect(levelFromInvitation(permission)).toBe(level);
  });

  it.each([
    ['read', 'pull'],
    ['triage', 'triage'],
    ['write', 'push'],
    ['Write', 'push'],
    ['maintain', 'maintain'],
    ['admin', 'admin'],
    ['security-auditor', undefined],
  ])('reads role_name "%s" as %s', (roleName, level) => {
    expect(levelFromRoleName(roleName)).toBe(level);
  });

  it.each([
    [{ ...ALL_FALSE, pull: true }, 'pull'],
    [{ ...ALL_FALSE, pull: true, triage: true }, 'triage'],
    [{ ...ALL_FALSE, pull: true, triage: true, push: true }, 'push'],
    [{ pull: true, triage: true, push: true, maintain: true, admin: false }, 'maintain'],
    [{ pull: true, triage: true, push: true, maintain: true, admin: true }, 'admin'],
    [{ pull: true, push: true, admin: false }, 'push'],
    [ALL_FALSE, undefined],
  ])('reads permission flags %j as %s', (flags, level) => {
    expect(levelFromPermissions(flags)).toBe(level);
  });
});

describe('collaboratorLevel', () => {
  it.each<[string | undefined, PermissionFlags | undefined, string | undefined, string]>([
    ['write', { ...ALL_FALSE, pull: true }, 'push', 'a built-in role name wins over the flags'],
    ['release-manager', { ...ALL_FALSE, pull: true, triage: true, push: true, maintain: true }, 'maintain', 'a custom role falls back to the flags'],
    [undefined, { ...ALL_FALSE, pull: true, triage: true }, 'triage', 'no role name uses the flags'],
    ['custom', undefined, undefined, 'nothing recognisable'],
    [undefined, ALL_FALSE, undefined, 'no permission at all'],
  ])('role %s with flags %j is %s (%s)', (roleName, flags, level) => {
    expect(collaboratorLevel(roleName, flags)).toBe(level);
  });
});

describe('teamLevel', () => {
  it.each([
    ['maintainer', 'maintainer'],
    ['member', 'member'],
    ['direct_member', 'member'],
    ['admin', 'member'],
    [null, 'member'],
    [undefined, 'member'],
  ])('invitation role %s is team level %s', (role, level) => {
    expect(teamLevel(role)).toBe(level);
  });
});
