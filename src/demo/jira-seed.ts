import type { JiraEmulator, JiraSeed } from '../emulators/jira/index.js';

/** The fake service account the Jira emulator checks, so a run without it fails as it would for real. */
export const DEMO_JIRA = { email: 'latch-bot@acme-agency.com', token: 'ATATTdemoJiraTokenNeverPrinted00' } as const;

/**
 * The agency's Jira Cloud site with Jira's default roles. Apex's project is the agency's
 * (`mode: manage`): sam is not in it yet. Bloom administers its own project (`mode: verify`)
 * and has not added priya.
 */
export const DEMO_JIRA_SEED: JiraSeed = {
  roles: { Viewer: 10000, Member: 10001, Administrators: 10002, 'atlassian-addons-project-access': 10003 },
  users: {
    'ac-maria': { email: 'maria@acme-agency.com', displayName: 'Maria' },
    'ac-tom': { email: 'tom@acme-agency.com', displayName: 'Tom' },
    'ac-priya': { email: 'priya@acme-agency.com', displayName: 'Priya' },
    'ac-dana': { email: 'dana@apexoutdoor.com', displayName: 'Dana' },
    'ac-sam': { email: 'sam@apexoutdoor.com', displayName: 'Sam' },
    'ac-olivia': { email: 'olivia@bloombotanicals.com', displayName: 'Olivia' },
    'ac-leo': { email: 'leo@bloombotanicals.com', displayName: 'Leo' },
  },
  projects: {
    APEX: { name: 'Apex web', roles: { Administrators: { users: ['ac-maria', 'ac-dana'] }, Member: { users: ['ac-tom'] } } },
    BLOOM: { name: 'Bloom content', roles: { Administrators: { users: ['ac-olivia'] }, Member: { users: ['ac-leo', 'ac-maria'] } } },
  },
};

/** What Bloom does in Jira after reading `latch request bloom`; returns the story, for the demo to print. */
export function bloomAddsToJira(jira: Pick<JiraEmulator, 'addByHand'>): string {
  jira.addByHand('BLOOM', 'Administrators', 'ac-priya');
  return 'Olivia adds priya to the Administrators of the BLOOM project in Jira.';
}
