import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderSchemas } from '../../src/load/write-schemas.js';

const SCHEMAS_DIR = fileURLToPath(new URL('../../schemas/', import.meta.url));

describe('schemas/', () => {
  it('matches the zod models (run npm run schemas when this fails)', async () => {
    const rendered = renderSchemas();
    const committed = (await readdir(SCHEMAS_DIR)).filter((name) => name.endsWith('.schema.json')).sort();
    expect(committed, 'schemas/ holds other files than the models produce: run npm run schemas').toEqual(Object.keys(rendered).sort());
    for (const [name, content] of Object.entries(rendered)) {
      expect(await readFile(`${SCHEMAS_DIR}${name}`, 'utf8'), `schemas/${name} is stale: run npm run schemas`).toBe(content);
    }
  });

  it('names each schema with an $id and a title', () => {
    for (const [name, content] of Object.entries(renderSchemas())) {
      const schema: unknown = JSON.parse(content);
      expect(schema).toMatchObject({ $schema: 'https://json-schema.org/draft/2020-12/schema', $id: name, title: expect.stringContaining('Latch') });
    }
  });
});
