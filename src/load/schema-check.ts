import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import type { z } from 'zod';
import type { ConfigIssue } from '../errors.js';
import { error } from './issues.js';
import { schemaDocument } from './json-schema.js';
import { SCHEMAS, type SchemaName } from './model.js';
import { explain } from './schema-messages.js';
import type { DataPath } from './source-map.js';
import type { ParsedYaml } from './yaml.js';

/** Parsed data of each file kind after validation, defaults applied. */
export type SchemaData<N extends SchemaName> = z.output<(typeof SCHEMAS)[N]['model']>;

export type CheckResult<N extends SchemaName> = { ok: true; data: SchemaData<N> } | { ok: false; issues: ConfigIssue[] };

let ajv: Ajv2020 | undefined;
const validators = new Map<SchemaName, ValidateFunction>();

/** Compiled once per process: loading a thousand client files compiles the client schema once. */
function validatorFor(name: SchemaName): ValidateFunction {
  let validate = validators.get(name);
  if (validate) return validate;
  // The e-mail format is also written as a pattern by zod; ajv only has to check the pattern.
  ajv ??= new Ajv2020({ allErrors: true, verbose: true, formats: { email: true } });
  validate = ajv.compile(schemaDocument(name));
  validators.set(name, validate);
  return validate;
}

/** Splits a JSON pointer into keys and indexes, looking at the data to tell "0" the key from 0 the index. */
function pathOf(pointer: string, data: unknown): DataPath {
  const path: (string | number)[] = [];
  let node: unknown = data;
  for (const raw of pointer.split('/').slice(1)) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node)) {
      const index = Number(segment);
      path.push(index);
      node = node[index];
      continue;
    }
    path.push(segment);
    node = node && typeof node === 'object' ? Object.getOwnPropertyDescriptor(node, segment)?.value : undefined;
  }
  return path;
}

/** A wrong type explains everything else wrong with the same value; say it once. */
function withoutShadowed(errors: readonly ErrorObject[]): ErrorObject[] {
  const typed = new Set(errors.filter((item) => item.keyword === 'type').map((item) => item.instancePath));
  return errors.filter((item) => item.keyword === 'type' || !typed.has(item.instancePath) || item.propertyName !== undefined);
}

function schemaIssues(errors: readonly ErrorObject[], parsed: ParsedYaml): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  for (const item of withoutShadowed(errors)) {
    const problem = explain(item, pathOf(item.instancePath, parsed.data));
    if (!problem) continue;
    const at = problem.at === 'key' ? parsed.key(problem.path) : parsed.value(problem.path);
    issues.push(error(at, problem.rule, problem.message, problem.hint));
  }
  return issues;
}

/**
 * Validates parsed YAML against the JSON Schema of its kind (every violation, mapped to its
 * line and column), then parses it with the zod model for defaults and types.
 */
export function checkSchema<N extends SchemaName>(name: N, parsed: ParsedYaml): CheckResult<N> {
  const validate = validatorFor(name);
  if (!validate(parsed.data)) return { ok: false, issues: schemaIssues(validate.errors ?? [], parsed) };
  const result = SCHEMAS[name].model.safeParse(parsed.data);
  if (result.success) return { ok: true, data: result.data as SchemaData<N> };
  // The JSON Schema is derived from the model, so this only catches checks it cannot express.
  return {
    ok: false,
    issues: result.error.issues.map((problem) =>
      error(parsed.value(problem.path.filter((segment) => typeof segment !== 'symbol')), 'schema-invalid', `${problem.message}.`, 'Compare the value with the schema in schemas/.'),
    ),
  };
}
