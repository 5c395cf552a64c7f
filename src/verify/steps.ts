import { PLATFORM_OF_KIND, type Level, type ResourceKind } from '../model/kinds.js';

/** What the client (or, for `accept`, the invitee) has to do on the platform. */
export type StepAction = 'add' | 'change' | 'reinvite' | 'accept' | 'remove' | 'cancel';

/** One thing to do, with everything the platform's screens ask for. */
export interface StepInput {
  action: StepAction;
  kind: ResourceKind;
  /** Platform reference of the account. */
  ref: string;
  /** How the person is named to the client: an e-mail, or a name with a LinkedIn URN. */
  who: string;
  /** The level to give (add, change, reinvite). */
  level?: Level;
}

/** A platform's own vocabulary and menus, as its help pages name them. */
interface Guide {
  /** The account as the platform shows it: "Google Ads account 123-456-7890". */
  account(ref: string): string;
  /** A Latch level in the platform's words. */
  words: Record<string, string>;
  /** Where the account's people are listed. */
  open(ref: string): string;
  add(who: string, level: string): string;
  change(who: string, level: string): string;
  reinvite(who: string, level: string): string;
  accept(who: string): string;
  remove(who: string): string;
  cancel(who: string): string;
}

/** `1234567890` -> `123-456-7890`, the way the Google Ads screens show a customer id. */
export function dashedCustomerId(ref: string): string {
  const digits = ref.replace(/-/g, '');
  return /^\d{10}$/.test(digits) ? `${digits.slice(0, 3)}-${digits.slice(3, 6)}-${digits.slice(6)}` : ref;
}

function linkedinId(ref: string): string {
  return ref.startsWith('urn:') ? (ref.split(':').pop() ?? ref) : ref;
}

/*
 * Menu names follow each platform's help pages: Meta's business portfolio assets and their
 * task-based permissions, Google Ads' "Access and security", LinkedIn Campaign Manager's
 * "Manage access". They move now and then; the words, not the clicks, are what to keep right.
 */
const GUIDES: Partial<Record<ResourceKind, Guide>> = {
  'meta-ad-account': {
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
  'google-ads-account': {
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
  'linkedin-ad-account': {
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
};

/** Platforms without a guide of their own still get a plain sentence. */
function genericGuide(kind: ResourceKind): Guide {
  const platform = PLATFORM_OF_KIND[kind];
  return {
    account: (ref) => `${kind} ${ref}`,
    words: {},
    open: (ref) => `Open the sharing settings of ${ref} in ${platform}.`,
    add: (who, level) => `Give ${who} ${level} access.`,
    change: (who, level) => `Change ${who} to ${level}.`,
    reinvite: (who, level) => `Invite ${who} again with ${level}.`,
    accept: (who) => `Nothing to do for you: ${who} has to accept the invitation.`,
    remove: (who) => `Remove ${who}.`,
    cancel: (who) => `Cancel the invitation to ${who}.`,
  };
}

function guideOf(kind: ResourceKind): Guide {
  return GUIDES[kind] ?? genericGuide(kind);
}

/** The account as its platform names it, for headings and sentences. */
export function accountLabel(kind: ResourceKind, ref: string): string {
  return guideOf(kind).account(ref);
}

/** "advertise (partial access: Manage campaigns …)": Latch's level, with the platform's name for it where that differs. */
export function levelLabel(kind: ResourceKind, level: Level): string {
  const words = guideOf(kind).words[level];
  if (!words || words.toLowerCase() === level.replace(/-/g, ' ')) return level;
  return `${level} (${words})`;
}

/** The platform's own steps for one request item, first where to go, then what to click. */
export function platformSteps(input: StepInput): string[] {
  const guide = guideOf(input.kind);
  const level = input.level === undefined ? '' : (guide.words[input.level] ?? input.level);
  if (input.action === 'accept') return [guide.accept(input.who)];
  const what = {
    add: () => guide.add(input.who, level),
    change: () => guide.change(input.who, level),
    reinvite: () => guide.reinvite(input.who, level),
    remove: () => guide.remove(input.who),
    cancel: () => guide.cancel(input.who),
  } as const satisfies Record<Exclude<StepAction, 'accept'>, () => string>;
  return [guide.open(input.ref), what[input.action]()];
}
