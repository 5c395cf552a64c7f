import { describe, expect, it } from 'vitest';
import { parseCli, type CommandOptions } from '../../src/cli/args.js';
import { UsageError } from '../../src/errors.js';

const COMMANDS: CommandOptions[] = [
  { name: 'validate', options: ['author', 'base'] },
  { name: 'plan', options: ['format', 'client', 'base', 'scope', 'out', 'concurrency'] },
  { name: 'apply', options: ['plan', 'yes', 'concurrency'] },
  { name: 'drift', options: ['format', 'client', 'out'] },
  { name: 'demo' },
];

function refusal(argv: string[]): string {
  try {
    parseCli(argv, '/', COMMANDS);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error(`accepted ${argv.join(' ')}`);
}

describe('parseCli', () => {
  it('reads a full plan command line', () => {
    const request = parseCli(['plan', '--dir', 'repo', '--format', 'markdown', '--client', 'apex', '--out', 'p.json'], '/work', COMMANDS);
    expect(request).toMatchObject({ help: false, options: { command: 'plan', args: [], dir: '/work/repo', format: 'markdown', client: 'apex', out: '/work/p.json', yes: false } });
  });

  it.each([
    [['--help'], undefined],
    [['-h'], undefined],
    [['help'], undefined],
    [['plan', '--help'], 'plan'],
    [['plan', '-h'], 'plan'],
    [['help', 'drift'], 'drift'],
    // Help is what was asked for, even on a line that has other mistakes.
    [['plan', '--fromat', 'json', '--help'], 'plan'],
  ])('reads %j as a request for help with %s', (argv, command) => {
    expect(parseCli(argv, '/', COMMANDS)).toEqual({ help: true, command });
  });

  it.each([
    [['deploy'], 'unknown command "deploy"; commands: validate, plan, apply, drift, demo'],
    [['plna'], 'unknown command "plna"; did you mean "plan"? commands: validate, plan, apply, drift, demo'],
    [['help', 'aplly'], 'unknown command "aplly"; did you mean "apply"?'],
    [[], 'no command given; commands: validate, plan, apply, drift, demo'],
    [['plan', '--format', 'yaml'], '--format must be one of text, markdown, json, csv'],
    [['plan', '--frobnicate'], 'unknown option --frobnicate'],
    [['plan', '--fromat', 'json'], 'unknown option --fromat; did you mean --format?'],
    [['apply', '--yse'], 'unknown option --yse; did you mean --yes?'],
    [['plan', '-x'], 'unknown option -x'],
    [['drift', '--plan', 'p.json'], '--plan is not an option of latch drift; its options: --format, --client, --out, --dir, --log-format, --verbose, --help'],
    [['plan', '--yes'], '--yes is not an option of latch plan'],
    [['plan', '--out'], '--out needs a value: --out FILE'],
    [['plan', '--out', '--client', 'apex'], '--out needs a value: --out FILE (got the option "--client"; for a value that starts with "-", write --out=VALUE)'],
    [['apply', '--yes=true'], '--yes takes no value; give "--yes" alone'],
    [['apply', '--concurrency', '0'], '--concurrency must be a whole number'],
  ])('refuses %j in words of its own', (argv, message) => {
    const text = refusal(argv);
    expect(text).toContain(message);
    expect(text).not.toMatch(/ERR_PARSE_ARGS|Unknown option '|argument is ambiguous|To specify a positional/);
  });

  it('accepts a value that starts with "-" when given inline, and options meant to be harmless anywhere', () => {
    expect(parseCli(['plan', '--out=-plan.json'], '/w', COMMANDS)).toMatchObject({ options: { out: '/w/-plan.json' } });
    expect(parseCli(['validate', '--concurrency', '4', '--format', 'json', '--verbose'], '/', COMMANDS)).toMatchObject({ options: { command: 'validate', concurrency: 4, verbose: true } });
  });

  it('takes every option from a command that does not list its own yet', () => {
    expect(parseCli(['demo', '--plan', 'p.json', '--yes'], '/', COMMANDS)).toMatchObject({ options: { command: 'demo', yes: true } });
  });
});
