import { z } from 'zod';
import { AWS_CONFIG } from './aws/config.js';
import { GITHUB_CONFIG } from './github/config.js';
import { GOOGLE_ADS_CONFIG, GOOGLE_ADS_CUSTOMER_ID } from './google-ads/config.js';
import { GOOGLE_CONFIG } from './google/config.js';
import { JIRA_CONFIG, JIRA_SITE } from './jira/config.js';
import { SLACK_CONFIG } from './slack/config.js';

/**
 * `policies/platforms.yaml`: one optional section per platform that needs settings beyond
 * its credentials, each declared in its platform's `config.ts`. Like the kinds' facts these
 * files hold zod shapes only, so the loader can read them without any adapter code.
 */
export const PlatformsFile = z.strictObject({
  github: GITHUB_CONFIG.optional(),
  google: GOOGLE_CONFIG.optional(),
  slack: SLACK_CONFIG.optional(),
  'google-ads': GOOGLE_ADS_CONFIG.optional(),
  aws: AWS_CONFIG.optional(),
  jira: JIRA_CONFIG.optional(),
});

/** Text formats of the platforms' settings, for validation's words (`TEXT_FORMATS` of the loader). */
export const PLATFORM_TEXT_FORMATS = { googleAdsCustomerId: GOOGLE_ADS_CUSTOMER_ID, jiraSite: JIRA_SITE } as const;
