import { runAction } from './main.js';
import { actionsRunner } from './runner.js';

const code = await runAction(actionsRunner(), process.cwd());
// A platform call still hung after the run gave up on it must not hold the job until its timeout.
await Promise.all([process.stdout, process.stderr].map((stream) => new Promise((resolve) => stream.write('', resolve))));
process.exit(code);
