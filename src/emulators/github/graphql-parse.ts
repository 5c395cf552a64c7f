/**
 * A parser for the part of the GraphQL language a read-only client sends: one query
 * operation with variables, aliases, arguments (variables, strings, numbers, enums, lists),
 * fragment definitions, fragment spreads and inline fragments. Directives, mutations and
 * input objects are refused with a parse error, the way GitHub refuses what it cannot parse.
 */

export class QueryError extends Error {}

/** A literal or a variable reference, as written. */
export type Value = { variable: string } | string | number | boolean | null | Value[];

export interface Field {
  kind: 'field';
  /** The response key: the alias, else the name. */
  key: string;
  name: string;
  args: Record<string, Value>;
  selections: Selection[];
}

export interface Spread {
  kind: 'spread';
  fragment: string;
}

export interface InlineFragment {
  kind: 'inline';
  /** Undefined when the fragment has no type condition. */
  on?: string;
  selections: Selection[];
}

export type Selection = Field | Spread | InlineFragment;

export interface Fragment {
  on: string;
  selections: Selection[];
}

export interface Document {
  operation: Selection[];
  fragments: Map<string, Fragment>;
}

const TOKEN = /[\s,]+|#[^\n]*|(\.\.\.|[{}():[\]!=$@]|"(?:\\.|[^"\\])*"|-?\d+(?:\.\d+)?|[_A-Za-z]\w*)/y;

function tokenize(text: string): string[] {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    const at = TOKEN.lastIndex;
    const match = TOKEN.exec(text);
    if (!match) throw new QueryError(`Parse error on "${text.slice(at, at + 10)}" at offset ${at}`);
    if (match[1] !== undefined) tokens.push(match[1]);
  }
  return tokens;
}

class Parser {
  private index = 0;
  constructor(private readonly tokens: string[]) {}

  get done(): boolean {
    return this.index >= this.tokens.length;
  }

  peek(): string | undefined {
    return this.tokens[this.index];
  }

  next(): string {
    const token = this.tokens[this.index++];
    if (token === undefined) throw new QueryError('Parse error: unexpected end of document');
    return token;
  }

  expect(token: string): void {
    const found = this.next();
    if (found !== token) throw new QueryError(`Parse error on "${found}": expected "${token}"`);
  }

  name(): string {
    const token = this.next();
    if (!/^[_A-Za-z]\w*$/.test(token)) throw new QueryError(`Parse error on "${token}": expected a name`);
    return token;
  }

  value(): Value {
    const token = this.next();
    if (token === '$') return { variable: this.name() };
    if (token === '[') {
      const items: Value[] = [];
      while (this.peek() !== ']') items.push(this.value());
      this.next();
      return items;
    }
    if (token.startsWith('"')) return JSON.parse(token) as string;
    if (/^-?\d/.test(token)) return Number(token);
    if (token === 'true' || token === 'false') return token === 'true';
    if (token === 'null') return null;
    if (/^[_A-Za-z]\w*$/.test(token)) return token;
    throw new QueryError(`Parse error on "${token}": expected a value`);
  }

  arguments(): Record<string, Value> {
    const args: Record<string, Value> = {};
    if (this.peek() !== '(') return args;
    this.next();
    while (this.peek() !== ')') {
      const name = this.name();
      this.expect(':');
      args[name] = this.value();
    }
    this.next();
    return args;
  }

  selectionSet(): Selection[] {
    this.expect('{');
    const selections: Selection[] = [];
    while (this.peek() !== '}') selections.push(this.selection());
    this.next();
    if (selections.length === 0) throw new QueryError('Parse error: empty selection set');
    return selections;
  }

  selection(): Selection {
    if (this.peek() === '...') {
      this.next();
      if (this.peek() === 'on') {
        this.next();
        return { kind: 'inline', on: this.name(), selections: this.selectionSet() };
      }
      if (this.peek() === '{') return { kind: 'inline', selections: this.selectionSet() };
      return { kind: 'spread', fragment: this.name() };
    }
    const first = this.name();
    let name = first;
    if (this.peek() === ':') {
      this.next();
      name = this.name();
    }
    if (this.peek() === '@') throw new QueryError('Directives are not supported');
    const args = this.arguments();
    const selections = this.peek() === '{' ? this.selectionSet() : [];
    return { kind: 'field', key: first, name, args, selections };
  }

  /** `($a: String!, $b: Int = 1)`: names and defaults; types are not checked. */
  variableDefinitions(): Record<string, Value> {
    const defaults: Record<string, Value> = {};
    if (this.peek() !== '(') return defaults;
    this.next();
    while (this.peek() !== ')') {
      this.expect('$');
      const name = this.name();
      this.expect(':');
      this.type();
      if (this.peek() === '=') {
        this.next();
        defaults[name] = this.value();
      }
    }
    this.next();
    return defaults;
  }

  private type(): void {
    if (this.peek() === '[') {
      this.next();
      this.type();
      this.expect(']');
    } else this.name();
    if (this.peek() === '!') this.next();
  }
}

/** Parses a document with exactly one operation, a query; `defaults` receives variable defaults. */
export function parseDocument(text: string, defaults: Record<string, Value> = {}): Document {
  const parser = new Parser(tokenize(text));
  const fragments = new Map<string, Fragment>();
  let operation: Selection[] | undefined;
  while (!parser.done) {
    const token = parser.peek();
    if (token === 'fragment') {
      parser.next();
      const name = parser.name();
      parser.expect('on');
      fragments.set(name, { on: parser.name(), selections: parser.selectionSet() });
      continue;
    }
    if (operation) throw new QueryError('This endpoint answers one operation per document');
    if (token === 'query') {
      parser.next();
      if (parser.peek() !== '(' && parser.peek() !== '{') parser.name();
      Object.assign(defaults, parser.variableDefinitions());
    } else if (token !== '{') {
      throw new QueryError(`Parse error on "${String(token)}": only queries are answered here`);
    }
    operation = parser.selectionSet();
  }
  if (!operation) throw new QueryError('No operation given');
  return { operation, fragments };
}
