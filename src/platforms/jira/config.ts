import { z } from 'zod';
import { JIRA_LEVELS, type JiraLevel } from './levels.js';

/** The words validation uses for a site address that does not match. */
export const JIRA_SITE = { pattern: /^https:\/\/[a-z0-9-]+(?:\.[a-z0-9-]+)+\/?$/, says: 'a Jira Cloud site address (such as https://acme.atlassian.net)' };

/** `jira:` of `policies/platforms.yaml`: the site and the project role of each level. */
export const JIRA_CONFIG = z.strictObject({
  site: z.string().regex(JIRA_SITE.pattern, JIRA_SITE.says).describe('The Jira Cloud site, such as https://acme.atlassian.net'),
  roles: z
    .strictObject(Object.fromEntries(JIRA_LEVELS.map((level) => [level, z.string().min(1).optional()])) as Record<JiraLevel, z.ZodOptional<z.ZodString>>)
    .describe("Each jira-project level -> the site's project role that gives it (project roles are named per site); roles not named here are not Latch's"),
});
