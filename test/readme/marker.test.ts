import { describe, expect, it } from 'vitest';
import { markedBlocks, replaceBlocks, splitArgs, type Sample } from '../../scripts/samples/marker.js';
import { normalise, shape } from '../../scripts/samples/shape.js';

const README = [
  'Some prose.',
  '<!-- sample demo +prompt pick="Live|Never": latch who "ken@cobaltfreight.com" --live     # before the apply -->',
  '```',
  'stale',
  '```',
  '```',
  'an unmarked block stays',
  '```',
  '<!-- sample repo file=out/a.yaml today=2026-12-20: latch import --platform github -->',
  '```yaml',
  '```',
];

function sample(options: Partial<Sample>): Sample {
  return { marker: '', line: 1, world: 'demo', args: [], command: 'latch plan', prompt: false, ...options };
}

describe('sample markers', () => {
  it('name the world, the options and the command of the fenced block after them', () => {
    const [first, second, ...rest] = markedBlocks(README);
    expect(rest).toEqual([]);
    expect(first).toMatchObject({ bodyStart: 3, bodyEnd: 4, sample: { world: 'demo', prompt: true, pick: 'Live|Never', args: ['who', 'ken@cobaltfreight.com', '--live'] } });
    expect(first?.sample.command).toBe('latch who "ken@cobaltfreight.com" --live     # before the apply');
    expect(second).toMatchObject({ bodyStart: 10, bodyEnd: 10, sample: { world: 'repo', file: 'out/a.yaml', today: '2026-12-20', prompt: false } });
  });

  it('are replaced body by body, leaving every other line as it was', () => {
    const blocks = markedBlocks(README);
    const out = replaceBlocks(README, blocks, ['fresh\nlines', '# out/a.yaml\nkey: 1']);
    expect(out.slice(2, 6)).toEqual(['```', 'fresh', 'lines', '```']);
    expect(out.slice(6, 9)).toEqual(['```', 'an unmarked block stays', '```']);
    expect(out.slice(-4)).toEqual(['```yaml', '# out/a.yaml', 'key: 1', '```']);
  });

  it.each([
    ['<!-- sample demo latch plan -->', 'must read <!-- sample WORLD [OPTIONS]: latch ARGS -->'],
    ['<!-- sample demo +colour: latch plan -->', 'unknown sample option "+colour"'],
  ])('refuse %s with what is wrong', (marker, message) => {
    expect(() => markedBlocks([marker, '```', '```'])).toThrow(message);
  });

  it('must be followed by a closed fenced block', () => {
    expect(() => markedBlocks(['<!-- sample demo: latch plan -->', 'prose'])).toThrow('README.md:1: a sample marker must be followed by a fenced block');
    expect(() => markedBlocks(['<!-- sample demo: latch plan -->', '```', 'never closed'])).toThrow('README.md:2: the sample\'s fenced block is never closed');
  });

  it('split arguments on spaces, keeping "double-quoted" words whole', () => {
    expect(splitArgs('latch revoke sam --reason "laptop stolen" --yes')).toEqual(['latch', 'revoke', 'sam', '--reason', 'laptop stolen', '--yes']);
  });
});

const OUTPUT = ['Plan', 'apex', '  + grant  a', '    continued', '  - revoke b', '', 'Never touched:', '  acme-bot', 'Done.', ''].join('\n');

describe('sample output', () => {
  it.each([
    [{}, OUTPUT.trimEnd()],
    [{ prompt: true }, `$ latch plan\n${OUTPUT.trimEnd()}`],
    [{ pick: 'grant' }, '  + grant  a\n    continued'],
    [{ pick: 'grant|Never', prompt: true }, '$ latch plan\n...\n  + grant  a\n    continued\nNever touched:\n  acme-bot\n...'],
    [{ head: 2 }, 'Plan\napex\n...'],
    [{ file: 'imported/a.yaml' }, `# imported/a.yaml\n${OUTPUT.trimEnd()}`],
  ])('is cut as the marker says (%o)', (options, expected) => {
    expect(shape(sample(options), OUTPUT)).toBe(expected);
  });

  it('fails, quoting the output, when a pick is not in it', () => {
    expect(() => shape(sample({ pick: 'Findings' }), OUTPUT)).toThrow('pick="Findings" is not in the output of latch plan');
  });

  it('keeps a line\'s trailing space and drops only CSV\'s carriage returns', () => {
    expect(shape(sample({}), 'a,b\r\nc,d\r\n \n+x\n')).toBe('a,b\nc,d\n \n+x');
  });

  it('normalises the world\'s directory and the emulators\' ports, nothing else', () => {
    const text = 'Copied to /tmp/latch-sample-x1; wrote /tmp/latch-sample-x1/imported/a.yaml from http://127.0.0.1:41234/api on 2026-11-23 at sha256:ab12';
    expect(normalise(text, '/tmp/latch-sample-x1')).toBe('Copied to .; wrote imported/a.yaml from http://127.0.0.1:PORT/api on 2026-11-23 at sha256:ab12');
  });
});
