import { afterEach, beforeEach } from 'vitest';
import { startDemoPlatforms, type SandboxPlatforms } from '../../src/sandbox/platforms.js';
import { copyExampleRepo } from './cli-harness.js';

/** The demo's emulated platforms and a copy of the example repository, fresh for each test. */
export interface DemoWorld {
  platforms: SandboxPlatforms;
  repo: { dir: string; remove: () => Promise<void> };
}

/**
 * Starts a `DemoWorld` before each test of the calling file and closes it after. Its members
 * are read inside tests and hooks only: between tests there is none.
 */
export function useDemoWorld(): DemoWorld {
  let current: DemoWorld | undefined;
  beforeEach(async () => {
    current = { platforms: await startDemoPlatforms(), repo: await copyExampleRepo() };
  });
  afterEach(async () => {
    await current?.platforms.close();
    await current?.repo.remove();
    current = undefined;
  });
  function started(): DemoWorld {
    if (!current) throw new Error('the demo world exists only while a test runs');
    return current;
  }
  return {
    get platforms() {
      return started().platforms;
    },
    get repo() {
      return started().repo;
    },
  };
}
