import { writeFile } from 'node:fs/promises';
import type { Plan } from '../../model/plan.js';
import { planIncomplete } from '../../plan/complete.js';
import { preparePlan } from '../../pipeline.js';
import { renderJson } from '../../report/json.js';
import { renderMarkdown } from '../../report/markdown.js';
import { renderText } from '../../report/text.js';
import { UsageError } from '../../errors.js';
import { openRequests } from '../../verify/requests.js';
import type { CliOptions, OutputFormat } from '../args.js';
import { makeLogger, runContext, useColor, type Io } from '../io.js';
import { writeJson } from '../json.js';

export function renderPlan(plan: Plan, format: OutputFormat, color: boolean, drift = false): string {
  if (format === 'json') return renderJson(plan);
  if (format === 'markdown') return renderMarkdown(plan, { drift });
  return renderText(plan, { color, drift });
}

function ensureNewline(text: string): string {
  return text.endsWith('\n') ? text : `${text}\n`;
}

/**
 * Exit code of a plan: 1 when part of it could not be made or it grants to someone the
 * platform does not know, 2 when anything differs (a change, or an access request someone
 * still has to act on), else 0.
 */
export function planExitCode(plan: Plan, countFindings: boolean): number {
  if (planIncomplete(plan) || (plan.unknownPrincipals?.length ?? 0) > 0) return 1;
  if (plan.changes.length > 0 || (countFindings && (plan.emergencies?.length ?? 0) > 0)) return 2;
  if (openRequests(plan.requests).length > 0) return 2;
  if (countFindings && plan.findings.length > 0) return 2;
  return 0;
}

/** `latch plan` and `latch drift`: the same read-only run; drift also counts audit findings. */
export async function planCommand(options: CliOptions, io: Io): Promise<number> {
  const drift = options.command === 'drift';
  if (options.scope === 'changed') {
    if (drift) throw new UsageError('drift reads every client by definition; --scope changed is for plan');
    if (!options.base) throw new UsageError('--scope changed needs --base REF: the ref the change is made against');
  }
  const logger = makeLogger(io, options);
  const read = options.scope === 'changed' ? 'changed' : undefined;
  const prepared = await preparePlan(runContext(io, options, logger), { client: options.client, base: options.base, read, auditLog: options.auditLog });
  if (drift && options.format === 'text') io.stdout.write('Drift report: what the platforms have that the repository does not say.\n\n');
  if (options.format === 'json') writeJson(io, renderJson(prepared.plan));
  else io.stdout.write(ensureNewline(renderPlan(prepared.plan, options.format, useColor(io), drift)));
  if (options.out) await writeFile(options.out, ensureNewline(renderJson(prepared.plan)));
  return planExitCode(prepared.plan, drift);
}
