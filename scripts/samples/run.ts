import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { packageRoot } from '../../src/package-root.js';
import { generateReadme } from './generate.js';

/** `npm run samples`: runs every marked sample of README.md again and writes what they print into it. */
async function main(): Promise<void> {
  const file = join(packageRoot(), 'README.md');
  const before = await readFile(file, 'utf8');
  const started = performance.now();
  const { readme: after, runs } = await generateReadme(before);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  // Some samples show an error on purpose; a world that no longer fits the example shows one too.
  for (const run of runs.filter((candidate) => candidate.code !== 0 && candidate.code !== 2)) {
    process.stdout.write(`README.md:${run.sample.line}: ${run.sample.command} exited ${run.code}: check that the sample means to show an error.\n`);
  }
  if (after === before) {
    process.stdout.write(`README.md samples are up to date (${seconds} s).\n`);
    return;
  }
  await writeFile(file, after);
  process.stdout.write(`README.md samples rewritten (${seconds} s): review the change with git diff README.md.\n`);
}

try {
  await main();
} catch (error) {
  process.stderr.write(`samples: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
