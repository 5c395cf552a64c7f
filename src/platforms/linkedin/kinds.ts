import type { KindFacts } from '../kind.js';

const digits = (ref: string) => ref.replace(/\D/g, '');

function linkedinId(ref: string): string {
  return ref.startsWith('urn:') ? (ref.split(':').pop() ?? ref) : ref;
}

/*
 * Menu names follow LinkedIn Campaign Manager's "Manage access" help page. LinkedIn never
 * shows a member's e-mail to the API, so its ad accounts know people by member URN only.
 */
export const LINKEDIN_KINDS = [
  {
    kind: 'linkedin-ad-account',
    platform: 'linkedin',
    levels: ['viewer', 'creative-manager', 'campaign-manager', 'account-manager'],
    identity: 'linkedin',
    writeLevel: 'creative-manager',
    ref: {
      says: 'a LinkedIn ad account id, digits or urn:li:sponsoredAccount:<digits>, such as "508877001"',
      example: '508877001',
      pattern: /^(?:urn:li:sponsoredAccount:)?\d+$/,
      maxLength: 45,
      owned: false,
      canonical: digits,
    },
    guide: {
      account: (ref) => `LinkedIn ad account ${linkedinId(ref)}`,
      words: { viewer: 'Viewer', 'creative-manager': 'Creative manager', 'campaign-manager': 'Campaign manager', 'account-manager': 'Account manager' },
      open: (ref) => `In LinkedIn Campaign Manager (linkedin.com/campaignmanager), open ad account ${linkedinId(ref)}, then Account settings → Manage access.`,
      add: (who, level) => `Click Add user, find ${who} by name or LinkedIn profile URL, choose the role ${level}, then Add.`,
      change: (who, level) => `Find ${who}, choose the role ${level} in the menu next to their name (it saves at once).`,
      reinvite: (who, level) => `Click Add user, find ${who}, choose the role ${level}, then Add.`,
      accept: (who) => `Nothing to do for you: ${who} has to accept on LinkedIn.`,
      remove: (who) => `Find ${who}, click the X next to their name, then Save changes.`,
      cancel: (who) => `Find ${who}, click the X next to their name, then Save changes.`,
    },
  },
] as const satisfies readonly KindFacts[];
