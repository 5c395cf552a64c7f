import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { UsageError } from '../errors.js';
import { closest } from '../load/suggest.js';
import { COMMON_OPTIONS, isOptionName, OPTIONS, optionSynopsis, TOLERATED_OPTIONS, type OptionName, type OptionSpec } from './options.js';

export type OutputFormat = 'text' | 'markdown' | 'json' | 'csv' | 'html';

export interface CliOptions {
  command: string;
  /** Positional arguments after the command name (`latch who dana@apexoutdoor.com`). */
  args: string[];
  dir: string;
  format: OutputFormat;
  client?: string;
  base?: string;
  /** `plan`: read everything (`all`) or only what the change since --base can affect (`changed`). */
  scope: 'all' | 'changed';
  out?: string;
  plan?: string;
  yes: boolean;
  allowMassRevoke: boolean;
  logFormat: 'pretty' | 'json';
  verbose: boolean;
  concurrency?: number;
  /** Where answers are kept between runs for conditional reads; `LATCH_CACHE_DIR` when absent. */
  cacheDir?: string;
  /** `access`: add the declarations behind every cell. */
  why: boolean;
  /** `who`: also read the platforms and compare. */
  live: boolean;
  /** `register`: the apply job's audit records (JSON Lines), for when changes were carried out. */
  auditLog?: string;
  /** `review`: record the review in the client file instead of printing the checklist. */
  attest: boolean;
  /** `review --attest`: the agency person who reviewed (key or e-mail). */
  by?: string;
  /** `validate`: the GitHub login or e-mail of the change's author, checked against delegation rules with --base. */
  author?: string;
  /** `codeowners`: the agency's team (`@org/team`) that owns everything; default the owners' logins. */
  agencyTeam?: string;
  /** `import`: the platform to read. */
  platform?: string;
  /** `import`: how resources are grouped into clients. */
  groupBy: 'prefix';
  /** `revoke`: why the access goes now, kept in the audit records. */
  reason?: string;
  /** `revoke`: every managed resource of every client. */
  everywhere: boolean;
  /** `revoke`: one resource, `KIND:REF`. */
  resource?: string;
  /** `revoke`: open a pull request with the change to the files. */
  pr: boolean;
  /** `sandbox`: the state file to start from. */
  state?: string;
  /** `sandbox`: the access repository to seed the platforms from. */
  from?: string;
  /** `sandbox`: first of the fixed ports; default free ports. */
  portBase?: number;
  /** `sandbox`: where to write the environment once the emulators listen. */
  writeEnv?: string;
  /** `sandbox`: print only the `export` lines. */
  env: boolean;
  /** `sandbox`: write the starting state here and stop. */
  writeState?: string;
}

function oneOf<T extends string>(name: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`--${name} must be one of ${allowed.join(', ')}, not "${value}"`);
}

/** What parsing needs to know of a command: its name and, once declared, the options it takes. */
export interface CommandOptions {
  name: string;
  /** Options beyond the common ones; absent: every option is accepted. */
  options?: readonly OptionName[];
}

/** A command line: help for the overview or one command, or a command to run. */
export type CliRequest = { help: true; command?: string } | { help: false; version: true } | { help: false; version: false; options: CliOptions };

type Token = NonNullable<ReturnType<typeof parseArgs>['tokens']>[number];
type OptionToken = Extract<Token, { kind: 'option' }>;

function commandNamed(name: string, commands: readonly CommandOptions[]): CommandOptions {
  const command = commands.find((candidate) => candidate.name === name);
  if (command) return command;
  const names = commands.map((candidate) => candidate.name);
  const guess = closest(name, names);
  throw new UsageError(`unknown command "${name}"; ${guess ? `did you mean "${guess}"? ` : ''}commands: ${names.join(', ')}`);
}

/** Options a command takes, the common ones last. */
export function optionsOf(command: CommandOptions): OptionName[] {
  const own = command.options ?? (Object.keys(OPTIONS) as OptionName[]);
  return [...own.filter((name) => !COMMON_OPTIONS.includes(name)), ...COMMON_OPTIONS];
}

/** The first problem with one option of the command line, in words a person can act on. */
function optionProblem(token: OptionToken, command: CommandOptions): string | undefined {
  const accepted = optionsOf(command);
  if (!isOptionName(token.name)) {
    // A one-letter typo is too short to guess from.
    const guess = token.rawName.startsWith('--') ? closest(token.name, accepted) : undefined;
    return `unknown option ${token.rawName}${guess ? `; did you mean --${guess}?` : ''}`;
  }
  const name = token.name;
  if (!accepted.includes(name) && !TOLERATED_OPTIONS.includes(name)) {
    return `${token.rawName} is not an option of latch ${command.name}; its options: ${accepted.map((option) => `--${option}`).join(', ')}`;
  }
  const spec: OptionSpec = OPTIONS[name];
  if (spec.type === 'boolean') return token.inlineValue ? `${token.rawName} takes no value; give "${token.rawName}" alone` : undefined;
  if (token.value === undefined) return `${token.rawName} needs a value: ${optionSynopsis(name)}`;
  if (!token.inlineValue && token.value.startsWith('-') && token.value.length > 1) {
    return `${token.rawName} needs a value: ${optionSynopsis(name)} (got the option "${token.value}"; for a value that starts with "-", write ${token.rawName}=VALUE)`;
  }
  return undefined;
}

