import { fork } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { executeChanges, countResults } from '../src/apply/execute.js';
import { packageRoot } from '../src/package-root.js';
import { createLogger } from '../src/log.js';
import type { ResourceReading } from '../src/model/grants.js';
import { kindFacts } from '../src/platforms/kinds.js';
import { makePlan } from '../src/plan/plan.js';
import { preparePlan, type RunContext } from '../src/pipeline.js';
import type { PlatformStats } from './emulator-process.js';
import { generateBenchRepository, DEFAULT_SHAPE, type BenchSeeds } from './generate.js';

/**
 * `npm run bench`: a generated agency of 1,000 clients (3,000 repositories, 300 teams, and
 * a Drive folder and Slack channel each, a GA4 property and a group for 300 of them) against
 * emulators answering every request after 50 ms. Prints API calls per platform, wall time
 * against the latency floor, planner CPU and peak memory.
 */
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 50);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const TOKENS = { github: 'ghs_benchToken000000000000000000', google: 'ya29.benchToken0000', slack: 'xoxb-bench-token-0000' };

type Stats = Record<string, PlatformStats>;

interface EmulatorProcess {
  urls: Record<string, string>;
  stats: () => Promise<Stats>;
  stop: () => void;
}

async function startEmulatorProcess(seeds: BenchSeeds): Promise<EmulatorProcess> {
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
  const started = next<{ urls: Record<string, string> }>('started');
  child.send({ type: 'start', seeds, latencyMs: LATENCY_MS, tokens: TOKENS });
  const { urls } = await started;
  return {
    urls,
    stats: async () => {
      const answer = next<{ stats: Stats }>('stats');
      child.send({ type: 'stats' });
      return (await answer).stats;
    },
    stop: () => child.send({ type: 'stop' }),
  };
}

/** The fastest any client could go: each platform's calls in waves of `concurrency`, platforms side by side. */
function floorMs(stats: Stats, field: keyof PlatformStats): number {
  return Math.max(...Object.values(stats).map((platform) => Math.ceil(platform[field] / CONCURRENCY) * LATENCY_MS));
}

function total(stats: Stats, field: keyof PlatformStats): number {
  return Object.values(stats).reduce((sum, platform) => sum + platform[field], 0);
}

function resourcesPerPlatform(readings: readonly ResourceReading[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const reading of readings) {
    const platform = kindFacts(reading.resource.kind).platform;
    counts[platform] = (counts[platform] ?? 0) + 1;
  }
  return counts;
}

function row(label: string, value: string): string {
  return `${label.padEnd(46)} ${value}`;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'latch-bench-'));
  const { seeds, desiredGrants } = await generateBenchRepository(dir, join(packageRoot(), 'policies'));
  const emulators = await startEmulatorProcess(seeds);
  const context: RunContext = {
    dir,
    today: '2026-11-23',
    env: {
      GITHUB_API_URL: emulators.urls.github,
      GITHUB_TOKEN: TOKENS.github,
      LATCH_GITHUB_WRITE_INTERVAL_MS: '0',
      LATCH_GOOGLE_API_URL: emulators.urls.google,
      LATCH_GOOGLE_ACCESS_TOKEN: TOKENS.google,
      LATCH_DRIVE_NOTIFY: 'false',
      LATCH_SLACK_API_URL: emulators.urls.slack,
      SLACK_TOKEN: TOKENS.slack,
    },
    logger: createLogger({ level: 'silent' }),
    concurrency: CONCURRENCY,
  };
  try {
    let started = performance.now();
    const prepared = await preparePlan(context);
    const planWall = performance.now() - started;
    const planCalls = await emulators.stats();
    const resources = resourcesPerPlatform(prepared.readings);

    const cpuRuns: number[] = [];
    for (let run = 0; run < 5; run += 1) {
      const cpu = process.cpuUsage();
      makePlan({ desired: prepared.desired, readings: prepared.readings, neverTouch: prepared.repository.guardrails.neverTouch });
      const used = process.cpuUsage(cpu);
      cpuRuns.push((used.user + used.system) / 1000);
    }
    cpuRuns.sort((a, b) => a - b);

    started = performance.now();
    const results = await executeChanges(prepared.plan.changes, prepared.adapters, { concurrency: CONCURRENCY, logger: context.logger, secrets: Object.values(TOKENS) });
    const applyWall = performance.now() - started;
    const applyCalls = await emulators.stats();
    const counts = countResults(results);

    const replan = await preparePlan(context);
    await emulators.stats();

    const totalResources = prepared.readings.length;
    const lines = [
      `Latch benchmark: ${DEFAULT_SHAPE.clients} clients, ${totalResources} resources, ${desiredGrants} desired grants, ` +
        `${prepared.actualGrantCount} actual grants; ${LATENCY_MS} ms latency per request; concurrency ${CONCURRENCY} per platform`,
      '',
      ...Object.entries(planCalls).map(([platform, stats]) =>
        row(`plan: ${platform} reads`, `${stats.reads} for ${resources[platform] ?? 0} resources (${(stats.reads / Math.max(1, resources[platform] ?? 0)).toFixed(2)} per resource)`),
      ),
      row('plan: reads per 1,000 desired grants', ((total(planCalls, 'reads') / desiredGrants) * 1000).toFixed(0)),
      row('plan: wall time / latency floor', `${seconds(planWall)} / ${seconds(floorMs(planCalls, 'reads'))}`),
      row('plan: changes', `${prepared.plan.changes.length} (${prepared.plan.unread.length} resources unread)`),
      row('planner CPU for the diff alone (median of 5)', `${cpuRuns[2]?.toFixed(0)} ms`),
      ...Object.entries(applyCalls).map(([platform, stats]) => row(`apply: ${platform} writes`, `${stats.writes} (+${stats.reads} reads)`)),
      row('apply: API calls per change', (total(applyCalls, 'writes') / Math.max(1, results.length)).toFixed(2)),
      row('apply: wall time / latency floor', `${seconds(applyWall)} / ${seconds(floorMs(applyCalls, 'writes'))}`),
      row('apply: results', `${counts.applied} applied, ${counts.unchanged} unchanged, ${counts.failed} failed`),
      row('plan after apply: changes', `${replan.plan.changes.length}`),
      row('peak RSS of Latch (emulators run apart)', `${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`),
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    emulators.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
