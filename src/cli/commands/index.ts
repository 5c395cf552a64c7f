import type { CliOptions, CommandOptions } from '../args.js';
import type { OptionName } from '../options.js';
import type { CliRunner, Io } from '../io.js';

/** One CLI command: adding a command is one file and one entry in COMMANDS. */
export interface CommandSpec extends CommandOptions {
  name: string;
  /** How it is called, e.g. `who <email|login>`. */
  usage: string;
  /** One line for `latch --help`. */
  summary: string;
  /** Its exit codes, for `latch --help`. */
  exits: string;
  /** How many positional arguments it takes (default none). */
  positionals?: { min: number; max: number };
  /** The options it takes beyond dir, log-format, verbose and help; each described once in options.ts. */
  options?: readonly OptionName[];
  /** Command lines to copy, without the leading `latch`, for `latch help <command>`. */
  examples?: readonly string[];
  run(options: CliOptions, io: Io, runCli: CliRunner): Promise<number>;
}

/**
 * A command whose module is loaded when it runs: loading every command up front made each
 * run carry the code of all of them (sandbox's emulators, import, the HTML report), about
 * 15 MB of RSS more for a `latch plan`.
 */
function lazy<K extends string>(load: () => Promise<Record<K, CommandSpec['run']>>, name: K): CommandSpec['run'] {
  return async (options, io, runCli) => (await load())[name](options, io, runCli);
}

/** Options of the commands that read the platforms, besides their own. */
const READS: readonly OptionName[] = ['concurrency', 'cache-dir'];

