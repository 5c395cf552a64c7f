import { describe, expect, it } from 'vitest';
import { parseCli } from '../../src/cli/args.js';
import { UsageError } from '../../src/errors.js';

const NAMES = ['validate', 'plan', 'apply', 'drift', 'demo'];

describe('parseCli', () => {
  it('reads a full plan command line', () => {
    const options = parseCli(['plan', '--dir', 'repo', '--format', 'markdown', '--client', 'apex', '--out', 'p.json'], '/work', NAMES);
    expect(options).toMatchObject({ command: 'plan', args: [], dir: '/work/repo', format: 'markdown', client: 'apex', out: '/work/p.json', yes: false });
  });

  it('returns undefined for --help', () => {
    expect(parseCli(['--help'], '/', NAMES)).toBeUndefined();
  });

  it.each([
    [['deploy'], 'unknown command "deploy"'],
    [[], 'no command given'],
    [['plan', '--format', 'yaml'], '--format must be one of text, markdown, json, csv'],
    [['plan', '--frobnicate'], "Unknown option '--frobnicate'"],
    [['apply', '--concurrency', '0'], '--concurrency must be a whole number'],
  ])('refuses %j with a usage error', (argv, message) => {
    expect(() => parseCli(argv, '/', NAMES)).toThrow(UsageError);
    expect(() => parseCli(argv, '/', NAMES)).toThrow(message);
  });
});
