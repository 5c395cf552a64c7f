import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A directory of this run where the first test file that needs the packed package packs and installs it, for the others to reuse. */
    packageDir: string;
  }
}

/** Only an empty directory: a run without the package's tests pays nothing for them. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = await mkdtemp(join(tmpdir(), 'latch-package-'));
  project.provide('packageDir', dir);
  return () => rm(dir, { recursive: true, force: true });
}
