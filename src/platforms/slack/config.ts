import { z } from 'zod';

/** `slack:` of `policies/platforms.yaml`. */
export const SLACK_CONFIG = z.strictObject({ workspace: z.string().min(1).describe('Slack workspace (team) id') });
