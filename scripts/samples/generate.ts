import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { latch } from './latch.js';
import { markedBlocks, replaceBlocks, type Sample } from './marker.js';
import { normalise, shape } from './shape.js';
import { forgetWorlds, startWorld } from './worlds.js';

/** The day every sample runs on unless its marker says otherwise, as the README's prose assumes. */
export const SAMPLE_DAY = '2026-11-23';

/** One sample made again: the block's body and the command's exit code. */
export interface SampleRun {
  sample: Sample;
  body: string;
  code: number;
}

/** What `latch ARGS` shows in its world, stdout and stderr as a terminal interleaves them; or the file it wrote. */
export async function runSample(sample: Sample): Promise<SampleRun> {
  const today = sample.today ?? SAMPLE_DAY;
  const world = await startWorld(sample.world, today, latch).catch((error: unknown) => {
    throw new Error(`README.md:${sample.line}: ${error instanceof Error ? error.message : String(error)}`);
  });
  try {
    const run = await latch(sample.args, world.dir, { ...world.env, LATCH_TODAY: today });
    const output = sample.file ? await readFile(join(world.dir, sample.file), 'utf8') : run.terminal;
    return { sample, body: shape(sample, normalise(output, world.dir)), code: run.code };
  } finally {
    await world.close();
  }
}

/**
 * README.md with every marked sample block made again by running its command. The samples
 * run one after the other: each world holds a set of emulators, and the machine is shared.
 */
export async function generateReadme(readme: string): Promise<{ readme: string; runs: SampleRun[] }> {
  const lines = readme.split('\n');
  const blocks = markedBlocks(lines);
  const runs: SampleRun[] = [];
  try {
    for (const block of blocks) runs.push(await runSample(block.sample));
  } finally {
    await forgetWorlds();
  }
  return { readme: replaceBlocks(lines, blocks, runs.map((run) => run.body)).join('\n'), runs };
}
