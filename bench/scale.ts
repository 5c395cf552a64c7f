import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { countResults, executeChanges, type ResultCounts } from '../src/apply/execute.js';
import { git } from '../src/git.js';
import { createLogger } from '../src/log.js';
import type { ResourceReading } from '../src/model/grants.js';
import { packageRoot } from '../src/package-root.js';
import { kindFacts } from '../src/platforms/kinds.js';
import { makePlan } from '../src/plan/plan.js';
import { preparePlan, type PlanScope, type PreparedPlan, type RunContext } from '../src/pipeline.js';
import { latchPeakMiB, type CliPeaks } from './cli-peak.js';
import { startEmulatorProcess, type EmulatorProcess, type Stats } from './emulator-client.js';
import { DEFAULT_SHAPE, generateBenchRepository, slug } from './generate.js';
import { readPerGrant } from './peer.js';
import { CONCURRENCY, LATENCY_MS } from './settings.js';

/**
 * One size of the benchmark, alone in its process so its peak memory is its own: generates
 * the agency, then measures each scenario against emulators in another process. Sends a
 * `ScaleResult` to the parent.
 */
const DRIFT_SHARE = 0.01;
const TOKENS = { github: 'ghs_benchToken000000000000000000', google: 'ya29.benchToken0000', slack: 'xoxb-bench-token-0000' };

/** Calls of one run and how long it took. */
export interface Measure {
  stats: Stats;
  wallMs: number;
  /** Changes planned (plans) or attempted (apply). */
  changes?: number;
}

export type Scenario = 'cold' | 'warm' | 'drift' | 'pr' | 'peerCold' | 'peerWarm' | 'apply';

export interface ScaleResult {
  clients: number;
  resources: Record<string, number>;
  desiredGrants: number;
  /** Grants the drift changed, per platform. */
  drifted: Record<string, number>;
  measures: Record<Scenario, Measure>;
  /** Median of five runs of the diff alone. */
  plannerCpuMs: number;
  /** Each run's peak RSS as its own `latch` process: cold, warm and pull-request plans, an apply. */
  cliPeaksMiB: CliPeaks;
  /** Of this process, which ran the scenarios one after the other with the benchmark's own objects. */
  inProcessRssMiB: number;
  applyResults: ResultCounts;
  /** Per-grant reads that failed (should be none). */
  peerFailed: number;
  totalMs: number;
}

function resourcesPerPlatform(readings: readonly ResourceReading[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const reading of readings) {
    const platform = kindFacts(reading.resource.kind).platform;
    counts[platform] = (counts[platform] ?? 0) + 1;
  }
  return counts;
}

async function timed<T>(emulators: EmulatorProcess, run: () => Promise<T>): Promise<{ value: T; measure: Measure }> {
  await emulators.stats();
  const started = performance.now();
  const value = await run();
  const wallMs = performance.now() - started;
  return { value, measure: { stats: await emulators.stats(), wallMs } };
}

async function planned(emulators: EmulatorProcess, context: RunContext, scope?: PlanScope): Promise<{ prepared: PreparedPlan; measure: Measure }> {
  const { value, measure } = await timed(emulators, () => preparePlan(context, scope));
  return { prepared: value, measure: { ...measure, changes: value.plan.changes.length } };
}

function medianCpuMs(prepared: PreparedPlan): number {
  const runs: number[] = [];
  for (let run = 0; run < 5; run += 1) {
    const cpu = process.cpuUsage();
    makePlan({ desired: prepared.desired, readings: prepared.readings, neverTouch: prepared.repository.guardrails.neverTouch });
    const used = process.cpuUsage(cpu);
    runs.push((used.user + used.system) / 1000);
  }
  return runs.sort((a, b) => a - b)[2] ?? 0;
}

/** Commits the generated repository, then changes one person's role in one client's file on top. */
async function changeOneClient(dir: string): Promise<string> {
  const author = ['-c', 'user.name=Bench', '-c', 'user.email=bench@acme-agency.com'];
  await git(dir, ['init', '--quiet', '--initial-branch=main']);
  await git(dir, ['add', '.']);
  await git(dir, [...author, 'commit', '--quiet', '-m', 'agency']);
  const base = (await git(dir, ['rev-parse', 'HEAD'])).trim();
  const file = join(dir, 'clients', `${slug(1)}.yaml`);
  await writeFile(file, (await readFile(file, 'utf8')).replace('role: client-contributor', 'role: client-admin'));
  await git(dir, [...author, 'commit', '--quiet', '-am', 'one client changes']);
  return base;
}

/**
 * Generates the agency in `dir` and starts its emulators. The seeds go to the emulators'
 * processes and are not returned: kept in this process, they would count in Latch's peak RSS.
 */
