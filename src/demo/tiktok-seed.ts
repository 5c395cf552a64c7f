import type { TiktokEmulator, TiktokSeed } from '../emulators/tiktok/index.js';

/** Fake credential the TikTok emulator checks, so a run without it fails as it would for real. */
export const DEMO_TIKTOK_TOKEN = 'demoTiktokAccessTokenNeverPrinted0';

/** The agency's own Business Center, in whose scope ad accounts are read and assigned. */
export const DEMO_TIKTOK_BC_ID = '7000000000000000001';

/** Bloom's ad account in the agency's Business Center (`mode: manage`). */
export const DEMO_TIKTOK_ACCOUNT = '7012345678901234567';
/** Bloom's own ad account, shared with the agency's Business Center as a partner (`mode: verify`). */
export const DEMO_TIKTOK_SHARED = '7098765432109876543';

/**
 * TikTok as the demo agency finds it: nina has no access to Bloom's account yet (the plan
 * assigns her Operator), and on the account Bloom owns she was given Analyst where campaigns
 * need Operator, which only Bloom can change.
 */
export const DEMO_TIKTOK: TiktokSeed = {
  bcId: DEMO_TIKTOK_BC_ID,
  members: {
    'acme-owner@acme-agency.com': 'ADMIN',
    'priya@acme-agency.com': 'STANDARD',
    'nina@acme-agency.com': 'STANDARD',
  },
  accounts: {
    [DEMO_TIKTOK_ACCOUNT]: { name: 'Bloom Botanicals', members: { 'priya@acme-agency.com': 'ANALYST' } },
    [DEMO_TIKTOK_SHARED]: { name: 'Bloom Botanicals (Bloom)', relation: 'OWNER_PARTNER', members: { 'priya@acme-agency.com': 'ANALYST', 'nina@acme-agency.com': 'ANALYST' } },
  },
};

/** What Bloom does on TikTok after reading `latch request bloom`. */
export function bloomActsOnTiktok(tiktok: Pick<TiktokEmulator, 'grantByHand'>): string {
  tiktok.grantByHand(DEMO_TIKTOK_SHARED, 'nina@acme-agency.com', 'OPERATOR');
  return 'In TikTok Business Center, Bloom makes nina an Operator of its ad account.';
}

/** The environment that points Latch at the TikTok emulator at `url`, in the Business Center `bcId`. */
export function demoTiktokEnv(url: string, bcId: string): Record<string, string> {
  return { LATCH_TIKTOK_API_URL: url, LATCH_TIKTOK_TOKEN: DEMO_TIKTOK_TOKEN, LATCH_TIKTOK_BC_ID: bcId };
}
