import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { Io } from '../../src/cli/io.js';

const ROOT = resolve(import.meta.dirname, '../..');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function sink(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return { stream, text: () => chunks.join('') };
}

async function latch(argv: string[], cwd: string): Promise<Run> {
  const stdout = sink();
  const stderr = sink();
  const io: Io = {
    stdout: stdout.stream,
    stderr: stderr.stream,
    env: { LATCH_TODAY: '2026-11-23' },
    cwd,
    interactive: false,
    confirm: () => Promise.resolve(false),
  };
  const code = await main(argv, io);
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

/** What an ops lead does with the placeholders: their own organisation, domain and login. */
async function fillIn(dir: string, files: readonly string[]): Promise<void> {
  for (const file of files) {
    const text = await readFile(join(dir, file), 'utf8');
    const filled = text.replaceAll('change-me.example', 'northwind.io').replaceAll('change-me-lead', 'ada-northwind').replaceAll('change-me', 'northwind');
    await writeFile(join(dir, file), filled);
  }
}

let work: string;
beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'latch-init-'));
});
afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('latch init', () => {
  it('writes a repository that validates at once and lists every placeholder to fill', async () => {
    const init = await latch(['init', 'access'], work);
    expect(init.code).toBe(0);
    expect(init.stderr).toBe('');
    const dir = join(work, 'access');
    for (const file of [
      'policies/roles.yaml',
      'policies/guardrails.yaml',
      'policies/platforms.yaml',
      'policies/people.yaml',
      'clients/sample.yaml',
      '.github/workflows/plan.yml',
      '.github/workflows/apply.yml',
      '.github/workflows/drift.yml',
      '.github/CODEOWNERS',
      'action.yml',
      'dist/index.js',
      'schemas/client.schema.json',
      'README.md',
    ]) {
      expect(existsSync(join(dir, file)), file).toBe(true);
    }
    expect(init.stdout).toContain('policies/platforms.yaml:5  github.org is still "change-me"');
    expect(init.stdout).toContain('latch import --platform github');
    expect(init.stdout).toContain('LATCH_WRITE_APP_PRIVATE_KEY');

    const validate = await latch(['validate', '--dir', dir], work);
    expect(validate.code).toBe(0);
    expect(validate.stdout).toBe('Valid: 1 clients, 2 people, 1 resources, 7 roles, 5 warnings.\n');
    expect(validate.stderr).toContain('policies/platforms.yaml:5:8: warning: github.org is still "change-me", a placeholder written by latch init. (placeholder)');
    expect(validate.stderr).toContain('policies/guardrails.yaml:4:17: warning: agencyDomains[0] is still "change-me.example"');
    expect(validate.stderr).toContain('clients/sample.yaml:10:34: warning: resources.web.ref is still "change-me/sample-web"');
  });

  it('leaves no warning once the placeholders are filled in', async () => {
    expect((await latch(['init'], work)).code).toBe(0);
    await fillIn(work, ['policies/guardrails.yaml', 'policies/platforms.yaml', 'policies/people.yaml', 'clients/sample.yaml']);
    const validate = await latch(['validate'], work);
    expect(validate).toEqual({ code: 0, stdout: 'Valid: 1 clients, 2 people, 1 resources, 7 roles.\n', stderr: '' });
  });

  it('ships the example repository’s role catalogue, the three workflows and the Action unchanged', async () => {
    expect((await latch(['init', 'access'], work)).code).toBe(0);
    for (const file of ['policies/roles.yaml', '.github/workflows/plan.yml', '.github/workflows/apply.yml', '.github/workflows/drift.yml', 'action.yml']) {
      expect(await readFile(join(work, 'access', file), 'utf8'), file).toBe(await readFile(join(ROOT, file), 'utf8'));
    }
    expect(existsSync(join(work, 'access', '.github/workflows/ci.yml'))).toBe(false);
  });

  it('writes the CODEOWNERS that latch codeowners makes of the client files', async () => {
    expect((await latch(['init', 'access', '--agency-team', '@northwind/access-leads'], work)).code).toBe(0);
    const codeowners = await latch(['codeowners', '--dir', 'access', '--agency-team', '@northwind/access-leads'], work);
    expect(codeowners.code).toBe(0);
    expect(await readFile(join(work, 'access/.github/CODEOWNERS'), 'utf8')).toBe(codeowners.stdout);
    expect(codeowners.stdout).toContain('/clients/sample.yaml  @northwind/access-leads @change-me-lead');
  });

  it.each([['clients'], ['policies']])('refuses a directory that already has %s/, writing nothing', async (taken) => {
    await mkdir(join(work, taken));
    const init = await latch(['init', work], '/');
    expect(init.code).toBe(1);
    expect(init.stderr).toContain(`latch: refused: ${work} already has ${taken}/: latch init writes a new access repository and never overwrites one`);
    expect(existsSync(join(work, 'README.md'))).toBe(false);
    expect(existsSync(join(work, taken === 'clients' ? 'policies' : 'clients'))).toBe(false);
  });

  it('keeps files that are already there, such as the README of a new GitHub repository', async () => {
    await writeFile(join(work, 'README.md'), '# access\n');
    const init = await latch(['init', '.'], work);
    expect(init.code).toBe(0);
    expect(init.stdout).toContain('Kept what was there: README.md.');
    expect(await readFile(join(work, 'README.md'), 'utf8')).toBe('# access\n');
    expect(existsSync(join(work, 'policies/roles.yaml'))).toBe(true);
  });

  it('refuses a malformed --agency-team before writing anything', async () => {
    const init = await latch(['init', 'access', '--agency-team', 'leads'], work);
    expect(init.code).toBe(1);
    expect(init.stderr).toContain('latch: --agency-team must look like @org/team-slug, not "leads"');
    expect(existsSync(join(work, 'access'))).toBe(false);
  });

  it('refuses a file as the directory with a usage error, not a stack trace', async () => {
    await writeFile(join(work, 'file'), '');
    const init = await latch(['init', 'file'], work);
    expect(init.code).toBe(1);
    expect(init.stderr).toBe(`latch: ${join(work, 'file')} is a file, not a directory: latch init [DIR] makes a new access repository in DIR\nRun "latch --help" for the commands, "latch <command> --help" for a command's options.\n`);
  });
});

describe('latch --version', () => {
  it.each([['--version'], ['-V']])('%s prints the version of package.json', async (flag) => {
    const { version } = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(await latch([flag], work)).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });
});
