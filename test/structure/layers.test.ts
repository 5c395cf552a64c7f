import { readdir, readFile } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The reconciler tree runs against real platforms; the emulator tree is what the demo, the
 * tests and the benchmark run against, and models the platforms' documentation, not the
 * adapters. Neither may reach into the other, so an adapter never leans on emulator
 * behaviour and an emulator never agrees with an adapter by sharing its code.
 */
const SRC = resolve(import.meta.dirname, '../../src');
const RECONCILER = ['platforms', 'load', 'desire', 'read', 'plan', 'apply', 'report', 'action', 'history', 'import', 'verify', 'review', 'status', 'delegation', 'cli'];
/** The `latch demo` command starts the emulators, so its wiring may name them. */
const DEMO_WIRING = new Set(['cli/commands/demo.ts']);

const FROM = /^\s*(?:import|export)\s+(?:type\s+)?(?:\*(?:\s+as\s+\w+)?|\{[^}]*\}|\w+(?:\s*,\s*(?:\{[^}]*\}|\*\s+as\s+\w+))?)\s+from\s+['"]([^'"]+)['"]/gm;
const BARE = /^\s*import\s+['"]([^'"]+)['"]/gm;
const DYNAMIC = /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

/** The specifiers a module imports or re-exports, static and dynamic. */
function specifiersOf(text: string): string[] {
  return [FROM, BARE, DYNAMIC].flatMap((pattern) => [...text.matchAll(pattern)].map((match) => match[1] ?? ''));
}

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile() && entry.name.endsWith('.ts')).map((entry) => join(entry.parentPath, entry.name));
}

/** Each module (path under src/) and the src modules it imports; packages and node: are left out. */
async function importGraph(): Promise<Map<string, string[]>> {
  const graph = new Map<string, string[]>();
  for (const file of await sourceFiles(SRC)) {
    const targets = specifiersOf(await readFile(file, 'utf8'))
      .filter((specifier) => specifier.startsWith('.'))
      .map((specifier) => relative(SRC, resolve(dirname(file), specifier)).replace(/\.js$/, '.ts'));
    graph.set(relative(SRC, file), targets);
  }
  return graph;
}

const topOf = (module: string): string => module.split('/')[0] ?? module;
const inReconciler = (module: string): boolean => RECONCILER.includes(topOf(module)) && !DEMO_WIRING.has(module);

/** Emulator code: the emulator tree, and anything outside the demo that stands behind the emulator harness. */
function isEmulatorCode(module: string, graph: ReadonlyMap<string, readonly string[]>): boolean {
  if (topOf(module) === 'emulators') return true;
  if (topOf(module) === 'demo') return false;
  return (graph.get(module) ?? []).some((target) => basename(target) === 'harness.ts');
}

describe('the reconciler and emulator trees', () => {
  it('reads the imports of every module, multi-line and type-only ones included', async () => {
    expect(specifiersOf("import {\n  a,\n  type B,\n} from './x.js';\nexport type { C } from '../y.js';\nimport d, { e } from 'z';\nimport './side.js';")).toEqual([
      './x.js',
      '../y.js',
      'z',
      './side.js',
    ]);
    const graph = await importGraph();
    expect(graph.get('sandbox/platforms.ts')).toContain('emulators/github/index.ts');
    expect(graph.get('cli/commands/demo.ts')).toContain('sandbox/platforms.ts');
  });

  it('keeps emulator code out of the reconciler tree, and the reconciler from importing it', async () => {
    const graph = await importGraph();
    const broken = [...graph]
      .filter(([module]) => inReconciler(module))
      .flatMap(([module, targets]) => [
        ...(isEmulatorCode(module, graph) ? [`${module} is emulator code`] : []),
        ...targets.filter((target) => isEmulatorCode(target, graph)).map((target) => `${module} imports ${target}`),
      ]);
    expect(broken).toEqual([]);
  });

  it('gives emulators no adapter or reconciler code to import', async () => {
    const graph = await importGraph();
    const broken = [...graph]
      .filter(([module]) => isEmulatorCode(module, graph))
      .flatMap(([module, targets]) => targets.filter((target) => RECONCILER.includes(topOf(target))).map((target) => `${module} imports ${target}`));
    expect(broken).toEqual([]);
  });
});
