import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, formatIssue, type ConfigIssue } from '../../src/errors.js';
import { loadRepository } from '../../src/load/load.js';
import { renderText } from '../../src/report/text.js';
import { runLatch } from '../e2e/cli-harness.js';
import { CHARACTER_CASES, REF_CASES, RULE_CASES, YAML_CASES, type HostileCase } from '../fixtures/load/hostile.js';
import { APEX, apexWith, expectIssue, GUARDRAILS, issuesOf, load, PLATFORMS, ROLES, TODAY, yaml } from '../fixtures/load/repo.js';
import { samplePlan } from '../report/sample.js';

/** What no report may contain: a JavaScript stack frame, or a raw control or direction character. */
const STACK_FRAME = /\n\s+at [^\n]+:\d+:\d+/;
// eslint-disable-next-line no-control-regex -- the assertion is about control characters
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u;

function expectClean(issues: readonly ConfigIssue[]): void {
  for (const issue of issues) {
    const text = formatIssue(issue);
    expect(text).not.toMatch(STACK_FRAME);
    expect(text).not.toMatch(RAW_CONTROL);
    expect(text).toMatch(/^\S+:\d+:\d+: (error|warning): .+\n {2}hint: \S/);
  }
}

function expectRefused(hostile: HostileCase): void {
  const issues = issuesOf(hostile.files);
  expectIssue(issues, { rule: hostile.rule, file: hostile.file, line: hostile.line, column: hostile.column, severity: hostile.severity });
  expectClean(issues);
  if (hostile.severity === 'warning') expect(() => load(hostile.files)).not.toThrow();
  else expect(() => load(hostile.files)).toThrow(ConfigError);
}

