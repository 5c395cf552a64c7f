import { z } from 'zod';
import { SCHEMAS, type SchemaName } from './model.js';

/** Every schema, in the order files and messages list them. */
export const SCHEMA_NAMES = Object.keys(SCHEMAS) as SchemaName[];

/** File name of a schema in `schemas/`, also its `$id` (relative, so editors resolve it next to the file). */
export function schemaFileName(name: SchemaName): string {
  return `${name}.schema.json`;
}

/**
 * The JSON Schema of one file kind, derived from its zod model. The committed files in
 * `schemas/` and the runtime validator both use exactly this, so they cannot disagree.
 */
export function schemaDocument(name: SchemaName): Record<string, unknown> {
  const { model, title } = SCHEMAS[name];
  const { $schema, ...rest } = z.toJSONSchema(model, { io: 'input' });
  return { $schema, $id: schemaFileName(name), title, ...rest };
}
