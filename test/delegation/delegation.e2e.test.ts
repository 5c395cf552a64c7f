import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runLatch } from '../e2e/cli-harness.js';
import { examplePolicies, GITHUB_CLIENTS, workspace, type Workspace } from '../e2e/workspace.js';

let repo: Workspace;
const APEX = GITHUB_CLIENTS['clients/apex.yaml'] ?? '';
const FINN = '  finn:  { email: finn@apexoutdoor.com, role: client-viewer }\n';
const withPerson = (person: string) => APEX.replace('\ngrants:', `${person}\ngrants:`).replace('\n\ngrants:', '\ngrants:');

beforeEach(async () => {
  repo = await workspace({}, { git: true });
  await repo.commit('Start', { ...(await examplePolicies()), ...GITHUB_CLIENTS }, '2026-11-01T09:00:00Z');
  await repo.git(['checkout', '-q', '-b', 'change']);
});

afterEach(async () => {
  await repo.remove();
});

const latch = (args: string[], cwd = repo.dir) => runLatch(args, { cwd });

describe('latch validate --author --base', () => {
  it('lets a delegate add one of their people with a role they may assign, committed or not', async () => {
    await repo.write({ 'clients/apex.yaml': withPerson(FINN.trimEnd()) });
    const uncommitted = await latch(['validate', '--author', 'dana-apex', '--base', 'main']);
    expect(uncommitted.code, uncommitted.stderr).toBe(0);
    expect(uncommitted.stdout).toContain('Author dana-apex is a delegate of apex: the change since main stays within their file and the roles delegates may assign.');
    await repo.commit('Add Finn', {}, '2026-11-02T09:00:00Z');
    const committed = await latch(['validate', '--author', 'dana@apexoutdoor.com', '--base', 'main']);
    expect(committed.code, committed.stderr).toBe(0);
  });

  it('refuses what a delegate may not do, each at its file, line and column, with why', async () => {
    const apex = withPerson('  finn:  { email: finn@apexoutdoor.com, github: finn-apex, role: client-admin }');
    await repo.commit(
      'Too much',
      {
        'clients/apex.yaml': apex.replace('acme-agency/apex-web', 'acme-agency/apex-website'),
        'policies/roles.yaml': `${(await examplePolicies())['policies/roles.yaml'] ?? ''}# delegates may do anything\n`,
        'notes.txt': 'hello\n',
      },
      '2026-11-02T09:00:00Z',
    );
    const run = await latch(['validate', '--author', 'dana-apex', '--base', 'main']);
    expect(run.code).toBe(1);
    const located = run.stderr.split('\n').filter((line) => /^\S+:\d+:\d+: error:/.test(line)).map((line) => line.replace(/: error: .*\((\S+)\)$/, ' $1'));
    expect(located).toEqual([
      'clients/apex.yaml:8:13 delegate-structure',
      'clients/apex.yaml:17:66 delegate-role',
      'notes.txt:1:1 delegate-other-file',
      'policies/roles.yaml:37:1 delegate-other-file',
    ]);
    expect(run.stderr).toContain('dana-apex (a delegate of apex) gives finn the role client-admin, which delegates may not assign (they may assign client-viewer and client-finance).');
    expect(run.stdout).toContain('Author dana-apex is a delegate of apex: 4 parts of the change since main need the agency.');
  });

  it('lets an agency person change anything', async () => {
    await repo.write({ 'policies/roles.yaml': `${(await examplePolicies())['policies/roles.yaml'] ?? ''}# reviewed\n`, 'clients/bloom.yaml': GITHUB_CLIENTS['clients/bloom.yaml'] ?? '' });
    const run = await latch(['validate', '--author', 'maria-acme', '--base', 'main']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Author maria-acme is an agency person (apex and bloom): the delegate rules do not apply.');
  });

  it('refuses every change of a client person who is not a delegate', async () => {
    await repo.write({ 'clients/cobalt.yaml': (GITHUB_CLIENTS['clients/cobalt.yaml'] ?? '').replace('2026-12-31', '2027-06-30') });
    const run = await latch(['validate', '--author', 'ken-cobalt', '--base', 'main']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('clients/cobalt.yaml:10:1: error: ken-cobalt is a person of cobalt but not a delegate');
  });

  it('works when the configuration lives below the repository root, naming files outside it by their path', async () => {
    await repo.commit('Move', { 'access/clients/apex.yaml': APEX, 'access/clients/bloom.yaml': GITHUB_CLIENTS['clients/bloom.yaml'] ?? '', 'access/clients/cobalt.yaml': GITHUB_CLIENTS['clients/cobalt.yaml'] ?? '', ...prefixed(await examplePolicies()) }, '2026-11-03T09:00:00Z');
    await repo.write({ 'access/clients/apex.yaml': withPerson(FINN.trimEnd()), 'README.md': '# access\n' });
    const run = await latch(['validate', '--dir', 'access', '--author', 'dana-apex', '--base', 'HEAD']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('README.md:1:1: error: dana-apex (a delegate of apex) touches README.md; a delegate may change only clients/apex.yaml.');
    // The inline agency people of this repository draw validate's people.yaml suggestion; the change itself is not refused there.
    expect(run.stderr).not.toMatch(/clients\/apex\.yaml:\d+:\d+: error/);
  });

  it('needs --base with --author, and a base that exists', async () => {
    const noBase = await latch(['validate', '--author', 'dana-apex']);
    expect(noBase.code).toBe(1);
    expect(noBase.stderr).toContain('--author needs --base REF');
    const unknown = await latch(['validate', '--author', 'dana-apex', '--base', 'nope']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('"nope" is not a commit');
  });
});

describe('latch codeowners', () => {
  it('writes CODEOWNERS that a delegate may not touch, and says when it is up to date', async () => {
    const first = await latch(['codeowners', '--out', '.github/CODEOWNERS', '--agency-team', '@acme-agency/leads']);
    expect(first.code, first.stderr).toBe(0);
    expect(await repo.read('.github/CODEOWNERS')).toContain('/clients/apex.yaml    @acme-agency/leads @maria-acme @dana-apex\n');
    const second = await latch(['codeowners', '--out', '.github/CODEOWNERS', '--agency-team', '@acme-agency/leads']);
    expect(second.stdout).toContain('is up to date');
    const byDana = await latch(['validate', '--author', 'dana-apex', '--base', 'main']);
    expect(byDana.code).toBe(1);
    expect(byDana.stderr).toContain('.github/CODEOWNERS:1:1: error: dana-apex (a delegate of apex) touches .github/CODEOWNERS');
  });

  it('falls back to the owners’ logins and prints to stdout', async () => {
    const run = await latch(['codeowners']);
    expect(run.stdout).toContain('/policies/  @maria-acme @priya-acme @tom-acme\n');
  });
});

function prefixed(files: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(files).map(([path, content]) => [`access/${path}`, content]));
}
