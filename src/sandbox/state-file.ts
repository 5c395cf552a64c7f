import { readFile, writeFile } from 'node:fs/promises';
import { extname, relative } from 'node:path';
import { stringify } from 'yaml';
import { ConfigError, UsageError, type ConfigIssue } from '../errors.js';
import { parseYaml } from '../load/yaml.js';
import { SandboxState } from './schema.js';
import type { SandboxState as SandboxStateShape } from './state.js';

const HINT = 'See "State file" under Sandbox in the README; `latch sandbox --write-state FILE` writes a complete example.';

/** The message zod gives, with the path it is about spelled as the file spells it. */
function describe(issue: { message: string; path: readonly PropertyKey[] }): string {
  const where = issue.path.map(String).join('.');
  return where === '' ? issue.message : `${where}: ${issue.message}`;
}

/**
 * Reads a state file, JSON or YAML (JSON is YAML): every problem becomes a ConfigIssue at its
 * file:line:column, and nothing starts until the whole file is valid.
 */
export async function readStateFile(path: string, cwd: string): Promise<SandboxStateShape> {
  const file = relative(cwd, path) || path;
  let content: Buffer;
  try {
    content = await readFile(path);
  } catch (error) {
    throw new UsageError(`cannot read the state file ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = parseYaml(file, content);
  if (!parsed.ok) throw new ConfigError(parsed.issues);
  const checked = SandboxState.safeParse(parsed.parsed.data);
  if (checked.success) return checked.data;
  const issues: ConfigIssue[] = checked.error.issues.map((issue) => {
    const path = issue.path.filter((step): step is string | number => typeof step !== 'symbol');
    const unknownKey = issue.code === 'unrecognized_keys' ? issue.keys[0] : undefined;
    const at = unknownKey === undefined ? parsed.parsed.value(path) : parsed.parsed.key([...path, unknownKey]);
    return { ...at, severity: 'error', rule: 'sandbox-state', message: describe(issue), hint: HINT };
  });
  throw new ConfigError(issues);
}

/** Writes the state as YAML (`.yaml`, `.yml`) or JSON (any other name), in the shape `readStateFile` reads. */
export async function writeStateFile(path: string, state: SandboxStateShape): Promise<void> {
  const yaml = ['.yaml', '.yml'].includes(extname(path).toLowerCase());
  const header = '# latch sandbox state (version 1): every platform as the sandbox starts it. Edit, then: latch sandbox --state FILE\n';
  await writeFile(path, yaml ? `${header}${stringify(state, { lineWidth: 0, aliasDuplicateObjects: false })}` : `${JSON.stringify(state, null, 2)}\n`);
}
