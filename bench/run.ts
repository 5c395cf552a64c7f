import { fork } from 'node:child_process';
import { join } from 'node:path';
import type { ScaleResult } from './scale.js';
import { CONCURRENCY, LATENCY_MS } from './settings.js';
import { renderTable } from './table.js';

/**
 * `npm run bench`: generated agencies of 100, 1,000 and 3,000 clients (`BENCH_SIZES` picks
 * others; per 1,000 clients: 3,000 repositories, 300 teams, a Drive folder and a Slack channel
 * each, a GA4 property and a group for 300 of them) against emulators in a separate process
 * answering every request after `BENCH_LATENCY_MS` (50). Each size runs in its own process,
 * so its peak memory is its own; the sizes are printed side by side.
 */
const SETTINGS = { latencyMs: LATENCY_MS, concurrency: CONCURRENCY };

function sizes(): number[] {
  const raw = process.env.BENCH_SIZES ?? '100,1000,3000';
  const parsed = raw.split(',').map((part) => Number(part.trim()));
  const bad = parsed.find((size) => !Number.isInteger(size) || size < 1);
  if (bad !== undefined || parsed.length === 0) throw new Error(`BENCH_SIZES must be whole numbers of clients separated by commas, got "${raw}"`);
  return parsed.sort((a, b) => a - b);
}

function runScale(clients: number): Promise<ScaleResult> {
  return new Promise((resolve, reject) => {
    const child = fork(join(import.meta.dirname, 'scale.js'), [String(clients)], { stdio: 'inherit' });
    let result: ScaleResult | undefined;
    child.on('message', (message: ScaleResult) => {
      result = message;
    });
    child.on('exit', (code) => {
      if (result) resolve(result);
      else reject(new Error(`the benchmark of ${clients} clients ended with code ${code} and no result`));
    });
  });
}

async function main(): Promise<void> {
  const started = performance.now();
  const results: ScaleResult[] = [];
  for (const clients of sizes()) {
    process.stderr.write(`benchmarking ${clients} clients…\n`);
    results.push(await runScale(clients));
    // Each size as it ends, so a long run that is stopped still leaves its numbers.
    process.stderr.write(`${renderTable(results.slice(-1), SETTINGS)}\n\n`);
  }
  const minutes = ((performance.now() - started) / 60_000).toFixed(1);
  process.stdout.write(
    `Latch benchmark: ${LATENCY_MS} ms latency per request, concurrency ${CONCURRENCY} per platform; the per-grant peer runs without latency ` +
      `(its floor is what it would take at ${LATENCY_MS} ms); ${minutes} min in all\n\n${renderTable(results, SETTINGS)}\n`,
  );
}

await main();
