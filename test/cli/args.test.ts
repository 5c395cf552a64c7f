import { describe, expect, it } from 'vitest';
import { parseCli } from '../../src/cli/args.js';
import { UsageError } from '../../src/errors.js';

describe('parseCli', () => {
  it('reads a full plan command line', () => {
    const options = parseCli(['plan', '--dir', 'repo', '--format', 'markdown', '--client', 'apex', '--out', 'p.json'], '/work');
    expect(options).toMatchObject({ command: 'plan', dir: '/work/repo', format: 'markdown', client: 'apex', out: '/work/p.json', yes: false });
  });

  it('returns undefined for --help', () => {
    expect(parseCli(['--help'], '/')).toBeUndefined();
  });

  it.each([
    [['deploy'], 'unknown command "deploy"'],
    [[], 'no command given'],
    [['plan', '--format', 'yaml'], '--format must be one of text, markdown, json'],
    [['plan', '--frobnicate'], "Unknown option '--frobnicate'"],
    [['apply', '--concurrency', '0'], '--concurrency must be a whole number'],
    [['plan', 'extra'], 'unexpected argument "extra"'],
  ])('refuses %j with a usage error', (argv, message) => {
    expect(() => parseCli(argv, '/')).toThrow(UsageError);
    expect(() => parseCli(argv, '/')).toThrow(message);
  });
});
