/** One command-line option: how it is read and the one text that describes it wherever help is shown. */
export interface OptionSpec {
  type: 'string' | 'boolean';
  /** What the value stands for in help (`PATH`, `FILE`); string options only. */
  value?: string;
  /** What it does; commands named in it are the ones it applies to. */
  help: string;
  /** One-letter alias (`-h`). */
  short?: string;
}

/** Every option of every command; each command lists the ones it takes (commands/index.ts). */
export const OPTIONS = {
  dir: { type: 'string', value: 'PATH', help: 'repository with clients/ and policies/ (default: current directory)' },
  format: {
    type: 'string',
    value: 'FORMAT',
    help: 'text, markdown or csv where a command says (default: text); report: html (default); json: one document on stdout for every command but codeowners and demo',
  },
  client: { type: 'string', value: 'SLUG', help: 'plan or apply one client only; register: its rows only; review: its checklist' },
  base: { type: 'string', value: 'REF', help: 'git ref the change is made against: client files deleted since then are offboarded (every grant on their resources revoked)' },
  scope: {
    type: 'string',
    value: 'all|changed',
    help: 'plan: read every client (all, the default), or only what the files changed since --base can affect (changed); drift always reads all',
  },
  out: {
    type: 'string',
    value: 'FILE',
    help: 'also write the plan as JSON (plan, drift); the file to write (codeowners, report); a directory, one file per client (review, import: default ./imported)',
  },
  plan: { type: 'string', value: 'FILE', help: 'apply exactly this reviewed plan (apply)' },
  yes: { type: 'boolean', help: 'apply without asking (required when not on a terminal)' },
  'allow-mass-revoke': { type: 'boolean', help: 'apply beyond the massRevoke bound of policies/guardrails.yaml' },
  concurrency: { type: 'string', value: 'N', help: 'list and apply calls at once per platform (default 8)' },
  'cache-dir': {
    type: 'string',
    value: 'DIR',
    help: 'keep platform answers here and revalidate them next run (commands that read the platforms; default $LATCH_CACHE_DIR, unset: no cache)',
  },
  'log-format': { type: 'string', value: 'pretty|json', help: 'log lines on stderr (default: pretty)' },
  verbose: { type: 'boolean', help: 'log every call and change, recovered retries included' },
  why: { type: 'boolean', help: 'the declaration behind every cell (access)' },
  live: { type: 'boolean', help: 'also read the platforms and mark differences (who)' },
  'audit-log': {
    type: 'string',
    value: 'FILE',
    help: 'apply records (JSON Lines) for when and by whom changes were carried out (register); failed applies (status); emergency revocations and offboardings (plan, drift, status); where apply and revoke also write their records',
  },
  attest: { type: 'boolean', help: 'record a finished review in the client file (review, with --client and --by)' },
  by: { type: 'string', value: 'PERSON', help: 'the agency person who reviewed: key or e-mail (review --attest); who revokes (revoke; default GITHUB_ACTOR, else the git user); who pushes (sandbox push)' },
  author: {
    type: 'string',
    value: 'LOGIN',
    help: "author of the change (GitHub login or e-mail); with --base, a client's delegate may only change their own file within mayAssign (validate)",
  },
  'agency-team': { type: 'string', value: '@ORG/TEAM', help: 'the team that owns policies/ and every client file (codeowners)' },
  platform: { type: 'string', value: 'ID', help: "the platform to read today's access from (import)" },
  'group-by': { type: 'string', value: 'prefix', help: 'group resources into clients by the name before the first "-" (import)' },
  reason: { type: 'string', value: 'TEXT', help: 'why the access goes now, kept in the audit records (revoke)' },
  everywhere: { type: 'boolean', help: 'every managed resource of every client (revoke)' },
  resource: { type: 'string', value: 'KIND:REF', help: 'one resource only, e.g. github-repo:acme-agency/apex-web (revoke)' },
  pr: { type: 'boolean', help: 'open a pull request with the change to the files (revoke)' },
  state: { type: 'string', value: 'FILE', help: 'start the sandbox from this state file, JSON or YAML (sandbox)' },
  from: { type: 'string', value: 'DIR', help: 'seed the sandbox from this access repository, with some drift (sandbox)' },
  'port-base': { type: 'string', value: 'N', help: "the sandbox's emulators listen on N to N+9 (default: free ports)" },
  'write-env': { type: 'string', value: 'FILE', help: "write the sandbox's environment here once it listens (sandbox)" },
  env: { type: 'boolean', help: "print only the sandbox's export lines (sandbox)" },
  'write-state': { type: 'string', value: 'FILE', help: 'write the state the sandbox would start from, then stop (sandbox)' },
  version: { type: 'boolean', short: 'V', help: 'the installed version of Latch' },
  help: { type: 'boolean', short: 'h', help: 'this text; "latch help COMMAND" or "latch COMMAND --help" for one command' },
} as const satisfies Record<string, OptionSpec>;

export type OptionName = keyof typeof OPTIONS;

/** Options every command takes: where the repository is, how it logs, help, the version. */
export const COMMON_OPTIONS: readonly OptionName[] = ['dir', 'log-format', 'verbose', 'help', 'version'];

/**
 * Options a command that does not list them accepts and ignores, because ignoring them
 * changes nothing a user relies on: how many calls run at once and where answers are cached
 * tune reads, and each command answers `--format` itself (a format it cannot write is refused there).
 */
export const TOLERATED_OPTIONS: readonly OptionName[] = ['format', 'concurrency', 'cache-dir'];

export function isOptionName(name: string): name is OptionName {
  return Object.hasOwn(OPTIONS, name);
}

/** `--out FILE`, `--yes`, `--help, -h`. */
export function optionSynopsis(name: OptionName): string {
  const spec: OptionSpec = OPTIONS[name];
  const long = spec.value ? `--${name} ${spec.value}` : `--${name}`;
  return spec.short ? `${long}, -${spec.short}` : long;
}

const HELP_WIDTH = 100;

/** Words of `text` in lines at most `width` long (a longer word keeps its own line). */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines;
}

/** The options' help, one aligned entry each, wrapped for an 100-column terminal. */
export function describeOptions(names: readonly OptionName[]): string {
  const width = Math.max(...names.map((name) => optionSynopsis(name).length)) + 2;
  return names
    .map((name) => {
      const [first = '', ...rest] = wrap(OPTIONS[name].help, HELP_WIDTH - width - 2);
      return [`  ${optionSynopsis(name).padEnd(width)}${first}`, ...rest.map((line) => `  ${' '.repeat(width)}${line}`)].join('\n');
    })
    .join('\n');
}
