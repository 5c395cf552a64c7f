import type { KindFacts } from '../kind.js';

/*
 * Menu names follow TikTok's Business Center help pages ("How to assign account or asset level
 * permissions", "Add Users to TikTok Business Center"): Assets (Accounts in newer Business
 * Centers) → Ad accounts → View → Members → Assign new member; Users for invitations.
 */
export const TIKTOK_KINDS = [
  {
    kind: 'tiktok-ad-account',
    platform: 'tiktok',
    levels: ['analyst', 'operator', 'admin'],
    identity: 'email',
    writeLevel: 'operator',
    ref: {
      says: 'a TikTok advertiser id, the digits Ads Manager and Business Center show, such as "7012345678901234567"',
      example: '7012345678901234567',
      pattern: /^\d+$/,
      maxLength: 30,
      owned: false,
      canonical: (ref: string) => ref,
    },
    guide: {
      account: (ref: string) => `TikTok ad account ${ref}`,
      words: { analyst: 'Analyst', operator: 'Operator', admin: 'Admin' },
      open: (ref: string) => `Log in to TikTok Business Center (business.tiktok.com), open Assets (or Accounts) → Ad accounts, click View on ad account ${ref}, then the Members tab.`,
      add: (who: string, level: string) => `Click Assign new member, select ${who} (not listed? invite them first under Users → Invite member), set the permission ${level}, then Confirm.`,
      change: (who: string, level: string) => `Find ${who}, edit their permission, choose ${level}, then Confirm.`,
      reinvite: (who: string, level: string) => `The invitation to ${who} was declined: under Users, remove the pending entry for ${who}, invite them again, then assign the ad account with ${level}.`,
      accept: (who: string) => `Nothing to do for you: ${who} has to accept the Business Center invitation TikTok sent by e-mail.`,
      remove: (who: string) => `Find ${who} and remove their access to the ad account.`,
      cancel: (who: string) => `Under Users, find the pending invitation to ${who} and revoke it.`,
    },
  },
] as const satisfies readonly KindFacts[];
