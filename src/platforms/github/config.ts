import { z } from 'zod';

/** `github:` of `policies/platforms.yaml`. */
export const GITHUB_CONFIG = z.strictObject({
  org: z.string().min(1).describe('The GitHub organisation the repositories and teams belong to'),
  audit: z
    .strictObject({
      outsideCollaborators: z.boolean().default(false).describe('Report outside collaborators no client file declares'),
    })
    .default({ outsideCollaborators: false }),
  rateLimit: z
    .strictObject({
      reserve: z
        .string()
        .regex(/^(?:\d|[1-9]\d)%$/, 'a percentage from 0% to 99%, such as 20%')
        .describe('Share of each hourly GitHub quota (REST and GraphQL) that reads leave to other runs, default 20%: below it a read waits for the reset (up to 10 minutes) or fails, and a read whose estimate does not fit above it is not started'),
    })
    .optional(),
});

