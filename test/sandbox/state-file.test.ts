import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.js';
import { readStateFile, writeStateFile } from '../../src/sandbox/state-file.js';
import { demoState } from '../../src/sandbox/state.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'latch-state-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function problems(name: string, text: string): Promise<string[]> {
  await writeFile(join(dir, name), text);
  try {
    await readStateFile(join(dir, name), dir);
  } catch (error) {
    if (error instanceof ConfigError) return error.issues.map((issue) => `${issue.file}:${issue.line}:${issue.column}: ${issue.message}`);
    throw error;
  }
  return [];
}

describe('the sandbox state file', () => {
  it.each(['state.yaml', 'state.json'])('reads back what --write-state wrote (%s)', async (name) => {
    const state = demoState(Date.parse('2026-11-23T12:00:00Z'));
    await writeStateFile(join(dir, name), state);
    expect(await readStateFile(join(dir, name), dir)).toEqual(state);
    expect((await readFile(join(dir, name), 'utf8')).startsWith(name.endsWith('.yaml') ? '# latch sandbox state' : '{')).toBe(true);
  });

  it('points at a wrong level, where the file has it', async () => {
    const state = demoState();
    await writeStateFile(join(dir, 'state.yaml'), state);
    const text = (await readFile(join(dir, 'state.yaml'), 'utf8')).replace('dana-apex: admin', 'dana-apex: owner');
    const found = await problems('state.yaml', text);
    const line = text.split('\n').findIndex((row) => row.includes('dana-apex: owner')) + 1;
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(new RegExp(`^state\\.yaml:${line}:\\d+: github\\.repos\\.acme-agency/apex-web\\.collaborators\\.dana-apex: `));
  });

  it('refuses a misspelt key at the key, and a missing platform at the top', async () => {
    const found = await problems('state.json', '{\n  "version": 1,\n  "repository": "acme-agency/access",\n  "githb": {}\n}\n');
    expect(found).toContain('state.json:4:3: Unrecognized key: "githb"');
    expect(found.some((problem) => problem.startsWith('state.json:1:1: github: '))).toBe(true);
  });

  it('refuses bad YAML with its position, and a missing file plainly', async () => {
    expect(await problems('broken.yaml', 'version: 1\nrepository: [acme\n')).toEqual([expect.stringMatching(/^broken\.yaml:\d+:\d+: /)]);
    await expect(readStateFile(join(dir, 'absent.yaml'), dir)).rejects.toThrow(/cannot read the state file absent\.yaml/);
  });
});
