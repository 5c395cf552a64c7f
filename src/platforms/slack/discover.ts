import { z } from 'zod';
import { createClient, readSettings, type SlackClient } from './client.js';
import { SlackApiError } from './errors.js';
import type { Discovered, PlatformContext, PlatformImporter } from '../adapter.js';

/** `conversations.list`: the fields import uses, one page. */
const ChannelsPage = z.object({
  ok: z.literal(true),
  channels: z.array(z.object({ id: z.string(), name: z.string() })),
  response_metadata: z.object({ next_cursor: z.string().optional() }).optional(),
});

const clients = new WeakMap<PlatformContext, SlackClient>();

/** One client per run, from the same variables as the adapter (LATCH_SLACK_API_URL, SLACK_TOKEN). */
function clientOf(context: PlatformContext): SlackClient {
  let client = clients.get(context);
  if (!client) {
    client = createClient(readSettings(context.env), context.logger);
    clients.set(context, client);
  }
  return client;
}

/** Every channel the bot can see, archived ones left out: complete, or throws. */
async function discover(context: PlatformContext): Promise<Discovered[]> {
  const client = clientOf(context);
  const found: Discovered[] = [];
  const seen = new Set<string>();
  let cursor = '';
  do {
    const args: Record<string, string> = { types: 'public_channel,private_channel', exclude_archived: 'true', limit: String(client.pageSize) };
    if (cursor) args.cursor = cursor;
    const page = await client.call('conversations.list', args, ChannelsPage, { operation: 'discover', subject: 'the workspace' });
    found.push(...page.channels.map((channel): Discovered => ({ kind: 'slack-channel', ref: channel.id, name: channel.name })));
    seen.add(cursor);
    cursor = page.response_metadata?.next_cursor ?? '';
    if (cursor && seen.has(cursor)) throw new SlackApiError('discover', 'conversations.list', 'invalid_cursor', 'conversations.list returned the same page cursor twice');
  } while (cursor);
  return found;
}

/**
 * Import from Slack: the workspace's channels, grouped by name like repositories. Slack
 * knows members by e-mail, so every person comes with theirs.
 */
export const slackImporter: PlatformImporter = {
  discover,
  emails: () => Promise.resolve(new Map()),
  describe: (context) => `Slack workspace ${context.config.slack?.workspace ?? '(no id in policies/platforms.yaml)'}`,
};
