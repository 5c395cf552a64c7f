import { z } from 'zod';

/** `slack:` of `policies/platforms.yaml`. */
export const SLACK_CONFIG = z.strictObject({
  workspace: z.string().min(1).describe('Slack workspace (team) id'),
  notify: z
    .strictObject({
      channel: z.string().regex(/^[CG][A-Z0-9]+$/, 'a channel id such as C0123ABCD').describe("The agency's channel the drift run posts its summary to (the bot must be a member)"),
      requestsWaitingDays: z.number().int().min(1).default(7).describe('Access requests open longer than this many days are mentioned'),
    })
    .optional()
    .describe('Off unless set: the drift run posts a short summary to this channel (needs the chat:write scope)'),
});
