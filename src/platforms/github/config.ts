import { z } from 'zod';

/** `github:` of `policies/platforms.yaml`. */
export const GITHUB_CONFIG = z.strictObject({
  org: z.string().min(1).describe('The GitHub organisation the repositories and teams belong to'),
  audit: z
    .strictObject({
      outsideCollaborators: z.boolean().default(false).describe('Report outside collaborators no client file declares'),
    })
    .default({ outsideCollaborators: false }),
});
