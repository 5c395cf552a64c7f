import { describe, expect, it } from 'vitest';
import { accountLabel, levelLabel, platformSteps, type StepAction } from '../../src/verify/steps.js';
import { dashedCustomerId } from '../../src/platforms/google-ads/kinds.js';
import type { ResourceKind } from '../../src/model/kinds.js';

interface Case {
  kind: ResourceKind;
  ref: string;
  action: StepAction;
  level?: string;
  /** What the first and the second step say. */
  where: string;
  what: string;
}

const cases: Case[] = [
  { kind: 'meta-ad-account', ref: 'act_1', action: 'add', level: 'analyze', where: 'Accounts → Ad accounts → act_1', what: 'select partial access: View performance, then Assign' },
  { kind: 'meta-ad-account', ref: 'act_1', action: 'change', level: 'manage', where: 'Meta Business Settings', what: 'select exactly full control (Manage ad accounts)' },
  { kind: 'meta-ad-account', ref: 'act_1', action: 'reinvite', level: 'advertise', where: 'business.facebook.com/settings', what: 'invite x@acme-agency.com again' },
  { kind: 'meta-ad-account', ref: 'act_1', action: 'remove', where: 'act_1', what: 'click Remove' },
  { kind: 'google-ads-account', ref: '1234567890', action: 'add', level: 'read-only', where: 'open account 123-456-7890', what: 'choose the access level Read only, then Send invitation' },
  { kind: 'google-ads-account', ref: '123-456-7890', action: 'reinvite', level: 'admin', where: 'Admin → Access and security → Users', what: 'Invitations cannot change level' },
  { kind: 'google-ads-account', ref: '1234567890', action: 'cancel', where: 'ads.google.com', what: 'Cancel invitation' },
  { kind: 'linkedin-ad-account', ref: 'urn:li:sponsoredAccount:508877001', action: 'add', level: 'creative-manager', where: 'open ad account 508877001', what: 'choose the role Creative manager, then Add' },
  { kind: 'linkedin-ad-account', ref: '508877001', action: 'remove', where: 'Account settings → Manage access', what: 'click the X next to their name' },
  { kind: 'drive-folder', ref: '1Folder', action: 'add', level: 'reader', where: 'drive.google.com/drive/folders/1Folder, then click Share', what: 'choose Viewer in the menu next to the address' },
  { kind: 'drive-folder', ref: '1Folder', action: 'remove', where: 'click Share', what: 'choose Remove access' },
  { kind: 'github-repo', ref: 'acme/web', action: 'add', level: 'push', where: 'github.com/acme/web, then Settings → Collaborators and teams', what: 'choose the role Write, then Add to repository' },
  { kind: 'github-repo', ref: 'acme/web', action: 'cancel', where: 'Collaborators and teams', what: 'Cancel invite' },
  { kind: 'github-team', ref: 'acme/web-team', action: 'change', level: 'maintainer', where: 'github.com/orgs/acme/teams/web-team, then the Members tab', what: 'Change role…, choose Maintainer' },
  { kind: 'ga4-property', ref: '312345678', action: 'add', level: 'admin', where: 'select property 312345678, then Admin', what: 'choose the role Administrator, then Add' },
  { kind: 'google-group', ref: 'team@acme.com', action: 'change', level: 'manager', where: 'open team@acme.com, then People → Members', what: 'choose Manager, then Change role' },
  { kind: 'slack-channel', ref: 'C0123ABC', action: 'remove', where: 'the Members tab', what: 'Remove from channel' },
];

describe('platform steps', () => {
  it.each(cases)('$kind $action', ({ kind, ref, action, level, where, what }) => {
    const steps = platformSteps({ action, kind, ref, who: 'x@acme-agency.com', level });
    expect(steps).toHaveLength(2);
    expect(steps[0]).toContain(where);
    expect(steps[1]).toContain(what);
  });

  it('has only the invitee act on a pending invitation', () => {
    expect(platformSteps({ action: 'accept', kind: 'google-ads-account', ref: '1234567890', who: 'x@acme-agency.com' })).toEqual([
      'Nothing to do for you: x@acme-agency.com has to accept the invitation Google Ads sent by e-mail (it expires 20 days after it was sent).',
    ]);
  });

  it.each([
    ['meta-ad-account', 'advertise', 'advertise (partial access: Manage campaigns (with View performance))'],
    ['google-ads-account', 'read-only', 'read-only'],
    ['linkedin-ad-account', 'account-manager', 'account-manager'],
    ['github-repo', 'push', 'push (Write)'],
    ['github-team', 'member', 'member'],
    ['slack-channel', 'member', 'member'],
  ] as const)('names %s level %s as "%s"', (kind, level, label) => {
    expect(levelLabel(kind, level)).toBe(label);
  });

  it('names accounts the way their platform shows them', () => {
    expect(accountLabel('google-ads-account', '1234567890')).toBe('Google Ads account 123-456-7890');
    expect(accountLabel('linkedin-ad-account', 'urn:li:sponsoredAccount:42')).toBe('LinkedIn ad account 42');
    expect(accountLabel('meta-ad-account', 'act_7')).toBe('Meta ad account act_7');
    expect(dashedCustomerId('12-34')).toBe('12-34');
  });
});
