import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, type ConfigIssue } from '../../src/errors.js';
import { loadRepository } from '../../src/load/load.js';
import { APEX, expectIssue, GUARDRAILS, PLATFORMS, ROLES, TODAY } from '../fixtures/load/repo.js';

const REPOSITORY_ROOT = fileURLToPath(new URL('../../', import.meta.url));

async function issuesOfDir(dir: string): Promise<ConfigIssue[]> {
  try {
    return (await loadRepository(dir, { today: TODAY })).warnings;
  } catch (failure) {
    if (failure instanceof ConfigError) return failure.issues;
    throw failure;
  }
}

describe('the example repository', () => {
  it('loads with no errors and the clients sorted by slug', async () => {
    const { repository, warnings } = await loadRepository(REPOSITORY_ROOT, { today: TODAY });
    expect(warnings.filter((issue) => issue.severity === 'error')).toEqual([]);
    expect(repository.clients.map((client) => [client.data.client, client.file])).toEqual([
      ['apex', 'clients/apex.yaml'],
      ['bloom', 'clients/bloom.yaml'],
      ['cobalt', 'clients/cobalt.yaml'],
    ]);
    expect(repository.platforms.github?.org).toBe('acme-agency');
    expect(repository.clients[0]?.locate(['people', 'dana', 'role'])).toEqual({ file: 'clients/apex.yaml', line: 17, column: 66 });
  });
});

describe('loadRepository', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'latch-load-'));
    await mkdir(join(dir, 'policies'));
    await mkdir(join(dir, 'clients'));
    await writeFile(join(dir, 'policies/roles.yaml'), ROLES);
    await writeFile(join(dir, 'policies/guardrails.yaml'), GUARDRAILS);
    await writeFile(join(dir, 'policies/platforms.yaml'), PLATFORMS);
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads .yaml and .yml client files and ignores other files', async () => {
    await writeFile(join(dir, 'clients/apex.yaml'), APEX);
    await writeFile(join(dir, 'clients/bloom.yml'), 'client: bloom\nname: Bloom\n');
    await writeFile(join(dir, 'clients/README.md'), '# not a client\n');
    const { repository } = await loadRepository(dir, { today: TODAY });
    expect(repository.clients.map((client) => client.file)).toEqual(['clients/apex.yaml', 'clients/bloom.yml']);
    expect(repository.dir).toBe(dir);
  });

  it('treats a missing clients/ directory as no clients', async () => {
    await rm(join(dir, 'clients'), { recursive: true });
    expect((await loadRepository(dir, { today: TODAY })).repository.clients).toEqual([]);
  });

  it('reports a missing policies file at line 1 column 1', async () => {
    await rm(join(dir, 'policies/guardrails.yaml'));
    expectIssue(await issuesOfDir(dir), { rule: 'missing-file', file: 'policies/guardrails.yaml', line: 1, column: 1, hints: ['--dir'] });
  });

  it('refuses a client file that is a symbolic link', async () => {
    await writeFile(join(dir, 'elsewhere.yaml'), APEX);
    await symlink(join(dir, 'elsewhere.yaml'), join(dir, 'clients/apex.yaml'));
    expectIssue(await issuesOfDir(dir), { rule: 'not-a-file', file: 'clients/apex.yaml', line: 1, column: 1 });
  });

  it('checks the encoding of files read from disk', async () => {
    await writeFile(join(dir, 'clients/apex.yaml'), Buffer.from([0x63, 0x6c, 0x69, 0x65, 0x6e, 0x74, 0x3a, 0x20, 0xff, 0x0a]));
    expectIssue(await issuesOfDir(dir), { rule: 'not-utf8', file: 'clients/apex.yaml', line: 1, column: 9 });
  });
});
