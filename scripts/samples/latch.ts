import { Writable } from 'node:stream';
import type { Io } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';

export interface LatchRun {
  code: number;
  /** stdout and stderr in the order they were written, as a terminal shows them. */
  terminal: string;
}

/** Runs the CLI in this process, with no terminal, so the emulators of the world keep serving. */
export type Latch = (argv: readonly string[], cwd: string, env: NodeJS.ProcessEnv) => Promise<LatchRun>;

function collector(append: (text: string) => void): Writable {
  return new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      append(chunk.toString());
      done();
    },
  });
}

export const latch: Latch = async (argv, cwd, env) => {
  let terminal = '';
  const io: Io = {
    stdout: collector((text) => (terminal += text)),
    stderr: collector((text) => (terminal += text)),
    env: { PATH: process.env.PATH, ...env },
    cwd,
    interactive: false,
    confirm: () => Promise.reject(new Error('a sample has no terminal: pass --yes')),
  };
  const code = await main(argv, io);
  await new Promise((resolve) => setImmediate(resolve));
  return { code, terminal };
};