/** Reads the command line, refusing unknown commands and options with the closest known one; help for the overview or one command; the version. */
export function parseCli(argv: readonly string[], cwd: string, commands: readonly CommandOptions[]): CliRequest {
  // Lenient first, so every problem is described here rather than in node:util's words.
  const { tokens } = parseArgs({ args: [...argv], allowPositionals: true, strict: false, tokens: true, options: OPTIONS });
  const positionals = tokens.filter((token) => token.kind === 'positional').map((token) => token.value);
  const options = tokens.filter((token): token is OptionToken => token.kind === 'option');
  const [first, second] = positionals;
  if (options.some((token) => token.name === 'version')) return { help: false, version: true };
  if (first === 'help' || options.some((token) => token.name === 'help')) {
    const target = first === 'help' ? second : first;
    return { help: true, command: target === undefined ? undefined : commandNamed(target, commands).name };
  }
  if (first === undefined) throw new UsageError(`no command given; commands: ${commands.map((command) => command.name).join(', ')}`);
  const command = commandNamed(first, commands);
  for (const token of options) {
    const problem = optionProblem(token, command);
    if (problem) throw new UsageError(problem);
  }
  return { help: false, version: false, options: toOptions(argv, cwd) };
}

/** node:util names its refusals by code; none of its wording reaches the user. */
const PARSE_PROBLEMS: Record<string, string> = {
  ERR_PARSE_ARGS_UNKNOWN_OPTION: 'an unknown option',
  ERR_PARSE_ARGS_INVALID_OPTION_VALUE: 'an option without its value, or a value given to an option that takes none',
  ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL: 'an unexpected argument',
};

/** The values of a command line already checked option by option. */
function toOptions(argv: readonly string[], cwd: string): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], allowPositionals: true, strict: true, options: OPTIONS });
  } catch (error) {
    const code = error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : '';
    throw new UsageError(`the command line has ${PARSE_PROBLEMS[code] ?? 'an option Latch cannot read'}`);
  }
  const { values, positionals } = parsed;
  const [name = '', ...rest] = positionals;
  let concurrency: number | undefined;
  if (values.concurrency !== undefined) {
    concurrency = Number(values.concurrency);
    if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) {
      throw new UsageError('--concurrency must be a whole number from 1 to 64');
    }
  }
  let portBase: number | undefined;
  if (values['port-base'] !== undefined) {
    portBase = Number(values['port-base']);
    if (!Number.isInteger(portBase) || portBase < 1024 || portBase > 65_526) throw new UsageError('--port-base must be a whole number from 1024 to 65526');
  }
  const path = (value: string | undefined) => (value === undefined ? undefined : resolve(cwd, value));
  return {
    command: name,
    args: rest,
    dir: resolve(cwd, values.dir ?? '.'),
    format: oneOf('format', values.format, ['text', 'markdown', 'json', 'csv', 'html'], 'text'),
    client: values.client,
    base: values.base,
    scope: oneOf('scope', values.scope, ['all', 'changed'], 'all'),
    out: values.out === undefined ? undefined : resolve(cwd, values.out),
    plan: values.plan === undefined ? undefined : resolve(cwd, values.plan),
    yes: values.yes ?? false,
    allowMassRevoke: values['allow-mass-revoke'] ?? false,
    logFormat: oneOf('log-format', values['log-format'], ['pretty', 'json'], 'pretty'),
    verbose: values.verbose ?? false,
    concurrency,
    cacheDir: values['cache-dir'] === undefined ? undefined : resolve(cwd, values['cache-dir']),
    why: values.why ?? false,
    live: values.live ?? false,
    auditLog: values['audit-log'] === undefined ? undefined : resolve(cwd, values['audit-log']),
    attest: values.attest ?? false,
    by: values.by,
    author: values.author,
    agencyTeam: values['agency-team'],
    platform: values.platform,
    groupBy: oneOf('group-by', values['group-by'], ['prefix'], 'prefix'),
    reason: values.reason,
    everywhere: values.everywhere ?? false,
    resource: values.resource,
    pr: values.pr ?? false,
    state: path(values.state),
    from: path(values.from),
    portBase,
    writeEnv: path(values['write-env']),
    env: values.env ?? false,
    writeState: path(values['write-state']),
  };
}
