import { runAction } from './main.js';
import { actionsRunner } from './runner.js';

process.exitCode = await runAction(actionsRunner(), process.cwd());