export const COMMANDS: readonly CommandSpec[] = [
  {
    name: 'validate',
    usage: 'validate',
    summary: 'check clients/ and policies/ (schemas, guardrails)',
    exits: 'exit 0 valid, 1 errors',
    options: ['author', 'base'],
    examples: ['validate', 'validate --author dana-apex --base origin/main'],
    run: lazy(() => import('./validate.js'), 'validateCommand'),
  },
  {
    name: 'plan',
    usage: 'plan',
    summary: 'show what apply would change',
    exits: 'exit 0 none, 2 changes, 1 error',
    options: ['format', 'client', 'base', 'scope', 'out', 'audit-log', ...READS],
    examples: ['plan --format json --out plan.json', 'plan --base origin/main --scope changed'],
    run: lazy(() => import('./plan.js'), 'planCommand'),
  },
  {
    name: 'apply',
    usage: 'apply',
    summary: 'grant and revoke on the platforms',
    exits: 'exit 0 done, 1 any failure',
    options: ['plan', 'yes', 'allow-mass-revoke', 'client', 'base', 'audit-log', ...READS],
    examples: ['apply', 'apply --plan plan.json --yes'],
    run: lazy(() => import('./apply.js'), 'applyCommand'),
  },
  {
    name: 'drift',
    usage: 'drift',
    summary: 'compare every platform with the repository',
    exits: 'exit 0 none, 2 drift, 1 error',
    options: ['format', 'client', 'base', 'scope', 'out', 'audit-log', ...READS],
    examples: ['drift', 'drift --format markdown --out drift.json'],
    run: lazy(() => import('./plan.js'), 'planCommand'),
  },
  {
    name: 'who',
    usage: 'who <email|login>',
    summary: 'everything one person can reach, why, since which PR',
    exits: 'exit 0, 1 unknown person',
    positionals: { min: 1, max: 1 },
    options: ['format', 'live', ...READS],
    examples: ['who dana@apexoutdoor.com', 'who dana-apex --live --format json'],
    run: lazy(() => import('./who.js'), 'whoCommand'),
  },
  {
    name: 'access',
    usage: 'access <client>',
    summary: 'the effective access matrix of one client (--why)',
    exits: 'exit 0, 1 unknown client',
    positionals: { min: 1, max: 1 },
    options: ['format', 'why'],
    examples: ['access apex', 'access apex --why --format csv'],
    run: lazy(() => import('./access.js'), 'accessCommand'),
  },
  {
    name: 'register',
    usage: 'register',
    summary: 'the access register from git history (csv, json)',
    exits: 'exit 0, 1 error',
    options: ['format', 'client', 'audit-log'],
    examples: ['register --client apex', 'register --format json --audit-log audit.jsonl'],
    run: lazy(() => import('./register.js'), 'registerCommand'),
  },
  {
    name: 'request',
    usage: 'request <client>',
    summary: 'what a client must do on accounts it owns (verify)',
    exits: 'exit 0 none, 2 asks, 1 error',
    positionals: { min: 1, max: 1 },
    options: ['format', ...READS],
    examples: ['request bloom', 'request bloom --format markdown'],
    run: lazy(() => import('./request.js'), 'requestCommand'),
  },
  {
    name: 'review',
    usage: 'review',
    summary: 'access review checklists; --attest --by records one',
    exits: 'exit 0, 1 error',
    options: ['format', 'client', 'out', 'attest', 'by'],
    examples: ['review --out reviews', 'review --client apex --attest --by maria'],
    run: lazy(() => import('./review.js'), 'reviewCommand'),
  },
  {
    name: 'codeowners',
    usage: 'codeowners',
    summary: 'CODEOWNERS from the client files (--out FILE)',
    exits: 'exit 0, 1 error',
    options: ['out', 'agency-team'],
    examples: ['codeowners --out .github/CODEOWNERS --agency-team @acme-agency/leads'],
    run: lazy(() => import('./codeowners.js'), 'codeownersCommand'),
  },
  {
    name: 'status',
    usage: 'status',
    summary: 'each client: healthy, onboarding, needs attention',
    exits: 'exit 0 fine, 2 attention, 1 error or unread',
    options: ['format', 'audit-log', ...READS],
    examples: ['status', 'status --format markdown --audit-log audit.jsonl'],
    run: lazy(() => import('./status.js'), 'statusCommand'),
  },
  {
    name: 'report',
    usage: 'report',
    summary: 'one HTML page: status, access, drift (--out FILE)',
    exits: 'exit 0 written, 1 error',
    options: ['format', 'out', 'audit-log', ...READS],
    examples: ['report --out report.html', 'report --format json'],
    run: lazy(() => import('./report.js'), 'reportCommand'),
  },
  {
    name: 'import',
    usage: 'import --platform P',
    summary: "write today's access as client YAML (--out DIR)",
    exits: 'exit 0 valid, 1 error',
    options: ['platform', 'out', 'group-by', ...READS],
    examples: ['import --platform github', 'import --platform jira --out start --group-by prefix'],
    run: lazy(() => import('./import.js'), 'importCommand'),
  },
  {
    name: 'revoke',
    usage: 'revoke <person>',
    summary: 'remove a person now (--reason, --everywhere|--client|--resource)',
    exits: 'exit 0 removed, 1 any failure',
    positionals: { min: 1, max: 1 },
    options: ['reason', 'everywhere', 'client', 'resource', 'yes', 'by', 'pr', 'audit-log', ...READS],
    examples: ['revoke sam@apexoutdoor.com --everywhere --reason "laptop stolen"', 'revoke ken-cobalt --resource github-repo:acme-agency/bloom-site --reason "not theirs" --pr'],
    run: lazy(() => import('./revoke.js'), 'revokeCommand'),
  },
  {
    name: 'init',
    usage: 'init [DIR]',
    summary: 'a new access repository that validates at once',
    exits: 'exit 0 written, 1 error',
    positionals: { min: 0, max: 1 },
    options: ['agency-team'],
    examples: ['init acme-access', 'init --agency-team @acme-agency/ops'],
    run: lazy(() => import('./init.js'), 'initCommand'),
  },
  {
    name: 'sandbox',
    usage: 'sandbox [push [BRANCH]|event pull-request N|push|schedule|save FILE]',
    summary: 'every platform emulated until stopped (--state, --from, --write-env); push, event, save',
    exits: 'exit 0 stopped, 1 error',
    positionals: { min: 0, max: 3 },
    options: ['state', 'from', 'port-base', 'write-env', 'env', 'write-state', 'by'],
    examples: ['sandbox --from . --write-env .sandbox.env', 'sandbox event pull-request 1'],
    run: lazy(() => import('./sandbox.js'), 'sandboxCommand'),
  },
  {
    name: 'demo',
    usage: 'demo',
    summary: 'the whole flow against local emulated platforms',
    exits: 'exit 0 as expected',
    options: ['out'],
    examples: ['demo', 'demo --out report.html'],
    run: lazy(() => import('./demo.js'), 'demoCommand'),
  },
];
