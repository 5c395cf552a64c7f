import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { packageRoot } from '../package-root.js';
import { SCHEMA_NAMES, schemaDocument, schemaFileName } from './json-schema.js';

/** The content of every file of `schemas/`, by file name. Pure: the stale-schema test compares against it. */
export function renderSchemas(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of SCHEMA_NAMES) files[schemaFileName(name)] = `${JSON.stringify(schemaDocument(name), null, 2)}\n`;
  return files;
}

/** Writes every schema file into `directory`, by default the `schemas/` folder of Latch's package. */
export async function writeSchemas(directory = join(packageRoot(), 'schemas')): Promise<string[]> {
  await mkdir(directory, { recursive: true });
  const written: string[] = [];
  for (const [file, content] of Object.entries(renderSchemas())) {
    await writeFile(join(directory, file), content, 'utf8');
    written.push(file);
  }
  return written;
}

const entry = process.argv[1];
if (entry && import.meta.url === pathToFileURL(entry).href) {
  const written = await writeSchemas();
  process.stdout.write(`wrote ${written.map((file) => `schemas/${file}`).join(', ')}\n`);
}