describe('hostile YAML is refused with file:line:column and a hint', () => {
  it.each(YAML_CASES)('$name', (hostile) => expectRefused(hostile));
  it('leaves Object.prototype alone', () => {
    issuesOf({ clients: { 'clients/apex.yaml': yaml('client: apex', '__proto__: { polluted: true }') } });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('control, direction and invisible characters are refused in every field of every file', () => {
  it.each(CHARACTER_CASES)('$name', (hostile) => expectRefused(hostile));
  it('allows line breaks in a why and joiners in a display name', () => {
    const prose = apexWith({ 2: 'name: "Apex\\u200dCo"' }, ['grants:', '  - { who: maria, on: web, level: admin, why: "line one\\nline two" }']);
    expect(() => load({ clients: { 'clients/apex.yaml': prose } })).not.toThrow();
  });
});

describe('refs are checked per kind at load', () => {
  it.each(REF_CASES)('$name', (hostile) => expectRefused(hostile));
  it('keeps every form the adapters accept valid', () => {
    const refs = [
      ['github-repo', 'Acme-Agency/Apex.Web_2'],
      ['github-team', 'acme-agency/apex-engineers'],
      ['drive-folder', '1AbC-d_E'],
      ['ga4-property', '312345678'],
      ['google-group', 'bloom-team@acme-agency.com'],
      ['slack-channel', 'C0APEX01'],
      ['meta-ad-account', 'act_2200000001'],
      ['meta-ad-account', '3300000001'],
      ['google-ads-account', '123-456-7890'],
      ['linkedin-ad-account', 'urn:li:sponsoredAccount:508877001'],
    ];
    const lines = refs.map(([kind, ref], index) => `  r${index}: { kind: ${kind}, ref: "${ref}" }`);
    const content = apexWith({ 8: lines.join('\n'), 9: '' });
    expect(issuesOf({ clients: { 'clients/apex.yaml': content } }).filter((issue) => issue.rule === 'ref-bad-format')).toEqual([]);
  });
});

describe('rules between files and people hold against hostile files', () => {
  it.each(RULE_CASES)('$name', (hostile) => expectRefused(hostile));
  it('lets one agency person appear in several client files with one address', () => {
    const bloom = yaml('client: bloom', 'name: Bloom', 'people:', '  maria: { email: maria@acme-agency.com }');
    expect(issuesOf({ clients: { 'clients/apex.yaml': APEX, 'clients/bloom.yaml': bloom } })).toEqual([]);
  });
});

describe('the text plan never prints raw control characters from plan data', () => {
  it('escapes an ESC [2J and an OSC 8 link in a reason and a principal', () => {
    const plan = samplePlan();
    const [first] = plan.changes;
    if (!first) throw new Error('the sample plan has changes');
    plan.changes[0] = { ...first, principal: 'eve\u001b[2J', reason: 'grant: "\u001b]8;;https://evil.example\u0007click\u001b]8;;\u0007" \u202eevil' };
    const text = renderText(plan, { color: false });
    expect(text).not.toMatch(RAW_CONTROL);
    expect(text).toContain('eve\\u{1b}[2J');
  });
});

interface FileCase {
  name: string;
  /** Builds the hostile layout in a repository that is valid without it. */
  arrange: (dir: string) => Promise<void>;
  rule: string;
  file: string;
}

async function writeRepo(dir: string): Promise<void> {
  await mkdir(join(dir, 'policies'));
  await mkdir(join(dir, 'clients'));
  await writeFile(join(dir, 'policies/roles.yaml'), ROLES);
  await writeFile(join(dir, 'policies/guardrails.yaml'), GUARDRAILS);
  await writeFile(join(dir, 'policies/platforms.yaml'), PLATFORMS);
  await writeFile(join(dir, 'clients/apex.yaml'), APEX);
}

const FILE_CASES: FileCase[] = [
  { name: 'a client file that is a symbolic link', arrange: async (dir) => (await writeFile(join(dir, 'outside.yaml'), APEX.replace('apex', 'bloom')), symlink(join(dir, 'outside.yaml'), join(dir, 'clients/bloom.yaml'))), rule: 'not-a-file', file: 'clients/bloom.yaml' },
  { name: 'a symbolic link to a directory under clients/', arrange: (dir) => symlink(tmpdir(), join(dir, 'clients/more')), rule: 'not-a-file', file: 'clients/more' },
  { name: 'a directory named like a client file', arrange: (dir) => mkdir(join(dir, 'clients/bloom.yaml')), rule: 'not-a-file', file: 'clients/bloom.yaml' },
  { name: 'a client file in a subdirectory', arrange: async (dir) => (await mkdir(join(dir, 'clients/eu')), writeFile(join(dir, 'clients/eu/bloom.yaml'), 'client: bloom\nname: Bloom\n')), rule: 'client-file-nested', file: 'clients/eu/bloom.yaml' },
  { name: 'a policy file that is a symbolic link', arrange: async (dir) => (await rm(join(dir, 'policies/roles.yaml')), await writeFile(join(dir, 'roles.yaml'), ROLES), symlink(join(dir, 'roles.yaml'), join(dir, 'policies/roles.yaml'))), rule: 'not-a-file', file: 'policies/roles.yaml' },
  { name: 'a symbolic link anywhere under policies/', arrange: (dir) => symlink('/etc/passwd', join(dir, 'policies/notes.txt')), rule: 'not-a-file', file: 'policies/notes.txt' },
  { name: 'a policy file that is a directory', arrange: async (dir) => (await rm(join(dir, 'policies/guardrails.yaml')), mkdir(join(dir, 'policies/guardrails.yaml'))), rule: 'not-a-file', file: 'policies/guardrails.yaml' },
  { name: 'clients/ itself a symbolic link', arrange: async (dir) => (await mkdir(join(dir, 'real')), await writeFile(join(dir, 'real/apex.yaml'), APEX), await rm(join(dir, 'clients'), { recursive: true }), symlink(join(dir, 'real'), join(dir, 'clients'))), rule: 'not-a-file', file: 'clients' },
  { name: 'a named pipe called like a client file', arrange: async (dir) => void execFileSync('mkfifo', [join(dir, 'clients/bloom.yaml')]), rule: 'not-a-file', file: 'clients/bloom.yaml' },
  { name: 'a file name holding an escape sequence', arrange: (dir) => writeFile(join(dir, 'clients/\u001b[2Jbloom.yaml'), 'client: bloom\n'), rule: 'unsafe-file-name', file: 'clients/\\u{1b}[2Jbloom.yaml' },
];

describe('links, directories and special files under clients/ and policies/ are refused with the path', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'latch-hostile-'));
    await writeRepo(dir);
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it.each(FILE_CASES)('$name', async ({ arrange, rule, file }) => {
    await arrange(dir);
    const failure = await loadRepository(dir, { today: TODAY }).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(failure).toBeInstanceOf(ConfigError);
    const issues = (failure as ConfigError).issues;
    expectIssue(issues, { rule, file, line: 1, column: 1 });
    expectClean(issues);
  });
});

interface CliCase {
  name: string;
  content: string | Uint8Array;
  /** file:line:column the output must name. */
  at: string;
  rule: string;
}

const ESC = '\u001b';
const CLI_CASES: CliCase[] = [
  { name: 'a clear-screen sequence in a why', content: apexWith({}, ['grants:', `  - { who: maria, on: web, level: admin, why: "ok${ESC}[2J" }`]), at: 'clients/apex.yaml:14:50', rule: 'control-character' },
  { name: 'an OSC 8 link escaped in a why', content: apexWith({}, ['grants:', '  - { who: maria, on: web, level: admin, why: "\\e]8;;https://evil.example\\a" }']), at: 'clients/apex.yaml:14:47', rule: 'control-character' },
  { name: 'a direction override in a comment', content: apexWith({ 4: 'owners: [maria] # \u202e note' }), at: 'clients/apex.yaml:4:19', rule: 'bidi-control' },
  { name: 'a repo ref climbing out of its path', content: apexWith({ 7: '  web: { kind: github-repo, ref: acme-agency/../../orgs/x }' }), at: 'clients/apex.yaml:7:34', rule: 'ref-bad-format' },
  { name: 'a +tag twin of an agency address', content: apexWith({}, ['  tom: { email: maria+alt@acme-agency.com }']), at: 'clients/apex.yaml:13:17', rule: 'mailbox-shared' },
  { name: 'a __proto__ key', content: apexWith({}, ['  __proto__: { email: x@apexoutdoor.com }']), at: 'clients/apex.yaml:13:3', rule: 'yaml-forbidden-key' },
  { name: 'an alias bomb', content: yaml('client: apex', 'a: &a [x,x,x,x,x,x,x,x,x,x]', 'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]', 'c: [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]'), at: 'clients/apex.yaml:3:8', rule: 'yaml-alias-limit' },
  { name: 'bytes that are not UTF-8', content: Uint8Array.from([...new TextEncoder().encode('client: apex\nname: '), 0xff, 0x0a]), at: 'clients/apex.yaml:2:7', rule: 'not-utf8' },
  { name: 'a !!binary tag', content: apexWith({ 2: 'name: !!binary aGVsbG8=' }), at: 'clients/apex.yaml:2:16', rule: 'yaml-tag' },
  { name: 'lists nested 5000 deep', content: `client: ${'['.repeat(5000)}${']'.repeat(5000)}\n`, at: 'clients/apex.yaml:1:24', rule: 'yaml-too-deep' },
];

describe('through the real CLI: latch validate --dir', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'latch-hostile-cli-'));
    await writeRepo(dir);
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it.each(CLI_CASES)('$name', async ({ content, at, rule }) => {
    await writeFile(join(dir, 'clients/apex.yaml'), content);
    const run = await runLatch(['validate', '--dir', dir], { cwd: dir });
    const output = `${run.stdout}${run.stderr}`;
    expect(run.code, output).toBe(1);
    expect(output).toContain(at);
    expect(output).toContain(`(${rule})`);
    expect(output).toContain('hint: ');
    expect(output).not.toMatch(STACK_FRAME);
    expect(output).not.toMatch(RAW_CONTROL);
  });

  it('refuses a directory named like a client file, naming its path', async () => {
    await mkdir(join(dir, 'clients/bloom.yaml'));
    const run = await runLatch(['validate', '--dir', dir], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('clients/bloom.yaml:1:1: error: clients/bloom.yaml is a directory');
  });
});
