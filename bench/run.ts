import { fork } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { executeChanges, countResults } from '../src/apply/execute.js';
import { packageRoot } from '../src/demo/package-root.js';
import { createLogger } from '../src/log.js';
import { makePlan } from '../src/plan/plan.js';
import { preparePlan, type RunContext } from '../src/pipeline.js';
import { generateBenchRepository, DEFAULT_SHAPE } from './generate.js';

/**
 * `npm run bench`: a generated agency of 1,000 clients, 3,000 repositories, 300 teams and
 * about 20,000 grants against the GitHub emulator answering every request after 50 ms.
 * Prints API calls, wall time against the latency floor, planner CPU and peak memory.
 */
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 50);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const TOKEN = 'ghs_benchToken000000000000000000';

interface Stats {
  reads: number;
  writes: number;
}

function startEmulatorProcess(seed: unknown): Promise<{ url: string; stats: () => Promise<Stats>; stop: () => void }> {
  const child = fork(join(import.meta.dirname, 'emulator-process.js'), { stdio: 'inherit' });
  const next = <T>(type: string) =>
    new Promise<T>((resolve) => {
      const listener = (message: { type: string } & T) => {
        if (message.type !== type) return;
        child.off('message', listener);
        resolve(message);
      };
      child.on('message', listener);
    });
  const started = next<{ url: string }>('started');
  child.send({ type: 'start', seed, latencyMs: LATENCY_MS, token: TOKEN });
  return started.then(({ url }) => ({
    url,
    stats: () => {
      const answer = next<Stats>('stats');
      child.send({ type: 'stats' });
      return answer;
    },
    stop: () => child.send({ type: 'stop' }),
  }));
}

function floorMs(calls: number): number {
  return Math.ceil(calls / CONCURRENCY) * LATENCY_MS;
}

function row(label: string, value: string): string {
  return `${label.padEnd(44)} ${value}`;
}

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'latch-bench-'));
  const { seed, desiredGrants } = await generateBenchRepository(dir, join(packageRoot(), 'policies'));
  const emulator = await startEmulatorProcess(seed);
  const context: RunContext = {
    dir,
    today: '2026-11-23',
    env: { GITHUB_API_URL: emulator.url, GITHUB_TOKEN: TOKEN, LATCH_GITHUB_WRITE_INTERVAL_MS: '0' },
    logger: createLogger({ level: 'silent' }),
    concurrency: CONCURRENCY,
  };
  try {
    let started = performance.now();
    const prepared = await preparePlan(context);
    const planWall = performance.now() - started;
    const planCalls = await emulator.stats();
    const resources = prepared.readings.length;

    const cpuRuns: number[] = [];
    for (let run = 0; run < 5; run += 1) {
      const cpu = process.cpuUsage();
      makePlan({ desired: prepared.desired, readings: prepared.readings, neverTouch: prepared.repository.guardrails.neverTouch });
      const used = process.cpuUsage(cpu);
      cpuRuns.push((used.user + used.system) / 1000);
    }
    cpuRuns.sort((a, b) => a - b);

    started = performance.now();
    const results = await executeChanges(prepared.plan.changes, prepared.adapters, { concurrency: CONCURRENCY, logger: context.logger, secrets: [TOKEN] });
    const applyWall = performance.now() - started;
    const applyCalls = await emulator.stats();
    const counts = countResults(results);

    const replan = await preparePlan(context);
    await emulator.stats();

    const lines = [
      `Latch benchmark: ${DEFAULT_SHAPE.clients} clients, ${resources} resources, ${desiredGrants} desired grants, ` +
        `${prepared.actualGrantCount} actual grants; latency ${LATENCY_MS} ms per request, concurrency ${CONCURRENCY}`,
      '',
      row('plan: reads (API calls)', `${planCalls.reads}`),
      row('plan: reads per resource', (planCalls.reads / resources).toFixed(2)),
      row('plan: reads per 1,000 desired grants', ((planCalls.reads / desiredGrants) * 1000).toFixed(0)),
      row('plan: wall time / latency floor', `${(planWall / 1000).toFixed(1)} s / ${(floorMs(planCalls.reads) / 1000).toFixed(1)} s`),
      row('plan: changes', `${prepared.plan.changes.length} (${prepared.plan.unread.length} resources unread)`),
      row('planner CPU for the diff alone (median of 5)', `${cpuRuns[2]?.toFixed(0)} ms`),
      row('apply: writes (API calls)', `${applyCalls.writes} for ${results.length} changes (${(applyCalls.writes / Math.max(1, results.length)).toFixed(2)} per change)`),
      row('apply: wall time / latency floor', `${(applyWall / 1000).toFixed(1)} s / ${(floorMs(applyCalls.writes) / 1000).toFixed(1)} s`),
      row('apply: results', `${counts.applied} applied, ${counts.unchanged} unchanged, ${counts.failed} failed`),
      row('plan after apply: changes', `${replan.plan.changes.length}`),
      row('peak RSS of Latch (emulator runs apart)', `${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`),
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    emulator.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
