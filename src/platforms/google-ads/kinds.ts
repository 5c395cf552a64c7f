import type { KindFacts } from '../kind.js';

/** `1234567890` -> `123-456-7890`, the way the Google Ads screens show a customer id. */
export function dashedCustomerId(ref: string): string {
  const digits = ref.replace(/-/g, '');
  return /^\d{10}$/.test(digits) ? `${digits.slice(0, 3)}-${digits.slice(3, 6)}-${digits.slice(6)}` : ref;
}

/*
 * Menu names follow Google Ads' "Access and security" help page. Invitations expire 20 days
 * after they are sent (Google Ads API, AccessInvitationStatus EXPIRED).
 */
export const GOOGLE_ADS_KINDS = [
  {
    kind: 'google-ads-account',
    platform: 'google-ads',
    levels: ['email-only', 'read-only', 'standard', 'admin'],
    identity: 'email',
    invitationDays: 20,
    writeLevel: 'standard',
    ref: {
      says: 'a Google Ads customer id, 123-456-7890 or the ten digits alone',
      example: '123-456-7890',
      pattern: /^(?:\d{3}-\d{3}-\d{4}|\d{10})$/,
      maxLength: 12,
      owned: false,
      canonical: (ref: string) => ref.replace(/\D/g, ''),
    },
    guide: {
      account: (ref) => `Google Ads account ${dashedCustomerId(ref)}`,
      words: { 'read-only': 'Read only', standard: 'Standard', admin: 'Admin' },
      open: (ref) => `Sign in to Google Ads (ads.google.com), open account ${dashedCustomerId(ref)}, then Admin → Access and security → Users.`,
      add: (who, level) => `Click +, enter ${who}, choose the access level ${level}, then Send invitation.`,
      change: (who, level) => `Find ${who}, open the access level menu, choose ${level}, then Save.`,
      reinvite: (who, level) =>
        `Invitations cannot change level and expire after 20 days: cancel the invitation to ${who} if it is still listed, click +, enter ${who}, choose ${level}, then Send invitation.`,
      accept: (who) => `Nothing to do for you: ${who} has to accept the invitation Google Ads sent by e-mail (it expires 20 days after it was sent).`,
      remove: (who) => `Find ${who}, click the menu at the end of the row, then Remove access.`,
      cancel: (who) => `Find the invitation to ${who}, then Cancel invitation.`,
    },
  },
] as const satisfies readonly KindFacts[];
