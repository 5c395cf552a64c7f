import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { parseCli } from '../../src/cli/args.js';
import { COMMANDS } from '../../src/cli/commands/index.js';
import type { Io } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';
import { COMMON_OPTIONS, OPTIONS } from '../../src/cli/options.js';
import { runLatch } from '../e2e/cli-harness.js';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

async function latch(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const sink = (append: (text: string) => void) => new Writable({ write: (chunk: Buffer, _encoding, done) => (append(chunk.toString()), done()) });
  const io: Io = {
    stdout: sink((text) => (stdout += text)),
    stderr: sink((text) => (stderr += text)),
    env: {},
    cwd: '/',
    interactive: false,
    confirm: () => Promise.resolve(false),
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

/** An example's words, as a shell splits them (double quotes only). */
function words(line: string): string[] {
  return [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((match) => match[1] ?? match[2] ?? '');
}

describe('help', () => {
  it.each(COMMANDS.map((command) => command.name))('latch %s declares its options and one or two examples, each a command line it accepts', (name) => {
    const command = COMMANDS.find((candidate) => candidate.name === name);
    expect(command?.options).toBeDefined();
    expect(command?.examples?.length).toBeGreaterThanOrEqual(1);
    expect(command?.examples?.length).toBeLessThanOrEqual(2);
    for (const example of command?.examples ?? []) {
      expect(words(example)[0]).toBe(name);
      expect(() => parseCli(words(example), '/', COMMANDS), example).not.toThrow();
    }
  });

  it('prints the same help for "plan --help", "plan -h" and "help plan": usage, its own options described once, exits, examples', async () => {
    const runs = await Promise.all([['plan', '--help'], ['plan', '-h'], ['help', 'plan']].map(latch));
    for (const run of runs) {
      expect(run.code).toBe(0);
      expect(run.stderr).toBe('');
      expect(run.stdout).toBe(runs[0]?.stdout);
    }
    const text = runs[0]?.stdout ?? '';
    expect(text.split('\n').slice(0, 3)).toEqual(['Usage: latch plan [options]', '', 'Show what apply would change.']);
    expect(text).toMatch(/^ {2}--scope all\|changed +plan: read every client \(all, the default\), or only what the files changed$/m);
    expect(text).toContain('Exit codes: 0 none, 2 changes, 1 error');
    expect(text).toContain('Examples:\n  latch plan --format json --out plan.json\n');
    expect(text).not.toContain('--attest');
    expect(text).not.toContain('--allow-mass-revoke');
    expect(text.match(/--scope all\|changed/g)).toHaveLength(1);
  });

  it('gives the overview for --help, -h and help: every command, and where their options are', async () => {
    for (const argv of [['--help'], ['-h'], ['help']]) {
      const run = await latch(argv);
      expect(run.code).toBe(0);
      for (const command of COMMANDS) expect(run.stdout).toMatch(new RegExp(`^ {2}${escapeRegExp(command.usage)} +${escapeRegExp(command.summary)}`, 'm'));
      expect(run.stdout).toContain('Run "latch help <command>" (or "latch <command> --help") for its options and examples.');
    }
  });

  it('describes every option somewhere a command takes it', () => {
    const taken = new Set(COMMANDS.flatMap((command) => command.options ?? []));
    expect(Object.keys(OPTIONS).filter((name) => !taken.has(name as keyof typeof OPTIONS) && !COMMON_OPTIONS.includes(name as keyof typeof OPTIONS))).toEqual([]);
  });
});

describe('the installed command', () => {
  it('answers a mistyped command and option with the closest one, never a stack or node:util text', async () => {
    const command = await runLatch(['plna'], { cwd: '/' });
    expect(command.code).toBe(1);
    expect(command.stderr).toContain('latch: unknown command "plna"; did you mean "plan"?');
    const option = await runLatch(['drift', '--fromat', 'json'], { cwd: '/' });
    expect(option.code).toBe(1);
    expect(option.stderr).toContain('latch: unknown option --fromat; did you mean --format?');
    const help = await runLatch(['apply', '--help'], { cwd: '/' });
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^ {2}--allow-mass-revoke +apply beyond the massRevoke bound/m);
    for (const run of [command, option]) expect(run.stderr).not.toMatch(/ERR_PARSE_ARGS|\n\s+at |TypeError/);
  });
});
