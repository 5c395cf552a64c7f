import type { KindFacts } from '../kind.js';

const digits = (ref: string) => ref.replace(/\D/g, '');

/*
 * Menu names follow Meta's help pages on business portfolio assets and their task-based
 * permissions. They move now and then; the words, not the clicks, are what to keep right.
 */
export const META_KINDS = [
  {
    kind: 'meta-ad-account',
    platform: 'meta',
    levels: ['limited', 'analyze', 'advertise', 'manage'],
    identity: 'email',
    writeLevel: 'advertise',
    ref: {
      says: 'a Meta ad account id, act_<digits> or the digits alone, such as act_2200000001',
      example: 'act_2200000001',
      pattern: /^(?:act_)?\d+$/,
      maxLength: 30,
      owned: false,
      canonical: (ref: string) => `act_${digits(ref)}`,
    },
    guide: {
      account: (ref) => `Meta ad account ${ref}`,
      words: {
        analyze: 'partial access: View performance',
        advertise: 'partial access: Manage campaigns (with View performance)',
        manage: 'full control (Manage ad accounts)',
      },
      open: (ref) => `In Meta Business Settings (business.facebook.com/settings) of the business that owns the account, open Accounts → Ad accounts → ${ref}.`,
      add: (who, level) => `Click Assign people, choose ${who} (not listed? add them first under Users → People → Invite people), select ${level}, then Assign.`,
      change: (who, level) => `Under People, find ${who}, click Manage (or Edit access), select exactly ${level}, then Save.`,
      reinvite: (who, level) => `The invitation to ${who} expired: under Users → People, invite ${who} again, then assign the ad account with ${level}.`,
      accept: (who) => `Nothing to do for you: ${who} has to accept the business invitation Meta sent by e-mail.`,
      remove: (who) => `Under People, find ${who} and click Remove.`,
      cancel: (who) => `Under Users → People → Pending, cancel the invitation to ${who}.`,
    },
  },
] as const satisfies readonly KindFacts[];
