import type { GoogleSeed } from '../emulators/google/index.js';
import type { SlackSeed } from '../emulators/slack/index.js';

/**
 * Google as the demo agency finds it: a campaign folder shared by link with anyone and with a
 * person of another client, an internal folder a client person can read, a client analyst
 * with too little GA4 access, a departed intern still on a mailing list.
 */
export const DEMO_GOOGLE: GoogleSeed = {
  drive: {
    '1BloomCampaignAssets': [
      { email: 'acme-owner@acme-agency.com', role: 'owner' },
      { email: 'priya@acme-agency.com', role: 'organizer' },
      { email: 'olivia@bloombotanicals.com', role: 'writer' },
      { email: 'leo@bloombotanicals.com', role: 'commenter' },
      { email: 'maria@acme-agency.com', role: 'writer' },
      { email: 'ken@cobaltfreight.com', role: 'reader' },
      { email: 'anyone', role: 'reader' },
    ],
    '1ApexInternalNotes': [
      { email: 'acme-owner@acme-agency.com', role: 'owner' },
      { email: 'maria@acme-agency.com', role: 'organizer' },
      { email: 'tom@acme-agency.com', role: 'writer' },
      { email: 'dana@apexoutdoor.com', role: 'reader' },
    ],
  },
  ga4: {
    '312345678': {
      account: '2000001',
      bindings: [
        { user: 'priya@acme-agency.com', roles: ['predefinedRoles/admin'] },
        { user: 'olivia@bloombotanicals.com', roles: ['predefinedRoles/viewer'] },
        { user: 'nina@acme-agency.com', roles: ['predefinedRoles/editor'] },
      ],
      accountBindings: [{ user: 'acme-owner@acme-agency.com', roles: ['predefinedRoles/admin'] }],
    },
  },
  groups: {
    'bloom-team@acme-agency.com': [
      { email: 'priya@acme-agency.com', role: 'OWNER' },
      { email: 'olivia@bloombotanicals.com', role: 'MEMBER' },
      { email: 'intern2025@acme-agency.com', role: 'MEMBER' },
    ],
  },
  names: { '1BloomCampaignAssets': 'bloom-campaign-assets', '1ApexInternalNotes': 'apex-internal-notes', '312345678': 'bloom-site-ga4' },
};

/** Slack with a former client's contact still in a client channel and a new contributor not yet invited. */
export const DEMO_SLACK: SlackSeed = {
  team: 'T0ACME',
  users: [
    { id: 'U01MARIA', email: 'maria@acme-agency.com', name: 'maria' },
    { id: 'U02TOM', email: 'tom@acme-agency.com', name: 'tom' },
    { id: 'U03PRIYA', email: 'priya@acme-agency.com', name: 'priya' },
    { id: 'U04NINA', email: 'nina@acme-agency.com', name: 'nina' },
    { id: 'U05DANA', email: 'dana@apexoutdoor.com', name: 'dana' },
    { id: 'U06SAM', email: 'sam@apexoutdoor.com', name: 'sam' },
    { id: 'U07OLIVIA', email: 'olivia@bloombotanicals.com', name: 'olivia' },
    { id: 'U08LEO', email: 'leo@bloombotanicals.com', name: 'leo' },
    { id: 'U09ZOE', email: 'zoe@zephyrlabs.io', name: 'zoe' },
  ],
  channels: {
    C0APEX01: { name: 'apex-project', members: ['U01MARIA', 'U02TOM', 'U05DANA', 'U06SAM'] },
    C0BLOOM01: { name: 'bloom-campaigns', members: ['U03PRIYA', 'U04NINA', 'U07OLIVIA', 'U01MARIA', 'U09ZOE'] },
  },
};
