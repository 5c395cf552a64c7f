import { runDemo, type CliRunner } from '../../demo/run.js';
import type { CliOptions } from '../args.js';
import type { Io } from '../io.js';

/** `latch demo`: the whole flow against emulated platforms, on a copy of the example repository. */
export function demoCommand(_options: CliOptions, io: Io, runCli: CliRunner): Promise<number> {
  return runDemo(io, runCli);
}
