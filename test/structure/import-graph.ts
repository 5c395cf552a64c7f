import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

/** Files of a tree and, for each, the files of the same tree it imports. */
export type ImportGraph = Map<string, Set<string>>;

function sourceFiles(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...sourceFiles(path));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) files.push(path);
  }
  return files;
}

/**
 * Every import, re-export, `import type` and `import()` of each `.ts` file under `root`,
 * as paths relative to `root`. Type-only imports count: a cycle of types between two
 * folders ties their designs together as much as a cycle of values does.
 * Package imports and data files (`.json`) are left out; relative `.js` specifiers resolve to
 * their `.ts` source.
 */
export function importGraph(root: string): ImportGraph {
  const graph: ImportGraph = new Map();
  const files = sourceFiles(root);
  const known = new Set(files.map((file) => relative(root, file)));
  for (const file of files) {
    const from = relative(root, file);
    const targets = new Set<string>();
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    for (const { fileName } of importedFiles) {
      if (!fileName.startsWith('.') || !fileName.endsWith('.js')) continue;
      const target = relative(root, resolve(dirname(file), fileName.replace(/\.js$/, '.ts')));
      if (!known.has(target)) throw new Error(`${from} imports ${fileName}, which is not a file under ${root}`);
      targets.add(target);
    }
    graph.set(from, targets);
  }
  return graph;
}

/** The graph of `group(file)` units: an edge wherever a file of one unit imports a file of another. */
export function groupedGraph(graph: ImportGraph, group: (file: string) => string): ImportGraph {
  const grouped: ImportGraph = new Map();
  for (const [from, targets] of graph) {
    const unit = group(from);
    const edges = grouped.get(unit) ?? new Set<string>();
    for (const target of targets) if (group(target) !== unit) edges.add(group(target));
    grouped.set(unit, edges);
  }
  return grouped;
}

/** The shortest path from `from` to `to` along the graph's edges, both ends included; undefined when there is none. */
function shortestPath(graph: ImportGraph, from: string, to: string): string[] | undefined {
  const previous = new Map<string, string>([[from, from]]);
  const queue = [from];
  for (let i = 0; i < queue.length; i += 1) {
    const node = queue[i] ?? '';
    if (node === to) {
      const path = [to];
      for (let step = to; step !== from; ) {
        step = previous.get(step) ?? from;
        path.unshift(step);
      }
      return path;
    }
    for (const next of graph.get(node) ?? []) {
      if (previous.has(next)) continue;
      previous.set(next, node);
      queue.push(next);
    }
  }
  return undefined;
}

/**
 * For every edge that lies on a cycle, the shortest cycle through it, each cycle once, starting
 * at its smallest node and written back to it: `['a', 'b', 'a']`. No cycle hides behind another
 * that shares an edge, and a big tangle reads as the short loops it is made of.
 */
export function cycles(graph: ImportGraph): string[][] {
  const found = new Map<string, string[]>();
  for (const [from, targets] of graph) {
    for (const to of targets) {
      const loop = shortestPath(graph, to, from);
      if (!loop) continue;
      const first = loop.indexOf([...loop].sort()[0] ?? from);
      const rotated = [...loop.slice(first), ...loop.slice(0, first)];
      const cycle = [...rotated, rotated[0] ?? from];
      found.set(cycle.join(' '), cycle);
    }
  }
  return [...found.values()].sort((a, b) => a.join(' ').localeCompare(b.join(' ')));
}
