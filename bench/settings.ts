/**
 * The benchmark's latency per request and concurrency per platform, from the environment:
 * the runner that prints the table and each size's process read the same values.
 */
export const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 50);
export const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
