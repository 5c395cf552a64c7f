import type { KindFacts } from '../kind.js';

const lower = (ref: string) => ref.toLowerCase();
const same = (ref: string) => ref;

/*
 * Steps follow Google's help pages: Drive's "Share folders in Google Drive" (Share →
 * General access and people), Analytics' "Add, edit, and delete users and user groups"
 * (Admin → Property access management) and Groups' "Add people to your group" / "Change
 * member roles" (People → Members). None of the three keeps invitations that expire.
 */
export const GOOGLE_KINDS = [
  {
    kind: 'drive-folder',
    platform: 'google',
    levels: ['reader', 'commenter', 'writer', 'organizer'],
    identity: 'email',
    writeLevel: 'writer',
    ref: {
      says: 'a Drive folder id (letters, digits, "-" and "_"), the part after /folders/ in the folder address',
      example: '1AbCdEfGhIjKlMnOpQrStUvWxYz012345',
      pattern: /^[A-Za-z0-9_-]+$/,
      maxLength: 128,
      owned: false,
      canonical: same,
    },
    guide: {
      account: (ref) => `Google Drive folder ${ref}`,
      words: { reader: 'Viewer', commenter: 'Commenter', writer: 'Editor (Contributor in a shared drive)', organizer: 'Manager (shared drives only)' },
      open: (ref) => `Open drive.google.com/drive/folders/${ref}, then click Share (a shared drive's folder: Share, or Manage members for the drive).`,
      add: (who, level) => `Enter ${who}, choose ${level} in the menu next to the address, keep Notify people ticked, then Send.`,
      change: (who, level) => `Under People with access, find ${who}, choose ${level} in the menu next to their name, then Save.`,
      reinvite: (who, level) => `Enter ${who} again, choose ${level}, then Send.`,
      accept: (who) => `Nothing to do for you: ${who} opens the folder from the e-mail Google Drive sent.`,
      remove: (who) => `Under People with access, find ${who}, choose Remove access in the menu next to their name, then Save.`,
      cancel: (who) => `Under People with access, find ${who}, choose Remove access, then Save.`,
    },
  },
  {
    kind: 'ga4-property',
    platform: 'google',
    levels: ['viewer', 'analyst', 'editor', 'admin'],
    identity: 'email',
    adminLevel: 'admin',
    writeLevel: 'editor',
    ref: {
      says: 'a GA4 property id, digits only, such as "312345678" (without properties/)',
      example: '312345678',
      pattern: /^\d+$/,
      maxLength: 20,
      owned: false,
      canonical: same,
    },
    guide: {
      account: (ref) => `GA4 property ${ref}`,
      words: { viewer: 'Viewer', analyst: 'Analyst', editor: 'Editor', admin: 'Administrator' },
      open: (ref) => `In Google Analytics (analytics.google.com), select property ${ref}, then Admin (the gear at the bottom left) → Property access management.`,
      add: (who, level) => `Click +, then Add users, enter ${who}, tick Notify new users by email, choose the role ${level}, then Add.`,
      change: (who, level) => `Click ${who}'s row, choose the role ${level}, then Save.`,
      reinvite: (who, level) => `Click +, then Add users, enter ${who}, choose the role ${level}, then Add.`,
      accept: (who) => `Nothing to do for you: ${who} signs in to Google Analytics with that Google account.`,
      remove: (who) => `Click the menu at the end of ${who}'s row, then Remove access.`,
      cancel: (who) => `Click the menu at the end of ${who}'s row, then Remove access.`,
    },
  },
  {
    kind: 'google-group',
    platform: 'google',
    levels: ['member', 'manager', 'owner'],
    identity: 'email',
    adminLevel: 'owner',
    writeLevel: 'manager',
    ref: {
      says: "a group's e-mail address, such as team@acme-agency.com",
      example: 'apex-team@acme-agency.com',
      pattern: /^[A-Za-z0-9][A-Za-z0-9._'-]{0,63}@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/,
      maxLength: 254,
      owned: false,
      canonical: lower,
    },
    guide: {
      account: (ref) => `Google group ${ref}`,
      words: { member: 'Member', manager: 'Manager', owner: 'Owner' },
      open: (ref) => `In Google Groups (groups.google.com), open ${ref}, then People → Members.`,
      add: (who, level) => `Click Add members, enter ${who}, then Add; select ${who}, click Change role, choose ${level}, then Change role.`,
      change: (who, level) => `Tick ${who}, click Change role, choose ${level}, then Change role.`,
      reinvite: (who, level) => `Under People → Pending members, revoke the old invitation to ${who} if it is listed; then Members → Add members, enter ${who}, then Add, and give them ${level}.`,
      accept: (who) => `Nothing to do for you: ${who} has to accept the group invitation Google Groups sent by e-mail.`,
      remove: (who) => `Tick ${who}, click Remove member, then Remove.`,
      cancel: (who) => `Under People → Pending members, tick ${who}, then Revoke invitation.`,
    },
  },
] as const satisfies readonly KindFacts[];
