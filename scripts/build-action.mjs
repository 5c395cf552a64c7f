#!/usr/bin/env node
// Bundles the GitHub Action (src/action/index.ts) into one ESM file, dist/index.js, which
// action.yml runs on the node24 runtime. The bundle is committed: the runner executes it
// without npm install. `node scripts/build-action.mjs OUTFILE` writes elsewhere (the test
// that checks dist/ is current builds into a temporary directory and compares).
import { build } from 'esbuild';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outfile = resolve(process.argv[2] ?? resolve(root, 'dist/index.js'));

await build({
  absWorkingDir: root,
  entryPoints: ['src/action/index.ts'],
  outfile,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  // Bundled CommonJS packages call require() for Node's built-ins; an ES module has none.
  banner: { js: "import { createRequire as __latchCreateRequire } from 'node:module';\nconst require = __latchCreateRequire(import.meta.url);" },
  legalComments: 'eof',
  logLevel: 'warning',
});
