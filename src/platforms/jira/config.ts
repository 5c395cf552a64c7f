import { z } from 'zod';
import { JIRA_KINDS } from './kinds.js';

/** The words validation uses for a site address that does not match. */
export const JIRA_SITE = { pattern: /^https:\/\/[a-z0-9-]+(?:\.[a-z0-9-]+)+\/?$/, says: 'a Jira Cloud site address (such as https://acme.atlassian.net)' };

type JiraLevel = (typeof JIRA_KINDS)[0]['levels'][number];

/** `jira:` of `policies/platforms.yaml`: the site and the project role of each level. */
export const JIRA_CONFIG = z.strictObject({
  site: z.string().regex(JIRA_SITE.pattern, JIRA_SITE.says).describe('The Jira Cloud site, such as https://acme.atlassian.net'),
  roles: z
    .strictObject(Object.fromEntries(JIRA_KINDS[0].levels.map((level) => [level, z.string().min(1).optional()])) as Record<JiraLevel, z.ZodOptional<z.ZodString>>)
    .describe("Each jira-project level -> the site's project role that gives it (project roles are named per site); roles not named here are not Latch's"),
});
