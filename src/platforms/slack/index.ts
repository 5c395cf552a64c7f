import { PlatformError } from '../../errors.js';
import type { ManagedResource } from '../../model/grants.js';
import type { ResourceKind } from '../../model/kinds.js';
import type { Change } from '../../model/plan.js';
import type { AdapterFactory, PlatformAdapter, PlatformContext } from '../adapter.js';
import { slackImporter } from './discover.js';
import { SLACK_KINDS } from './kinds.js';
import { createClient, readSettings, type SlackTuning } from './client.js';
import { PLATFORM } from './errors.js';
import { applyChannelChange, isChannelId, listChannelGrants } from './members.js';
import { createDirectory } from './users.js';
import { resolveEmails } from './resolve.js';

export { SlackApiError } from './errors.js';
export type { SlackTuning } from './client.js';

const KINDS = SLACK_KINDS.map((facts) => facts.kind);

function checkResource(kind: ResourceKind, ref: string, operation: string): string {
  if (kind !== 'slack-channel') throw new PlatformError(PLATFORM, operation, `resource kind ${kind} is not a Slack kind`);
  if (!isChannelId(ref)) {
    throw new PlatformError(PLATFORM, operation, `slack-channel reference "${ref}" is not a channel id; use the id shown at the bottom of the channel's details (such as C0123ABC), not its name`);
  }
  return ref;
}

/**
 * The Slack adapter: one kind, `slack-channel`, with one level, `member`. Principals are
 * e-mails (lower-cased), resolved through one `users.list` per run; members without a
 * visible e-mail make the listing fail rather than go unseen.
 *
 * Bots: the token's own user is left out of every listing and never changed (it has to stay
 * in the channels it manages). Other bots have no e-mail to declare, so they are listed as
 * `bot:<handle>` with `owner: true`: shown to reviewers and auditors, never revoked.
 * Deactivated accounts hold no access, so they are not listed.
 *
 * Configuration comes from the environment only: `LATCH_SLACK_API_URL` (default
 * https://slack.com/api/) and `SLACK_TOKEN` (a bot token, required). `tuning` is for tests.
 */
export function createSlackAdapter(context: PlatformContext, tuning: SlackTuning = {}): PlatformAdapter {
  const client = createClient(readSettings(context.env), context.logger, tuning);
  const directory = createDirectory(client);
  return {
    id: PLATFORM,
    kinds: KINDS,
    calls: client.calls,

    async list(resource: ManagedResource) {
      return listChannelGrants(client, directory, checkResource(resource.kind, resource.ref, 'list'));
    },

    resolvePrincipals: (principals) => resolveEmails(directory, principals),

    async apply(change: Change) {
      checkResource(change.kind, change.resource, change.action);
      return applyChannelChange(client, directory, change);
    },
  };
}

export const slackFactory = {
  id: PLATFORM,
  kinds: KINDS,
  create: (context: PlatformContext) => createSlackAdapter(context),
  importer: slackImporter,
} satisfies AdapterFactory;
