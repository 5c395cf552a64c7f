import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { ROOT } from './harness.js';

const exec = promisify(execFile);

it('dist/index.js is the bundle of the current sources', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'latch-bundle-'));
  try {
    const out = join(dir, 'index.js');
    await exec(process.execPath, [join(ROOT, 'scripts/build-action.mjs'), out], { cwd: ROOT });
    const [built, committed] = await Promise.all([readFile(out, 'utf8'), readFile(join(ROOT, 'dist/index.js'), 'utf8')]);
    expect(built === committed, 'dist/index.js is out of date: run npm run build:action and commit dist/').toBe(true);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
