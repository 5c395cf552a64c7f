import { resolve } from 'node:path';
import { Writable } from 'node:stream';
import { UsageError } from '../../errors.js';
import { EVENT_KINDS, writeEvent, type EventKind } from '../../sandbox/event.js';
import { seedFromRepository } from '../../sandbox/from-repo.js';
import { controlUrl, pushToSandbox } from '../../sandbox/push.js';
import { exportLines, removeEnvFile, startSandbox, untilStopped, writeEnvFile } from '../../sandbox/serve.js';
import { readStateFile, writeStateFile } from '../../sandbox/state-file.js';
import { demoState, type SandboxState } from '../../sandbox/state.js';
import { SandboxState as SandboxStateSchema } from '../../sandbox/schema.js';
import type { CliOptions } from '../args.js';
import type { CliRunner, Io } from '../io.js';
import { refuseJson } from '../json.js';

const SUBCOMMANDS = 'push [BRANCH], event pull-request NUMBER|push|schedule, save FILE';

async function startingState(options: CliOptions, io: Io, runCli: CliRunner): Promise<{ state: SandboxState; story: string[] }> {
  if (options.state && options.from) throw new UsageError('give --state FILE or --from DIR, not both');
  if (options.state) return { state: await readStateFile(options.state, io.cwd), story: [] };
  if (options.from) {
    const from = options.from;
    // apply's own report is not the sandbox's: the seeding reports its outcome in one line.
    const quiet = new Writable({ write: (_chunk, _encoding, done) => done() });
    return seedFromRepository(from, io.env, (env) => runCli(['apply', '--yes', '--dir', from], { ...io, env: { ...io.env, ...env }, cwd: from, stdout: quiet, stderr: quiet, interactive: false }));
  }
  return { state: demoState(), story: [] };
}

async function serve(options: CliOptions, io: Io, runCli: CliRunner): Promise<number> {
  const { state, story } = await startingState(options, io, runCli);
  if (options.writeState) {
    await writeStateFile(options.writeState, state);
    if (story.length > 0) io.stdout.write(`${story.join('\n')}\n`);
    io.stdout.write(`Wrote the sandbox state to ${options.writeState}; start from it with: latch sandbox --state ${options.writeState}\n`);
    return 0;
  }
  const stopped = untilStopped();
  const sandbox = await startSandbox(state, options.portBase);
  try {
    if (options.writeEnv) await writeEnvFile(options.writeEnv, sandbox.env);
    if (options.env) io.stdout.write(exportLines(sandbox.env));
    else {
      const urls = Object.entries(sandbox.platforms.urls).map(([name, url]) => `  ${name.padEnd(10)} ${url}\n`).join('');
      io.stdout.write(`Latch sandbox: every platform emulated on 127.0.0.1; access repository ${state.repository}.\n${urls}\n`);
      if (story.length > 0) io.stdout.write(`Drift made for you to find:\n${story.map((line) => `  - ${line}\n`).join('')}\n`);
      io.stdout.write(options.writeEnv ? `Environment written to ${options.writeEnv}: source it in another shell.\n` : exportLines(sandbox.env));
      io.stdout.write('Serving until Ctrl-C (SIGINT) or SIGTERM.\n');
    }
    const signal = await stopped;
    if (!options.env) io.stdout.write(`Stopped (${signal}).\n`);
    return 0;
  } finally {
    await removeEnvFile(options.writeEnv);
    await sandbox.close();
  }
}

async function save(io: Io, file: string | undefined): Promise<number> {
  if (!file) throw new UsageError('name the file: `latch sandbox save FILE`');
  const url = controlUrl(io.env);
  const response = await fetch(`${url}/state`).catch(() => undefined);
  const state = SandboxStateSchema.safeParse(await response?.json().catch(() => undefined));
  if (!response?.ok || !state.success) throw new UsageError(`the sandbox at ${url} did not give its state; is it still running?`);
  await writeStateFile(resolve(io.cwd, file), state.data);
  io.stdout.write(`Wrote the running sandbox's state to ${file}.\n`);
  return 0;
}

function isEventKind(value: string | undefined): value is EventKind {
  return (EVENT_KINDS as readonly (string | undefined)[]).includes(value);
}

/**
 * `latch sandbox`: every platform emulated on 127.0.0.1 until stopped, seeded from the demo,
 * a state file or an access repository; `push`, `event` and `save` act on a running one.
 */
export async function sandboxCommand(options: CliOptions, io: Io, runCli: CliRunner): Promise<number> {
  refuseJson(options, 'it serves emulated platforms and prints the shell lines to reach them (--env, --write-env)');
  const [sub, first] = options.args;
  if (sub === undefined) return serve(options, io, runCli);
  if (sub === 'save') return save(io, first);
  if (sub === 'push') {
    const pushed = await pushToSandbox(options.dir, io.env, first, options.by ?? io.env.GITHUB_ACTOR ?? 'octocat');
    const merged = pushed.merged.map((number) => ` and merged pull request #${number}`).join('');
    io.stdout.write(`Pushed ${pushed.branch} (${pushed.sha.slice(0, 7)}) to the sandbox${merged}.\n`);
    return 0;
  }
  if (sub === 'event') {
    if (!isEventKind(first)) throw new UsageError(`the event is one of ${EVENT_KINDS.join(', ')}: latch sandbox event pull-request NUMBER`);
    io.stdout.write(exportLines(await writeEvent(first, options.args[2], options.dir, io.env)));
    return 0;
  }
  throw new UsageError(`unknown sandbox command "${sub}"; use ${SUBCOMMANDS}`);
}
