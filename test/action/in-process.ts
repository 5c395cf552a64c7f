import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAction as runEntry } from '../../src/action/main.js';
import type { Runner } from '../../src/action/runner.js';
import { runnerEnv, TOKEN, type ActionRun, type RunOptions } from './harness.js';

/**
 * Runs the Action's entry from the sources in this process, with the same environment the
 * runner gives the bundle (harness.ts runAction), so a test sees the code as it is now, not
 * the committed dist/. Annotations and log lines land in `stdout` the way @actions/core writes them.
 */
export async function runInProcess(options: Omit<RunOptions, 'entry'>): Promise<ActionRun> {
  const scratch = await mkdtemp(join(tmpdir(), 'latch-runner-'));
  try {
    const event = join(scratch, 'event.json');
    await writeFile(event, JSON.stringify(options.payload));
    const inputs: Record<string, string> = { 'github-token': TOKEN, ...options.inputs };
    const env = runnerEnv(options, event);
    const lines: string[] = [];
    const outputs: Record<string, string> = {};
    let summary = '';
    const runner: Runner = {
      env,
      input: (name) => (inputs[name] ?? '').trim(),
      setOutput: async (name, value) => {
        outputs[name] = value;
      },
      summary: async (markdown) => {
        summary += `${markdown}\n`;
      },
      annotate: (level, message) => lines.push(`::${level}::${message}`),
      info: (text) => lines.push(text),
    };
    const code = await runEntry(runner, options.dir);
    return { code, stdout: lines.join('\n'), stderr: '', outputs, summary };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
