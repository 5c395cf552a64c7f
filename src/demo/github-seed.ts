import type { GithubSeed } from '../emulators/github/index.js';

/**
 * The GitHub organisation of the demo agency as a real one looks before Latch: a contractor
 * from a former client still on a repository, a client engineer with admin, an invitation
 * at the wrong level, an expired invitation, and a person of one client on another client's
 * repository.
 */
export const DEMO_GITHUB: GithubSeed = {
  org: 'acme-agency',
  members: ['maria-acme', 'tom-acme', 'priya-acme', 'acme-bot', 'acme-owner'],
  owners: ['acme-owner'],
  users: ['dana-apex', 'sam-apex', 'olivia-bloom', 'leo-bloom', 'ken-cobalt', 'zoe-zephyr', 'jake-freelance'],
  repos: {
    'acme-agency/apex-web': {
      collaborators: { 'maria-acme': 'admin', 'dana-apex': 'admin', 'tom-acme': 'push', 'sam-apex': 'push', 'acme-bot': 'admin', 'zoe-zephyr': 'push' },
    },
    'acme-agency/apex-api': {
      collaborators: { 'maria-acme': 'admin', 'tom-acme': 'push', 'dana-apex': 'push', 'acme-bot': 'admin' },
      invitations: [{ id: 9001, invitee: 'sam-apex', permissions: 'admin', created_at: '2026-11-20T09:00:00Z' }],
    },
    'acme-agency/bloom-site': {
      collaborators: { 'priya-acme': 'admin', 'olivia-bloom': 'push', 'maria-acme': 'push', 'ken-cobalt': 'push', 'acme-bot': 'admin' },
      invitations: [{ id: 9002, invitee: 'leo-bloom', permissions: 'push', created_at: '2026-10-01T09:00:00Z', expired: true }],
    },
    'acme-agency/cobalt-portal': {
      collaborators: { 'tom-acme': 'admin', 'ken-cobalt': 'push', 'acme-bot': 'admin' },
    },
    'acme-agency/zephyr-legacy': {
      collaborators: { 'acme-bot': 'admin', 'zoe-zephyr': 'push' },
    },
  },
  teams: {
    'apex-engineers': { members: { 'maria-acme': 'maintainer', 'tom-acme': 'member', 'dana-apex': 'member', 'sam-apex': 'member' } },
    'bloom-content': {
      members: { 'priya-acme': 'maintainer', 'olivia-bloom': 'member', 'maria-acme': 'member' },
      pending: { 'leo-bloom': 'member' },
    },
  },
};

/** Public e-mails on the GitHub profiles of the demo's people (leo and zoe show none): what `latch import` matches people by. */
export const DEMO_PUBLIC_EMAILS: Readonly<Record<string, string>> = {
  'maria-acme': 'maria@acme-agency.com',
  'tom-acme': 'tom@acme-agency.com',
  'priya-acme': 'priya@acme-agency.com',
  'dana-apex': 'dana@apexoutdoor.com',
  'sam-apex': 'sam@apexoutdoor.com',
  'olivia-bloom': 'olivia@bloombotanicals.com',
  'ken-cobalt': 'ken@cobaltfreight.com',
};
