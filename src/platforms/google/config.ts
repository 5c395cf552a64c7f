import { z } from 'zod';

/** `google:` of `policies/platforms.yaml`. */
export const GOOGLE_CONFIG = z.strictObject({
  customer: z.string().min(1).describe('Google Workspace customer id'),
  subject: z.email().describe('The user the service account acts as (domain-wide delegation)'),
});
