import { UsageError } from '../../errors.js';
import { preparePlan } from '../../pipeline.js';
import { asksSomething, buildRequestMessage, type RequestMessage } from '../../report/request.js';
import { renderRequestMarkdown } from '../../report/request-markdown.js';
import { renderRequestText } from '../../report/request-text.js';
import type { CliOptions } from '../args.js';
import { makeLogger, runContext, type Io } from '../io.js';
import { writeJson } from '../json.js';

const RENDERERS = {
  text: renderRequestText,
  markdown: renderRequestMarkdown,
  json: (message: RequestMessage) => JSON.stringify(message, null, 2),
} as const satisfies Partial<Record<CliOptions['format'], (message: RequestMessage) => string>>;

function rendererFor(format: CliOptions['format']): (message: RequestMessage) => string {
  if (format === 'csv' || format === 'html') throw new UsageError(`latch request writes text (an e-mail), markdown (a pull request or issue) or json, not ${format}`);
  return RENDERERS[format];
}

/**
 * `latch request <client>`: the one message a client needs about the accounts it owns
 * (`mode: verify`), every platform at once. Exit 2 when it asks something, 0 when all is
 * verified, 1 when an account could not be read (the message then says so and claims nothing).
 */
export async function requestCommand(options: CliOptions, io: Io): Promise<number> {
  const render = rendererFor(options.format);
  const logger = makeLogger(io, options);
  const context = runContext(io, options, logger);
  const client = options.args[0] ?? '';
  const prepared = await preparePlan(context, { client });
  const loaded = prepared.repository.clients.find((entry) => entry.data.client === client);
  if (!loaded) throw new Error(`no client "${client}" in clients/`);
  const message = buildRequestMessage({ path: loaded.file, data: loaded.data }, prepared.plan, context.today);
  if (options.format === 'json') {
    // A client without verify-mode accounts gets the same document with nothing in it, so a program needs no second shape.
    writeJson(io, render(message));
  } else if (!Object.values(loaded.data.resources).some((resource) => resource.mode === 'verify')) {
    io.stdout.write(`${loaded.data.name} has no resource in verify mode (mode: verify in ${loaded.file}): there is nothing to ask.\n`);
    return 0;
  } else {
    io.stdout.write(render(message));
  }
  if (message.unverified.length > 0) return 1;
  return asksSomething(message) ? 2 : 0;
}
