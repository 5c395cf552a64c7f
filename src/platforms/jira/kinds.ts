import type { KindFacts } from '../kind.js';

/**
 * Jira Cloud's one kind: the people of a project, by project role. Keys follow Jira's rule
 * for project keys: an uppercase letter, then uppercase letters or digits, ten at most.
 * https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-projects/#api-rest-api-3-project-post
 */
export const JIRA_KINDS = [
  {
    kind: 'jira-project',
    platform: 'jira',
    levels: ['viewer', 'member', 'administrator'],
    identity: 'email',
    adminLevel: 'administrator',
    writeLevel: 'member',
    ref: {
      says: 'a Jira project key: an uppercase letter, then uppercase letters or digits, at most 10 (such as APEX)',
      example: 'APEX',
      pattern: /^[A-Z][A-Z0-9]{1,9}$/,
      maxLength: 10,
      owned: false,
      canonical: (ref: string) => ref,
    },
    guide: {
      account: (ref: string) => `Jira project ${ref}`,
      // Jira Cloud's default role names; a site that renamed them shows its own (policies/platforms.yaml).
      words: { viewer: 'Viewer', member: 'Member', administrator: 'Administrators' },
      open: (ref: string) => `In Jira, open project ${ref}, then Project settings → People (Access in a team-managed project).`,
      add: (who: string, level: string) => `Click Add people, enter ${who}, choose the role ${level}, then Add.`,
      change: (who: string, level: string) => `Find ${who}, open the Roles menu of their row, select ${level} and clear every other role.`,
      reinvite: (who: string, level: string) => `Click Add people, enter ${who}, choose the role ${level}, then Add.`,
      accept: (who: string) => `Nothing to do for you: ${who} has to accept the invitation to your Atlassian site.`,
      remove: (who: string) => `Find ${who}, then Remove them from the project (every role of theirs goes).`,
      cancel: (who: string) => `Find ${who}, then Remove them from the project.`,
    },
  },
] as const satisfies readonly KindFacts[];
