import { expandDesired } from '../../desire/expand.js';
import { loadRepository } from '../../load/load.js';
import { didYouMean } from '../../load/suggest.js';
import { buildAccessMatrix, renderAccessCsv, renderAccessJson, renderAccessMarkdown, renderAccessText } from '../../report/access.js';
import type { CliOptions } from '../args.js';
import { runContext, makeLogger, type Io } from '../io.js';
import { writeJson } from '../json.js';

/** `latch access <client>`: the effective access matrix of one client, and with --why where each cell comes from. */
export async function accessCommand(options: CliOptions, io: Io): Promise<number> {
  const context = runContext(io, options, makeLogger(io, options));
  const name = options.args[0] ?? '';
  const { repository } = await loadRepository(options.dir, { today: context.today });
  const client = repository.clients.find((loaded) => loaded.data.client === name);
  if (!client) {
    const known = repository.clients.map((loaded) => loaded.data.client);
    throw new Error(`no client "${name}" in clients/. ${didYouMean(name, known)}Known clients: ${known.join(', ') || '(none)'}`);
  }
  const matrix = buildAccessMatrix(client, expandDesired(repository, context.today), repository.guardrails);
  if (options.format === 'json') {
    writeJson(io, renderAccessJson(matrix));
    return 0;
  }
  const render = { why: options.why };
  let text: string;
  if (options.format === 'csv') text = renderAccessCsv(matrix, render);
  else if (options.format === 'markdown') text = renderAccessMarkdown(matrix, render);
  else text = renderAccessText(matrix, render);
  io.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  return 0;
}
