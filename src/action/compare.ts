import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ConfigError, describeError } from '../errors.js';
import { filesAtRef } from '../git.js';
import type { ReadScope } from '../desire/scope.js';
import { preparePlan, type RunContext } from '../pipeline.js';
import { changeKey } from '../report/pr-comment.js';

/** Which of the head plan's changes were already due at the base, or why that is unknown. */
export type BaseComparison = { existing: Set<string> } | { note: string };

/**
 * Plans the base's files against the same platforms. A change both plans make was drift
 * before the pull request; the rest is what the pull request introduces. The base's files
 * are written to a temporary directory, so the checkout is never touched. `read` is the head
 * plan's scope: the base reads the same clients and platforms, so it costs no more than the
 * head's plan, and drift is told apart on every resource the head's plan read.
 */
export async function compareWithBase(context: RunContext, base: string, read?: ReadScope): Promise<BaseComparison> {
  let files: Map<string, string>;
  try {
    files = await filesAtRef(context.dir, base);
  } catch (error) {
    return { note: describeError(error) };
  }
  const dir = await mkdtemp(join(tmpdir(), 'latch-base-'));
  try {
    for (const [file, content] of files) {
      await mkdir(dirname(join(dir, file)), { recursive: true });
      await writeFile(join(dir, file), content);
    }
    const prepared = await preparePlan({ ...context, dir }, { read });
    return { existing: new Set(prepared.plan.changes.map(changeKey)) };
  } catch (error) {
    if (error instanceof ConfigError) return { note: `the files at the base do not validate (${error.message.split('\n')[0] ?? ''})` };
    return { note: describeError(error) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
