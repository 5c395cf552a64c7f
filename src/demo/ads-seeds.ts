import type { GoogleAdsEmulator, GoogleAdsSeed } from '../emulators/google-ads/index.js';
import { adsDateTime } from '../emulators/google-ads/state.js';
import type { LinkedinSeed } from '../emulators/linkedin/index.js';
import type { MetaSeed } from '../emulators/meta/index.js';

/** Fake credentials the ad emulators check, so a run without them fails as it would for real. */
export const DEMO_AD_TOKENS = {
  meta: 'EAAGdemoMetaTokenNeverPrinted000',
  googleAds: 'ya29.demoGoogleAdsTokenNeverPrinted',
  googleAdsDeveloper: 'demo-developer-token-never-printed',
  linkedin: 'AQVdemoLinkedinTokenNeverPrinted0',
} as const;

/** The agency's own Meta Business Manager, in whose scope people are read and assigned. */
export const DEMO_META_BUSINESS_ID = '4455660001';

/**
 * Meta as the demo agency finds it: Bloom's ad account lives in the agency's own business
 * (`mode: manage`), and its assignments already match the repository.
 */
export const DEMO_META: MetaSeed = {
  businessId: DEMO_META_BUSINESS_ID,
  people: {
    'acme-owner@acme-agency.com': 'ADMIN',
    'priya@acme-agency.com': 'EMPLOYEE',
    'nina@acme-agency.com': 'EMPLOYEE',
  },
  adAccounts: {
    act_2200000001: { 'priya@acme-agency.com': 'ANALYZE', 'nina@acme-agency.com': 'ADVERTISE' },
  },
};

const DAY_MS = 86_400_000;

/**
 * Bloom's own Google Ads account (`mode: verify`), as Bloom set it up: nina got Read only
 * where campaigns need Standard, and priya's invitation went out two days ago and is not
 * accepted yet. Built from the clock, so the invitation is two days old whenever the demo runs.
 */
export function demoGoogleAdsSeed(now: number = Date.now()): GoogleAdsSeed {
  return {
    customers: {
      '1234567890': {
        users: {
          'olivia@bloombotanicals.com': 'ADMIN',
          'nina@acme-agency.com': 'READ_ONLY',
        },
        invitations: [{ id: '7100001', email: 'priya@acme-agency.com', role: 'READ_ONLY', createdAt: adsDateTime(now - 2 * DAY_MS) }],
      },
    },
  };
}

export const DEMO_GOOGLE_ADS: GoogleAdsSeed = demoGoogleAdsSeed();

/** Bloom's own LinkedIn ad account (`mode: verify`): Bloom already gave the agency exactly what it asked. */
export const DEMO_LINKEDIN: LinkedinSeed = {
  accounts: {
    '508877001': {
      'urn:li:person:b1oomOwner0': 'ACCOUNT_BILLING_ADMIN',
      'urn:li:person:Pr1yaAcme3': 'VIEWER',
      'urn:li:person:N1naAcme7': 'CAMPAIGN_MANAGER',
    },
  },
};

/**
 * What Bloom does after reading `latch request bloom`: exactly what it asks, so the next
 * plan verifies everything. Returns the story, for the demo to print.
 */
export function bloomActsOnRequest(googleAds: Pick<GoogleAdsEmulator, 'grantByClient' | 'acceptInvitation'>): string {
  googleAds.grantByClient('1234567890', 'nina@acme-agency.com', 'STANDARD');
  googleAds.acceptInvitation('priya@acme-agency.com', '1234567890');
  return 'Olivia at Bloom gives nina Standard in Google Ads, and priya accepts her invitation.';
}

/** Where the three ad emulators listen; each is an emulator's `url`. */
export interface AdEmulatorUrls {
  meta: string;
  googleAds: string;
  linkedin: string;
}

/**
 * The environment that points Latch at the ad emulators: a base URL and credentials per
 * platform (Meta also needs the business id: the demo's unless `businessId` is given). Start
 * the emulators with the same tokens: Meta `{ token: DEMO_AD_TOKENS.meta }`, Google Ads
 * `{ token: DEMO_AD_TOKENS.googleAds, developerToken: DEMO_AD_TOKENS.googleAdsDeveloper }`,
 * LinkedIn `{ token: DEMO_AD_TOKENS.linkedin }`.
 */
export function demoAdsEnv(urls: AdEmulatorUrls, businessId: string = DEMO_META_BUSINESS_ID): Record<string, string> {
  return {
    LATCH_META_API_URL: urls.meta,
    LATCH_META_TOKEN: DEMO_AD_TOKENS.meta,
    LATCH_META_BUSINESS_ID: businessId,
    LATCH_GOOGLE_ADS_API_URL: urls.googleAds,
    LATCH_GOOGLE_ADS_TOKEN: DEMO_AD_TOKENS.googleAds,
    LATCH_GOOGLE_ADS_DEVELOPER_TOKEN: DEMO_AD_TOKENS.googleAdsDeveloper,
    LATCH_LINKEDIN_API_URL: urls.linkedin,
    LATCH_LINKEDIN_TOKEN: DEMO_AD_TOKENS.linkedin,
  };
}
