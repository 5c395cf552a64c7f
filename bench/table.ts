import type { Stats } from './emulator-client.js';
import type { Measure, ScaleResult } from './scale.js';

/**
 * The benchmark's report: one column per size, a last column with the per-client cost at the
 * largest size over the per-client cost at the smallest (1.00: grows linearly with clients),
 * then the issue's targets with ✓/✗.
 */
export interface TableSettings {
  latencyMs: number;
  concurrency: number;
}

/** GitHub's rate-limit points, REST and GraphQL, as its emulator charged them. */
function githubPoints(stats: Stats): { rest: number; graphql: number; total: number } {
  const points = stats.github?.points;
  if (!points) return { rest: 0, graphql: 0, total: 0 };
  return { rest: points.core, graphql: points.graphql, total: points.core + points.graphql };
}

function calls(stats: Stats, platform: string): number {
  const counted = stats[platform];
  return counted ? counted.reads + counted.writes : 0;
}

/** The fastest any client could go: each platform's calls in waves of `concurrency`, platforms side by side. */
function floorMs(stats: Stats, settings: TableSettings, writesOnly = false): number {
  return Math.max(0, ...Object.values(stats).map((platform) => Math.ceil((writesOnly ? platform.writes : platform.reads + platform.writes) / settings.concurrency) * settings.latencyMs));
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

interface Row {
  label: string;
  cells: string[];
  /** The quantity the ratio column compares, per size. */
  values?: number[];
}

function ratio(values: readonly number[], sizes: readonly number[]): string {
  const [first, last] = [values[0] ?? 0, values.at(-1) ?? 0];
  const [small, large] = [sizes[0] ?? 1, sizes.at(-1) ?? 1];
  if (sizes.length < 2 || first === 0) return '';
  return `${(last / large / (first / small)).toFixed(2)}`;
}

function planRows(name: string, results: readonly ScaleResult[], pick: (result: ScaleResult) => Measure, settings: TableSettings): Row[] {
  const measures = results.map(pick);
  const points = measures.map((measure) => githubPoints(measure.stats));
  return [
    { label: `${name}: GitHub points REST + GraphQL`, cells: points.map((p) => `${p.rest} + ${p.graphql}`), values: points.map((p) => p.total) },
    { label: `${name}: Google / Slack calls`, cells: measures.map((m) => `${calls(m.stats, 'google')} / ${calls(m.stats, 'slack')}`), values: measures.map((m) => calls(m.stats, 'google') + calls(m.stats, 'slack')) },
    { label: `${name}: wall / latency floor`, cells: measures.map((m) => `${seconds(m.wallMs)} / ${seconds(floorMs(m.stats, settings))}`), values: measures.map((m) => m.wallMs) },
  ];
}

function targets(results: readonly ScaleResult[], settings: TableSettings): string[] {
  const lines: string[] = [];
  const check = (ok: boolean, text: string) => lines.push(`${ok ? '✓' : '✗'} ${text}`);
  const pct = (part: number, whole: number) => (whole === 0 ? 0 : (part / whole) * 100);
  for (const result of results) {
    const { measures } = result;
    const cold = githubPoints(measures.cold.stats).total;
    const warm = githubPoints(measures.warm.stats).total;
    const pr = githubPoints(measures.pr.stats).total;
    const peerCold = githubPoints(measures.peerCold.stats).total;
    const peerWarm = githubPoints(measures.peerWarm.stats).total;
    const githubResources = result.resources.github ?? 1;
    const n = result.clients;
    check(pct(warm, cold) <= 5, `${n}: warm, nothing changed ≤ 5 % of cold GitHub points: ${pct(warm, cold).toFixed(1)} %`);
    if (n === 1000 || !results.some((r) => r.clients === 1000)) check(pct(pr, cold) <= 1, `${n}: one-client pull-request plan ≤ 1 % of cold: ${pct(pr, cold).toFixed(2)} %`);
    check(cold / githubResources <= 1.1, `${n}: cold ≤ 1.1 GitHub points per resource: ${(cold / githubResources).toFixed(2)}`);
    check(peerWarm / Math.max(1, warm) >= 10, `${n}: ≥ 10× fewer points than the per-grant peer, warm: ${(peerWarm / Math.max(1, warm)).toFixed(1)}×`);
    check(peerCold / Math.max(1, cold) >= 3, `${n}: ≥ 3× fewer points than the per-grant peer, cold: ${(peerCold / Math.max(1, cold)).toFixed(1)}×`);
    if (n === 1000) check(latchPeakMiB(result) * 1.048576 <= 300, `${n}: peak RSS ≤ 300 MB: ${megabytes(latchPeakMiB(result))}`);
    const applyFloor = floorMs(measures.apply.stats, settings, true);
    check(measures.apply.wallMs <= 1.2 * applyFloor, `${n}: apply ≤ 1.2 × its latency floor: ${(measures.apply.wallMs / Math.max(1, applyFloor)).toFixed(2)} ×`);
  }
  return lines;
}

/** RSS is measured in MiB (KiB from the kernel); the target is in MB. */
/** Latch's peak memory: the highest of its own processes. */
function latchPeakMiB(result: ScaleResult): number {
  return Math.max(...Object.values(result.cliPeaksMiB));
}

function megabytes(mib: number): string {
  return `${(mib * 1.048576).toFixed(0)} MB`;
}

export function renderTable(results: readonly ScaleResult[], settings: TableSettings): string {
  const sizes = results.map((result) => result.clients);
  const rows: Row[] = [
    { label: 'resources (GitHub / Google / Slack)', cells: results.map((r) => `${r.resources.github ?? 0} / ${r.resources.google ?? 0} / ${r.resources.slack ?? 0}`) },
    { label: 'desired grants', cells: results.map((r) => String(r.desiredGrants)) },
    ...planRows('cold full plan', results, (r) => r.measures.cold, settings),
    ...planRows('warm, nothing changed', results, (r) => r.measures.warm, settings),
    { label: 'grants changed by hand (1 %)', cells: results.map((r) => Object.values(r.drifted).reduce((a, b) => a + b, 0).toString()) },
    ...planRows('warm after 1 % changed', results, (r) => r.measures.drift, settings),
    ...planRows('one-client pull-request plan', results, (r) => r.measures.pr, settings),
    ...(['peerCold', 'peerWarm'] as const).map((scenario): Row => {
      const measures = results.map((r) => r.measures[scenario]);
      return {
        label: `per-grant peer ${scenario === 'peerCold' ? 'cold' : 'warm'}: GitHub points / floor`,
        cells: measures.map((m) => `${githubPoints(m.stats).total} / ${seconds(floorMs(m.stats, settings))}`),
        values: measures.map((m) => githubPoints(m.stats).total),
      };
    }),
    { label: 'planner CPU, diff alone (median of 5)', cells: results.map((r) => `${r.plannerCpuMs.toFixed(0)} ms`), values: results.map((r) => r.plannerCpuMs) },
    { label: 'peak RSS of Latch (a process per run)', cells: results.map((r) => megabytes(latchPeakMiB(r))), values: results.map(latchPeakMiB) },
    { label: 'peak RSS: cold / warm / PR plan / apply', cells: results.map(({ cliPeaksMiB: p }) => [p.cold, p.warm, p.pr, p.apply].map((mib) => (mib ?? 0) * 1.048576).map((mb) => mb.toFixed(0)).join(' / ')) },
    { label: 'peak RSS, every run in one process', cells: results.map((r) => megabytes(r.inProcessRssMiB)) },
    { label: 'apply: changes (applied / failed)', cells: results.map((r) => `${r.measures.apply.changes ?? 0} (${r.applyResults.applied} / ${r.applyResults.failed})`) },
    {
      label: 'apply: API calls per change',
      cells: results.map((r) => (Object.values(r.measures.apply.stats).reduce((sum, s) => sum + s.writes, 0) / Math.max(1, r.measures.apply.changes ?? 0)).toFixed(2)),
    },
    {
      label: 'apply: wall / latency floor',
      cells: results.map((r) => `${seconds(r.measures.apply.wallMs)} / ${seconds(floorMs(r.measures.apply.stats, settings, true))}`),
      values: results.map((r) => r.measures.apply.wallMs),
    },
    { label: 'benchmark time for this size', cells: results.map((r) => seconds(r.totalMs)) },
  ];
  const width = Math.max(...rows.flatMap((row) => row.cells.map((cell) => cell.length)), 12);
  const header = `${''.padEnd(44)} ${sizes.map((size) => `${size} clients`.padStart(width)).join(' ')}  per client ${sizes.at(-1)}/${sizes[0]}`;
  const body = rows.map((row) => `${row.label.padEnd(44)} ${row.cells.map((cell) => cell.padStart(width)).join(' ')}  ${row.values ? ratio(row.values, sizes).padStart(8) : ''}`.trimEnd());
  return [header, ...body, '', 'Targets:', ...targets(results, settings)].join('\n');
}
