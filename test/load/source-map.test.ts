import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { LineCounter, parseDocument, type Document } from 'yaml';
import { describe, expect, it } from 'vitest';
import { createSourceMap, type DataPath } from '../../src/load/source-map.js';

/** Lines of a client file with the shapes positions are asked of: nested maps, lists, empty values, a duplicate key. */
const LINES = [
  'client: apex',
  'domains: [apex.example, apex.test]',
  'resources:',
  '  web: { kind: github-repo, ref: acme/web }',
  '  files:',
  '    kind: drive-folder',
  '    ref: F1',
  'people:',
  '  dana:',
  '    email: dana@apex.example',
  '    role: client-admin',
  '    until:',
  '  7: { email: seven@apex.example }',
  'grants:',
  '  - who: dana',
  '    on: web',
  '  - { who: eve, on: files, level: writer }',
  'people2: x',
  'client: duplicate',
];

const PATHS: DataPath[] = [
  [],
  ['client'],
  ['domains', 1],
  ['domains', 5],
  ['domains', 'first'],
  ['resources', 'web', 'ref'],
  ['resources', 'files', 'kind'],
  ['resources', 'files', 'missing', 'deeper'],
  ['people', 'dana'],
  ['people', 'dana', 'role'],
  ['people', 'dana', 'until'],
  ['people', 'dana', 'until', 'more'],
  ['people', 7, 'email'],
  ['people', 'nobody', 'email'],
  ['grants', 0, 'on'],
  ['grants', 1, 'level'],
  ['grants', '1'],
  ['people2', 'x'],
  ['nothing'],
];

function positions(text: string): Array<{ value: unknown; key: unknown }> {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, uniqueKeys: false, version: '1.2' });
  const map = createSourceMap('clients/apex.yaml', document, lineCounter);
  return PATHS.map((path) => ({ value: map.value(path), key: map.key(path) }));
}

describe('createSourceMap', () => {
  it('gives the positions of a document without aliases exactly as by walking the document', () => {
    // An alias anywhere keeps the document and walks it; the same lines without one are indexed.
    const walked = positions([...LINES, 'anchor: &a 1', 'alias: *a'].join('\n'));
    const indexed = positions(LINES.join('\n'));
    expect(indexed).toEqual(walked);
  });

  it.each([
    [['people', 'dana', 'role'], 11, 11, 11, 5],
    // An empty value is an empty scalar just after the key.
    [['people', 'dana', 'until'], 12, 11, 12, 5],
    [['grants', 1, 'level'], 17, 35, 17, 28],
    [['domains', 1], 2, 25, 2, 25],
    [['client'], 1, 9, 1, 1],
    [['people', 'nobody', 'email'], 9, 3, 8, 1],
  ] as const)('places %j at its value and its key', (path, line, column, keyLine, keyColumn) => {
    const lineCounter = new LineCounter();
    const map = createSourceMap('clients/apex.yaml', parseDocument(LINES.join('\n'), { lineCounter, uniqueKeys: false, version: '1.2' }), lineCounter);
    expect(map.value(path)).toEqual({ file: 'clients/apex.yaml', line, column });
    expect(map.key(path)).toEqual({ file: 'clients/apex.yaml', line: keyLine, column: keyColumn });
  });

  it('keeps no parsed document alive for a file without aliases: the index is all error messages need', async () => {
    setFlagsFromString('--expose_gc');
    const gc = runInNewContext('gc') as () => void;
    let document: WeakRef<Document> | undefined;
    const map = (() => {
      const lineCounter = new LineCounter();
      const parsed = parseDocument(LINES.join('\n'), { lineCounter, uniqueKeys: false, version: '1.2' });
      document = new WeakRef(parsed);
      return createSourceMap('clients/apex.yaml', parsed, lineCounter);
    })();
    // A WeakRef holds its target until the current job ends.
    await new Promise((resolve) => setImmediate(resolve));
    gc();
    expect(document?.deref()).toBeUndefined();
    expect(map.value(['people', 'dana', 'role'])).toEqual({ file: 'clients/apex.yaml', line: 11, column: 11 });
  });
});
