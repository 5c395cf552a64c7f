import nock from 'nock';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { PlatformError } from '../../src/errors.js';

/** Call at the top of a test file: while its tests run, nock lets connections reach 127.0.0.1 (the emulators) only. */
export function onlyLocalNetwork(): void {
  beforeAll(() => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
  });
  afterAll(() => nock.enableNetConnect());
}

export interface EmulatorPerTest<E> {
  /** Hands back the emulator a test started, to be closed after that test. */
  started(emulator: E): E;
}

/** Call at the top of a test file: onlyLocalNetwork(), and the emulator a test passes through started() is closed after it. */
export function emulatorPerTest<E extends { close(): Promise<void> }>(): EmulatorPerTest<E> {
  let running: E | undefined;
  onlyLocalNetwork();
  afterEach(async () => {
    await running?.close();
    running = undefined;
  });
  return {
    started(emulator) {
      running = emulator;
      return emulator;
    },
  };
}

/** The PlatformError the promise rejects with; fails the test if it resolves or rejects with anything else. */
export async function failure(promise: Promise<unknown>): Promise<PlatformError> {
  const error = await promise.then(() => undefined, (thrown: unknown) => thrown);
  if (!(error instanceof PlatformError)) throw new Error(`expected a PlatformError, got ${String(error)}`);
  return error;
}
