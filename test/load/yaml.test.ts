import { describe, expect, it } from 'vitest';
import { MAX_ALIAS_COUNT, parseYaml } from '../../src/load/yaml.js';
import { APEX, expectIssue, issuesOf, yaml } from '../fixtures/load/repo.js';

const BILLION_LAUGHS = yaml(
  'client: apex',
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
  'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
  'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
  'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
  'f: [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
);

function invalidUtf8(): Uint8Array {
  const before = new TextEncoder().encode('client: apex\nname: Caf');
  const after = new TextEncoder().encode(' Co.\n');
  return Uint8Array.from([...before, 0xe9, ...after]);
}

interface Hostile {
  name: string;
  content: string | Uint8Array;
  rule: string;
  line: number;
  column: number;
  says?: string[];
}

const hostile: Hostile[] = [
  { name: 'an alias bomb ("billion laughs")', content: BILLION_LAUGHS, rule: 'yaml-alias-limit', line: 3, column: 8, says: [String(MAX_ALIAS_COUNT)] },
  { name: 'a __proto__ key', content: yaml('client: apex', 'people:', '  __proto__: { polluted: true }'), rule: 'yaml-forbidden-key', line: 3, column: 3 },
  { name: 'a constructor key deep down', content: yaml('client: apex', 'resources:', '  web:', '    constructor: 1'), rule: 'yaml-forbidden-key', line: 4, column: 5 },
  { name: 'a prototype key in a list', content: yaml('grants:', '  - { prototype: 1 }'), rule: 'yaml-forbidden-key', line: 2, column: 7 },
  { name: 'a duplicate key', content: yaml('client: apex', 'name: Apex', 'client: bloom'), rule: 'yaml-duplicate-key', line: 3, column: 1, says: ['"client"'] },
  { name: 'a 300 KiB file', content: `client: apex\n# ${'x'.repeat(300 * 1024)}\n`, rule: 'file-too-large', line: 1, column: 1, says: ['256 KiB'] },
  { name: 'bytes that are not UTF-8', content: invalidUtf8(), rule: 'not-utf8', line: 2, column: 10 },
  { name: 'a tab used for indentation', content: 'client: apex\npeople:\n\tdana: {}\n', rule: 'yaml-syntax', line: 3, column: 1, says: ['tab'] },
  { name: 'an unclosed bracket', content: yaml('client: apex', 'domains: [apex.com', 'name: Apex'), rule: 'yaml-syntax', line: 3, column: 1 },
  { name: 'two documents in one file', content: yaml('client: apex', '---', 'client: bloom'), rule: 'yaml-multiple-documents', line: 2, column: 1 },
  { name: 'a list at the top level', content: yaml('- client: apex'), rule: 'yaml-not-mapping', line: 1, column: 1 },
  { name: 'an empty file', content: '# nothing yet\n', rule: 'yaml-not-mapping', line: 1, column: 1, says: ['empty'] },
  { name: 'a list used as a key', content: yaml('client: apex', '? [a, b]', ': c'), rule: 'yaml-complex-key', line: 2, column: 3 },
  { name: 'an alias without an anchor', content: yaml('client: apex', 'name: *missing'), rule: 'yaml-syntax', line: 2, column: 7, says: ['*missing'] },
  {
    name: 'more aliases than the limit, each harmless',
    content: yaml('client: apex', 'x: &x 1', `y: [${Array.from({ length: MAX_ALIAS_COUNT + 1 }, () => '*x').join(', ')}]`),
    rule: 'yaml-alias-limit',
    line: 3,
    column: 5 + 4 * MAX_ALIAS_COUNT,
  },
  { name: 'an alias inside the value it names', content: yaml('client: apex', 'loop: &loop [a, *loop]'), rule: 'yaml-syntax', line: 2, column: 17, says: ['forever'] },
  { name: 'an unknown tag', content: yaml('client: !!js/function "x"'), rule: 'yaml-syntax', line: 1, column: 9 },
];

describe('hostile YAML', () => {
  it.each(hostile)('refuses $name with a clean issue', ({ content, rule, line, column, says }) => {
    const result = parseYaml('clients/apex.yaml', content);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expectIssue(result.issues, { rule, file: 'clients/apex.yaml', line, column, says });
    for (const issue of result.issues) expect(issue.message).not.toMatch(/\n\s+at /);
  });

  it('reports a hostile client file through loadFromFiles like any other issue', () => {
    const issues = issuesOf({ clients: { 'clients/apex.yaml': BILLION_LAUGHS } });
    expect(issues.map((issue) => [issue.file, issue.rule])).toEqual([['clients/apex.yaml', 'yaml-alias-limit']]);
  });

  it('leaves Object.prototype alone when a file tries to reach it', () => {
    parseYaml('clients/apex.yaml', yaml('client: apex', '__proto__:', '  polluted: true'));
    expect(Object.hasOwn(Object.prototype, 'polluted')).toBe(false);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('parseYaml', () => {
  it('gives plain data with positions of values and keys', () => {
    const result = parseYaml('clients/apex.yaml', APEX);
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    const { parsed } = result;
    expect(Object.getPrototypeOf(parsed.data)).toBe(Object.prototype);
    expect(parsed.data.client).toBe('apex');
    expect(parsed.value(['people', 'dana', 'role'])).toEqual({ file: 'clients/apex.yaml', line: 11, column: 65 });
    expect(parsed.key(['people', 'dana'])).toEqual({ file: 'clients/apex.yaml', line: 11, column: 3 });
    expect(parsed.value(['owners', 0])).toEqual({ file: 'clients/apex.yaml', line: 4, column: 10 });
    // A path that does not exist points at its nearest existing parent.
    expect(parsed.value(['people', 'dana', 'until'])).toEqual({ file: 'clients/apex.yaml', line: 11, column: 9 });
  });

  it('follows aliases when locating a value', () => {
    const result = parseYaml('f.yaml', yaml('base: &levels { github-repo: push }', 'roles:', '  a: { levels: *levels }'));
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    expect(result.parsed.data).toEqual({ base: { 'github-repo': 'push' }, roles: { a: { levels: { 'github-repo': 'push' } } } });
    expect(result.parsed.value(['roles', 'a', 'levels', 'github-repo'])).toEqual({ file: 'f.yaml', line: 1, column: 30 });
  });

  it('accepts a byte-order mark and UTF-8 text given as bytes', () => {
    const bytes = Uint8Array.from([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('client: apex\nname: Café\n')]);
    const result = parseYaml('clients/apex.yaml', bytes);
    expect(result.ok && result.parsed.data).toEqual({ client: 'apex', name: 'Café' });
  });
});
