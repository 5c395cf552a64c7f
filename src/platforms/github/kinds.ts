import type { KindFacts } from '../kind.js';

const githubOwner = '[A-Za-z0-9][A-Za-z0-9-]{0,38}';
const lower = (ref: string) => ref.toLowerCase();

/** Words of GitHub's "Choose a role" dialog for repository levels. */
const REPO_ROLES = { pull: 'Read', triage: 'Triage', push: 'Write', maintain: 'Maintain', admin: 'Admin' };

/*
 * Steps follow GitHub's help pages: "Managing teams and people with access to your
 * repository" (Settings → Collaborators and teams) and "Adding organization members to a
 * team" (the team's Members tab). Repository invitations expire after 7 days.
 */
export const GITHUB_KINDS = [
  {
    kind: 'github-repo',
    platform: 'github',
    levels: ['pull', 'triage', 'push', 'maintain', 'admin'],
    identity: 'github',
    invitationDays: 7,
    adminLevel: 'admin',
    writeLevel: 'push',
    ref: {
      says: 'owner/name, such as acme-agency/apex-web (GitHub names use letters, digits, ".", "-" and "_"; a name has at most 100)',
      example: 'acme-agency/apex-web',
      pattern: new RegExp(`^${githubOwner}/[A-Za-z0-9._-]{1,100}$`),
      maxLength: 140,
      owned: true,
      also: (ref) => (/\.(git|wiki)$/i.test(ref) ? 'ends in .git or .wiki, which GitHub strips or reserves for the wiki' : undefined),
      canonical: lower,
    },
    guide: {
      account: (ref) => `GitHub repository ${ref}`,
      words: REPO_ROLES,
      open: (ref) => `On GitHub, open github.com/${ref}, then Settings → Collaborators and teams (Collaborators on a personal account).`,
      add: (who, level) => `Click Add people, find ${who} by GitHub username, choose the role ${level}, then Add to repository.`,
      change: (who, level) => `Under Manage access, find ${who}, choose the role ${level} in the Role menu next to their name.`,
      reinvite: (who, level) => `The invitation to ${who} expired (GitHub keeps them 7 days): click Add people, find ${who}, choose the role ${level}, then Add to repository.`,
      accept: (who) => `Nothing to do for you: ${who} has to accept the invitation GitHub sent (github.com/notifications, or the e-mail), within 7 days.`,
      remove: (who) => `Under Manage access, select ${who}, then click Remove and confirm.`,
      cancel: (who) => `Under Manage access, find the pending invitation to ${who}, then click Cancel invite (the trash icon).`,
    },
  },
  {
    kind: 'github-team',
    platform: 'github',
    levels: ['member', 'maintainer'],
    identity: 'github',
    invitationDays: 7,
    adminLevel: 'maintainer',
    writeLevel: 'maintainer',
    ref: {
      says: 'org/team-slug, such as acme-agency/apex-engineers (the slug in the team page address)',
      example: 'acme-agency/apex-engineers',
      pattern: new RegExp(`^${githubOwner}/[A-Za-z0-9][A-Za-z0-9_-]{0,254}$`),
      maxLength: 295,
      owned: true,
      canonical: lower,
    },
    guide: {
      account: (ref) => `GitHub team ${ref}`,
      words: { member: 'Member', maintainer: 'Maintainer' },
      open: (ref) => {
        const [org = ref, slug = ref] = ref.split('/');
        return `On GitHub, open github.com/orgs/${org}/teams/${slug}, then the Members tab.`;
      },
      add: (who, level) => `Click Add a member, type ${who}'s GitHub username, select them, then give them the role ${level} (select them, then Change role…).`,
      change: (who, level) => `Select ${who}, open the menu above the list, click Change role…, choose ${level}, then Change role.`,
      reinvite: (who, level) =>
        `${who} is not in the organisation and the invitation expired (GitHub keeps them 7 days): in the organisation's People tab, click Invite member, enter ${who}, add them to this team, then give them the role ${level}.`,
      accept: (who) => `Nothing to do for you: ${who} has to accept the organisation invitation GitHub sent by e-mail, within 7 days.`,
      remove: (who) => `Select ${who}, open the menu above the list, click Remove from team, then confirm.`,
      cancel: (who) => `In the organisation's People tab, open Invitations, find ${who}, then Cancel invitation.`,
    },
  },
] as const satisfies readonly KindFacts[];
