import { describe, expect, it } from 'vitest';
import {
  levelFromInvitation,
  levelFromRoleName,
  teamLevel,
  toCollaboratorPermission,
  toInvitationPermission,
} from '../../../src/platforms/github/levels.js';


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
