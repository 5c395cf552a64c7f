import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { describe, expect, it } from 'vitest';
import { generateReadme } from '../../scripts/samples/generate.js';
import { markedBlocks } from '../../scripts/samples/marker.js';
import { ROOT } from '../e2e/cli-harness.js';

const README = join(ROOT, 'README.md');

describe('README.md samples', () => {
  it('are what their commands print on the example repository and its emulators', { timeout: 300_000 }, async () => {
    const readme = await readFile(README, 'utf8');
    expect(markedBlocks(readme.split('\n')).length).toBeGreaterThan(20);
    const { readme: generated } = await generateReadme(readme);
    if (generated === readme) return;
    const diff = createTwoFilesPatch('README.md', 'README.md as the commands print it', readme, generated, undefined, undefined, { context: 2 });
    expect.fail(`README.md's samples differ from what their commands print. Run "npm run samples", check the change (and the prose around it) and commit README.md.\n\n${diff}`);
  });
});
