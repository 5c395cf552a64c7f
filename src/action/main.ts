import { today } from '../clock.js';
import { ConfigError, RefusalError, UsageError, describeError } from '../errors.js';
import { createLogger, scrubSecrets, secretValues } from '../log.js';
import { preparePlan } from '../pipeline.js';
import { applyPush } from './apply-push.js';
import { coreContext, type ActionContext } from './context.js';
import { driftCheck } from './drift.js';
import { readRunEnvironment } from './event.js';
import { readInputs, type ActionCommand } from './inputs.js';
import { publishPlan, summarisePlan } from './outputs.js';
import { planPullRequest } from './plan-pr.js';
import type { Runner } from './runner.js';
import { validateStep } from './validate.js';

/** The command a workflow event stands for when the `command` input is `auto`. */
export function commandForEvent(eventName: string): ActionCommand {
  if (eventName === 'pull_request') return 'plan';
  if (eventName === 'push') return 'apply';
  if (eventName === 'schedule' || eventName === 'workflow_dispatch') return 'drift';
  throw new UsageError(`no command for the "${eventName || 'unknown'}" event: set the command input to plan, apply, drift or validate`);
}

/** `plan` outside a pull request (another CI system, a manual run): the plan, the summary, exit 2 on changes. */
async function planOnly(context: ActionContext): Promise<number> {
  const validation = await validateStep(context);
  if (!validation.ok) return 1;
  const prepared = await preparePlan(coreContext(context), { base: context.inputs.baseRef || undefined });
  await publishPlan(context, prepared.plan);
  await summarisePlan(context, prepared.plan, 'Latch access plan');
  if (prepared.plan.unread.length > 0 || (prepared.plan.unknownPrincipals?.length ?? 0) > 0) return 1;
  return prepared.plan.changes.length > 0 ? 2 : 0;
}

async function dispatch(context: ActionContext, command: ActionCommand): Promise<number> {
  if (command === 'validate') return (await validateStep(context)).ok ? 0 : 1;
  if (command === 'apply') return applyPush(context);
  if (command === 'drift') return driftCheck(context);
  return context.run.eventName === 'pull_request' ? planPullRequest(context) : planOnly(context);
}

/**
 * The Action's entry: reads the run and the inputs, runs one command, and returns the exit
 * code: 0 done, 1 error (or a stopped apply), 2 drift with `fail-on-drift` or, outside a pull
 * request, a plan with changes. Errors become an annotation; no stack trace, no secret.
 */
export async function runAction(runner: Runner, cwd: string): Promise<number> {
  let secrets = secretValues(runner.env);
  try {
    const run = await readRunEnvironment(runner.env, cwd);
    const inputs = readInputs(runner, run.workspace);
    const coreEnv: NodeJS.ProcessEnv = inputs.token ? { ...runner.env, GITHUB_TOKEN: inputs.token } : { ...runner.env };
    secrets = secretValues(coreEnv);
    const context: ActionContext = {
      runner,
      inputs,
      run,
      logger: createLogger({ destination: process.stderr }),
      today: today(runner.env),
      coreEnv,
      secrets,
    };
    const command = inputs.command === 'auto' ? commandForEvent(run.eventName) : inputs.command;
    runner.info(`Latch ${command} (${run.eventName || 'no event'}) in ${inputs.configDir}`);
    return await dispatch(context, command);
  } catch (error) {
    const hint = error instanceof RefusalError ? ` (${error.hint})` : '';
    const message = error instanceof ConfigError ? error.message : describeError(error);
    runner.annotate('error', scrubSecrets(`Latch: ${message}${hint}`, secrets));
    return 1;
  }
}
