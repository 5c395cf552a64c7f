import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cycles, groupedGraph, importGraph } from './import-graph.js';

const graph = importGraph(fileURLToPath(new URL('../../src', import.meta.url)));

/**
 * A platform folder holds two layers: its kinds' facts, which the loader and planner read,
 * and its adapter, which reads the core's models. The facts (kinds and the shape of the
 * platform's settings) count as one unit of their own.
 */
const KIND_FACTS = /^platforms\/(?:kinds?\.ts|configs\.ts|[^/]+\/(?:kinds|config)\.ts)$/;

/** `load/rules/client.ts` → `load`; a file directly under src is a unit of its own. */
function folderOf(file: string): string {
  if (KIND_FACTS.test(file)) return 'kind facts';
  const slash = file.indexOf('/');
  return slash === -1 ? file : file.slice(0, slash);
}

/** One file import that makes `from` depend on `to`, so a failure says where to cut. */
function witness(from: string, to: string): string {
  for (const [file, targets] of [...graph].sort(([a], [b]) => a.localeCompare(b))) {
    if (folderOf(file) !== from) continue;
    const target = [...targets].sort().find((candidate) => folderOf(candidate) === to);
    if (target) return `${file} imports ${target}`;
  }
  return '?';
}

describe('imports under src', () => {
  it('form no cycle between files', () => {
    expect(cycles(graph).map((cycle) => cycle.join(' → '))).toEqual([]);
  });

  it('form no cycle between folders (load, desire, read, plan, apply, report, history, review, ...)', () => {
    const found = cycles(groupedGraph(graph, folderOf)).map((cycle) => {
      const hops = cycle.slice(1).map((to, index) => witness(cycle[index] ?? '', to));
      return `${cycle.join(' → ')} (${hops.join('; ')})`;
    });
    expect(found).toEqual([]);
  });

  it('keep the kinds\' facts free of adapter and core code, so loading them stays cheap', () => {
    const facts = [...graph].filter(([file]) => KIND_FACTS.test(file));
    expect(facts.length).toBeGreaterThan(6);
    const outside = facts.flatMap(([file, targets]) => [...targets].filter((target) => !KIND_FACTS.test(target)).map((target) => `${file} imports ${target}`));
    expect(outside).toEqual([]);
  });
});
