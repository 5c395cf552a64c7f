import { main } from '../src/cli/main.js';

/**
 * `latch` as bin/latch.js runs it, forked by the benchmark: tells its parent the process's
 * peak RSS once the command is done, which the parent cannot read of a child itself.
 */
const code = await main(process.argv.slice(2));
await Promise.all([process.stdout, process.stderr].map((stream) => new Promise((resolve) => stream.write('', resolve))));
process.send?.({ code, maxRssKiB: process.resourceUsage().maxRSS }, () => process.exit(code));
