#!/usr/bin/env node
import { main } from '../build/src/cli/main.js';

const code = await main(process.argv.slice(2));
// A platform call still hung after the run gave up on it (the read deadline) must not keep
// the process alive: exit once what was written has been flushed.
await Promise.all([process.stdout, process.stderr].map((stream) => new Promise((resolve) => stream.write('', resolve))));
process.exit(code);
