import type { CliOptions } from '../args.js';
import type { CliRunner, Io } from '../io.js';
import { applyCommand } from './apply.js';
import { demoCommand } from './demo.js';
import { planCommand } from './plan.js';
import { accessCommand } from './access.js';
import { registerCommand } from './register.js';
import { requestCommand } from './request.js';
import { whoCommand } from './who.js';
import { validateCommand } from './validate.js';
import { reviewCommand } from './review.js';
import { codeownersCommand } from './codeowners.js';
import { statusCommand } from './status.js';
import { importCommand } from './import.js';
import { reportCommand } from './report.js';
import { revokeCommand } from './revoke.js';
import { sandboxCommand } from './sandbox.js';

/** One CLI command: adding a command is one file and one entry in COMMANDS. */
export interface CommandSpec {
  name: string;
  /** How it is called, e.g. `who <email|login>`. */
  usage: string;
  /** One line for `latch --help`. */
  summary: string;
  /** Its exit codes, for `latch --help`. */
  exits: string;
  /** How many positional arguments it takes (default none). */
  positionals?: { min: number; max: number };
  run(options: CliOptions, io: Io, runCli: CliRunner): Promise<number>;
}

export const COMMANDS: readonly CommandSpec[] = [
  { name: 'validate', usage: 'validate', summary: 'check clients/ and policies/ (schemas, guardrails)', exits: 'exit 0 valid, 1 errors', run: validateCommand },
  { name: 'plan', usage: 'plan', summary: 'show what apply would change', exits: 'exit 0 none, 2 changes, 1 error', run: planCommand },
  { name: 'apply', usage: 'apply', summary: 'grant and revoke on the platforms', exits: 'exit 0 done, 1 any failure', run: applyCommand },
  { name: 'drift', usage: 'drift', summary: 'compare every platform with the repository', exits: 'exit 0 none, 2 drift, 1 error', run: planCommand },
  { name: 'who', usage: 'who <email|login>', summary: 'everything one person can reach, why, since which PR', exits: 'exit 0, 1 unknown person', positionals: { min: 1, max: 1 }, run: whoCommand },
  { name: 'access', usage: 'access <client>', summary: 'the effective access matrix of one client (--why)', exits: 'exit 0, 1 unknown client', positionals: { min: 1, max: 1 }, run: accessCommand },
  { name: 'register', usage: 'register', summary: 'the access register from git history (csv, json)', exits: 'exit 0, 1 error', run: registerCommand },
  { name: 'request', usage: 'request <client>', summary: 'what a client must do on accounts it owns (verify)', exits: 'exit 0 none, 2 asks, 1 error', positionals: { min: 1, max: 1 }, run: requestCommand },
  { name: 'review', usage: 'review', summary: 'access review checklists; --attest --by records one', exits: 'exit 0, 1 error', run: reviewCommand },
  { name: 'codeowners', usage: 'codeowners', summary: 'CODEOWNERS from the client files (--out FILE)', exits: 'exit 0, 1 error', run: codeownersCommand },
  { name: 'status', usage: 'status', summary: 'each client: healthy, onboarding, needs attention', exits: 'exit 0 fine, 2 attention, 1 error', run: statusCommand },
  { name: 'report', usage: 'report', summary: 'one HTML page: status, access, drift (--out FILE)', exits: 'exit 0 written, 1 error', run: reportCommand },
  { name: 'import', usage: 'import --platform P', summary: "write today's access as client YAML (--out DIR)", exits: "exit 0 valid, 1 error", run: importCommand },
  {
    name: 'revoke',
    usage: 'revoke <person>',
    summary: 'remove a person now (--reason, --everywhere|--client|--resource)',
    exits: 'exit 0 removed, 1 any failure',
    positionals: { min: 1, max: 1 },
    run: revokeCommand,
  },
  {
    name: 'sandbox',
    usage: 'sandbox [push|event|save]',
    summary: 'every platform emulated until stopped (--state, --from, --write-env); push, event, save',
    exits: 'exit 0 stopped, 1 error',
    positionals: { min: 0, max: 3 },
    run: sandboxCommand,
  },
  { name: 'demo', usage: 'demo', summary: 'the whole flow against local emulated platforms', exits: 'exit 0 as expected', run: demoCommand },
];

export function usage(): string {
  const width = Math.max(...COMMANDS.map((command) => command.usage.length)) + 2;
  const summaryWidth = Math.max(...COMMANDS.map((command) => command.summary.length)) + 2;
  const lines = COMMANDS.map((command) => `  ${command.usage.padEnd(width)} ${command.summary.padEnd(summaryWidth)} ${command.exits}`);
  return `Usage: latch <command> [options]\n\nCommands:\n${lines.join('\n')}\n\n`;
}
