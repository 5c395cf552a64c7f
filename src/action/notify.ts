import { z } from 'zod';
import { describeError } from '../errors.js';
import { scrubSecrets } from '../log.js';
import type { PreparedPlan } from '../pipeline.js';
import { createClient, readSettings } from '../platforms/slack/client.js';
import { driftNotice, type NoticeLinks } from '../report/notify.js';
import type { ReportModel } from '../report/page-model.js';
import type { ActionContext } from './context.js';

const Posted = z.object({ ok: z.literal(true), ts: z.string() });

/**
 * Posts the drift run's summary to the channel `slack.notify` names, with SLACK_TOKEN (it
 * needs `chat:write`). Off when not configured or when there is nothing to say; a failure is
 * a warning, never the run's failure: the drift issue and the artifact already hold it all.
 */
export async function notifySlack(context: ActionContext, prepared: PreparedPlan, model: ReportModel, links: NoticeLinks): Promise<void> {
  const notify = prepared.repository.platforms.slack?.notify;
  if (!notify) return;
  const text = driftNotice(model, notify.requestsWaitingDays, links);
  if (!text) return;
  try {
    const client = createClient(readSettings(context.coreEnv), context.logger);
    await client.call('chat.postMessage', { channel: notify.channel, text, unfurl_links: 'false' }, Posted, { operation: 'notify', subject: `channel ${notify.channel}` });
    context.runner.info(`Slack: summary posted to ${notify.channel}.`);
  } catch (error) {
    context.runner.annotate('warning', scrubSecrets(`Slack notification not sent: ${describeError(error)}`, context.secrets));
  }
}