async function setUp(dir: string, clients: number): Promise<{ desiredGrants: number; base: string; emulators: EmulatorProcess }> {
  const shape = { ...DEFAULT_SHAPE, clients, teams: Math.round((DEFAULT_SHAPE.teams * clients) / DEFAULT_SHAPE.clients) };
  const { seeds, desiredGrants } = await generateBenchRepository(dir, join(packageRoot(), 'policies'), shape);
  const base = await changeOneClient(dir);
  return { desiredGrants, base, emulators: await startEmulatorProcess(seeds, LATENCY_MS, TOKENS) };
}

/**
 * The cold, warm and pull-request plans again, each a real `latch plan` process with a cache
 * of its own, and an apply of a fresh 1 % drift as `latch apply`: their peak memory is
 * Latch's alone, without the benchmark's seeds and earlier results beside it.
 */
async function measureProcesses(context: RunContext, base: string, drift: () => Promise<unknown>): Promise<CliPeaks> {
  const cacheDir = await mkdtemp(join(tmpdir(), 'latch-bench-cli-cache-'));
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, ...context.env, LATCH_CONCURRENCY: String(context.concurrency), LATCH_CACHE_DIR: cacheDir };
  const run = (args: readonly string[]) => latchPeakMiB(context.dir, env, args);
  try {
    const cold = await run(['plan', '--format', 'json']);
    const warm = await run(['plan', '--format', 'json']);
    const pr = await run(['plan', '--format', 'json', '--scope', 'changed', '--base', base]);
    await drift();
    return { cold, warm, pr, apply: await run(['apply', '--format', 'json', '--yes', '--allow-mass-revoke']) };
  } finally {
    await rm(cacheDir, { recursive: true, force: true });
  }
}

async function measureScale(clients: number): Promise<ScaleResult> {
  const begun = performance.now();
  const dir = await mkdtemp(join(tmpdir(), 'latch-bench-'));
  const cacheDir = await mkdtemp(join(tmpdir(), 'latch-bench-cache-'));
  const { desiredGrants, base, emulators } = await setUp(dir, clients);
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
    cacheDir,
  };
  try {
    // Only what each step needs is kept, so the peak is that of one run, as in production.
    const { resources, grants, plannerCpuMs, measure: cold } = await planned(emulators, context).then(({ prepared, measure }) => ({
      resources: resourcesPerPlatform(prepared.readings),
      grants: prepared.desired.grants,
      plannerCpuMs: medianCpuMs(prepared),
      measure,
    }));
    const warm = (await planned(emulators, context)).measure;
    const drifted = await emulators.drift(DRIFT_SHARE);
    const drift = await planned(emulators, context);
    const pr = (await planned(emulators, context, { base, read: 'changed' })).measure;

    const apply = await timed(emulators, () =>
      executeChanges(drift.prepared.plan.changes, drift.prepared.adapters, { concurrency: CONCURRENCY, logger: context.logger, secrets: Object.values(TOKENS) }),
    );
    apply.measure.changes = apply.value.length;
    const inProcessRssMiB = process.resourceUsage().maxRSS / 1024;
    const cliPeaksMiB = await measureProcesses(context, base, () => emulators.drift(DRIFT_SHARE));

    // The per-grant reader makes tens of thousands of calls: it runs without latency, and is judged by its calls and their floor.
    await emulators.setLatency(0);
    const peer = { baseUrl: emulators.urls.github ?? '', token: TOKENS.github, concurrency: CONCURRENCY, etags: new Map<string, string>() };
    const peerCold = await timed(emulators, () => readPerGrant(grants, peer));
    const peerWarm = await timed(emulators, () => readPerGrant(grants, peer));
    return {
      clients,
      resources,
      desiredGrants,
      drifted,
      measures: {
        cold,
        warm,
        drift: drift.measure,
        pr,
        apply: apply.measure,
        peerCold: peerCold.measure,
        peerWarm: peerWarm.measure,
      },
      plannerCpuMs,
      cliPeaksMiB,
      inProcessRssMiB,
      applyResults: countResults(apply.value),
      peerFailed: peerCold.value.failed + peerWarm.value.failed,
      totalMs: performance.now() - begun,
    };
  } finally {
    emulators.stop();
    await rm(dir, { recursive: true, force: true });
    await rm(cacheDir, { recursive: true, force: true });
  }
}

const clients = Number(process.argv[2]);
if (!Number.isInteger(clients) || clients < 1) throw new Error(`usage: scale.js <clients>, got "${process.argv[2]}"`);
const result = await measureScale(clients);
process.send?.(result);
