import { QueryError, type Document, type Selection, type Value } from './graphql-parse.js';

/**
 * Executes a parsed query against resolvers, and prices it the way GitHub documents
 * ("Calculating a rate limit score"): every connection (a field with `first` or `last`)
 * needs one request per parent node that could reach it, each parent connection assumed to
 * return its full `first`; the sum over 100, rounded, is the cost, and never less than 1.
 * The node limit sums the nodes each connection could return: at most 500,000.
 */

export type Args = Record<string, unknown>;
export type Output = string | number | boolean | null | Output[] | GqlNode;

/** An object of the schema: its type name and a resolver per field. */
export interface GqlNode {
  readonly __typename: string;
  /** Interfaces and unions a fragment may name to select on this object. */
  readonly also?: readonly string[];
  readonly fields: Record<string, (args: Args) => Output>;
}

/** A field that failed on its own: it becomes null, the rest of the answer stands. */
export class FieldError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

export interface GraphqlError {
  message: string;
  type?: string;
  path?: string[];
}

export const MAX_NODES = 500_000;

function resolveValue(value: Value, variables: Args): unknown {
  if (Array.isArray(value)) return value.map((item) => resolveValue(item, variables));
  if (value !== null && typeof value === 'object') return variables[value.variable] ?? null;
  return value;
}

function resolveArgs(args: Record<string, Value>, variables: Args): Args {
  return Object.fromEntries(Object.entries(args).map(([name, value]) => [name, resolveValue(value, variables)]));
}

function pageSize(args: Args): number | undefined {
  const size = args.first ?? args.last;
  return typeof size === 'number' ? size : undefined;
}

/** Requests and nodes of a query, fragments expanded where they are spread. */
export function priceQuery(document: Document, variables: Args): { cost: number; requests: number; nodes: number } {
  let requests = 0;
  let nodes = 0;
  const walk = (selections: Selection[], multiplier: number, seen: ReadonlySet<string>) => {
    for (const selection of selections) {
      if (selection.kind === 'spread') {
        if (seen.has(selection.fragment)) throw new QueryError(`Fragment ${selection.fragment} contains an infinite loop`);
        const fragment = document.fragments.get(selection.fragment);
        if (fragment) walk(fragment.selections, multiplier, new Set([...seen, selection.fragment]));
      } else if (selection.kind === 'inline') {
        walk(selection.selections, multiplier, seen);
      } else {
        const size = pageSize(resolveArgs(selection.args, variables));
        if (size === undefined) {
          walk(selection.selections, multiplier, seen);
          continue;
        }
        requests += multiplier;
        nodes += multiplier * size;
        walk(selection.selections, multiplier * size, seen);
      }
    }
  };
  walk(document.operation, 1, new Set());
  return { cost: Math.max(1, Math.round(requests / 100)), requests, nodes };
}

function matches(on: string | undefined, node: GqlNode): boolean {
  return on === undefined || on === node.__typename || (node.also ?? []).includes(on);
}

/** Runs the operation; field errors land in `errors` with their path, anything else throws QueryError. */
export function execute(document: Document, root: GqlNode, variables: Args): { data: Record<string, unknown>; errors: GraphqlError[] } {
  const errors: GraphqlError[] = [];

  const complete = (value: Output, selections: Selection[], path: string[], into?: unknown): unknown => {
    if (value === null) return null;
    if (Array.isArray(value)) return value.map((item, index) => complete(item, selections, [...path, String(index)]));
    if (typeof value !== 'object') return value;
    if (selections.length === 0) throw new QueryError(`Field '${path.at(-1) ?? ''}' of type '${value.__typename}' must have a selection of subfields.`);
    const target = typeof into === 'object' && into !== null && !Array.isArray(into) ? (into as Record<string, unknown>) : {};
    selectInto(target, value, selections, path);
    return target;
  };

  const selectInto = (target: Record<string, unknown>, node: GqlNode, selections: Selection[], path: string[]) => {
    for (const selection of selections) {
      if (selection.kind === 'spread') {
        const fragment = document.fragments.get(selection.fragment);
        if (!fragment) throw new QueryError(`Fragment ${selection.fragment} was used, but not defined`);
        if (matches(fragment.on, node)) selectInto(target, node, fragment.selections, path);
        continue;
      }
      if (selection.kind === 'inline') {
        if (matches(selection.on, node)) selectInto(target, node, selection.selections, path);
        continue;
      }
      if (selection.name === '__typename') {
        target[selection.key] = node.__typename;
        continue;
      }
      const resolver = node.fields[selection.name];
      if (!resolver) throw new QueryError(`Field '${selection.name}' doesn't exist on type '${node.__typename}'`);
      const at = [...path, selection.key];
      try {
        target[selection.key] = complete(resolver(resolveArgs(selection.args, variables)), selection.selections, at, target[selection.key]);
      } catch (error) {
        if (!(error instanceof FieldError)) throw error;
        target[selection.key] = null;
        errors.push({ type: error.type, path: at, message: error.message });
      }
    }
  };

  const data: Record<string, unknown> = {};
  selectInto(data, root, document.operation, []);
  return { data, errors };
}
