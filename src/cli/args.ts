import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { UsageError } from '../errors.js';

export type OutputFormat = 'text' | 'markdown' | 'json' | 'csv' | 'html';

export interface CliOptions {
  command: string;
  /** Positional arguments after the command name (`latch who dana@apexoutdoor.com`). */
  args: string[];
  dir: string;
  format: OutputFormat;
  client?: string;
  base?: string;
  /** `plan`: read everything (`all`) or only what the change since --base can affect (`changed`). */
  scope: 'all' | 'changed';
  out?: string;
  plan?: string;
  yes: boolean;
  allowMassRevoke: boolean;
  logFormat: 'pretty' | 'json';
  verbose: boolean;
  concurrency?: number;
  /** Where answers are kept between runs for conditional reads; `LATCH_CACHE_DIR` when absent. */
  cacheDir?: string;
  /** `access`: add the declarations behind every cell. */
  why: boolean;
  /** `who`: also read the platforms and compare. */
  live: boolean;
  /** `register`: the apply job's audit records (JSON Lines), for when changes were carried out. */
  auditLog?: string;
  /** `review`: record the review in the client file instead of printing the checklist. */
  attest: boolean;
  /** `review --attest`: the agency person who reviewed (key or e-mail). */
  by?: string;
  /** `validate`: the GitHub login or e-mail of the change's author, checked against delegation rules with --base. */
  author?: string;
  /** `codeowners`: the agency's team (`@org/team`) that owns everything; default the owners' logins. */
  agencyTeam?: string;
  /** `import`: the platform to read. */
  platform?: string;
  /** `import`: how resources are grouped into clients. */
  groupBy: 'prefix';
  /** `revoke`: why the access goes now, kept in the audit records. */
  reason?: string;
  /** `revoke`: every managed resource of every client. */
  everywhere: boolean;
  /** `revoke`: one resource, `KIND:REF`. */
  resource?: string;
  /** `revoke`: open a pull request with the change to the files. */
  pr: boolean;
  /** `sandbox`: the state file to start from. */
  state?: string;
  /** `sandbox`: the access repository to seed the platforms from. */
  from?: string;
  /** `sandbox`: first of the fixed ports; default free ports. */
  portBase?: number;
  /** `sandbox`: where to write the environment once the emulators listen. */
  writeEnv?: string;
  /** `sandbox`: print only the `export` lines. */
  env: boolean;
  /** `sandbox`: write the starting state here and stop. */
  writeState?: string;
}

export const OPTIONS_HELP = `Options:
  --dir PATH               repository with clients/ and policies/ (default: current directory)
  --format FORMAT          text, markdown, json (plan, drift) or csv where a command says (default: text);
                           report: html (default) or json
  --client SLUG            plan or apply one client only; register: its rows only;
                           review: its checklist
  --base REF               git ref the change is made against: client files deleted since
                           then are offboarded (every grant on their resources revoked)
  --scope all|changed      plan: read every client (all, the default), or only what the files
                           changed since --base can affect (changed); drift always reads all
  --out FILE               also write the plan as JSON (plan, drift); the file to write (codeowners, report);
                           a directory, one file per client (review, import: default ./imported)
  --plan FILE              apply exactly this reviewed plan (apply)
  --yes                    apply without asking (required when not on a terminal)
  --allow-mass-revoke      apply beyond the massRevoke bound of policies/guardrails.yaml
  --concurrency N          list and apply calls at once per platform (default 8)
  --cache-dir DIR          keep platform answers here and revalidate them next run (commands that
                           read the platforms; default $LATCH_CACHE_DIR, unset: no cache)
  --log-format pretty|json log lines on stderr (default: pretty)
  --verbose                log every call and change
  --why                    the declaration behind every cell (access)
  --live                   also read the platforms and mark differences (who)
  --audit-log FILE         apply records (JSON Lines) for when and by whom changes were carried out (register);
                           failed applies (status); emergency revocations and offboardings (plan, drift,
                           status); where revoke also writes its records
  --attest                 record a finished review in the client file (review, with --client and --by)
  --by PERSON              the agency person who reviewed: key or e-mail (review --attest);
                           who revokes (revoke; default GITHUB_ACTOR, else the git user)
  --author LOGIN           author of the change (GitHub login or e-mail); with --base, a client's
                           delegate may only change their own file within mayAssign (validate)
  --agency-team @ORG/TEAM  the team that owns policies/ and every client file (codeowners)
  --platform ID            the platform to read today's access from (import)
  --group-by prefix        group resources into clients by the name before the first "-" (import)
  --reason TEXT            why the access goes now, kept in the audit records (revoke)
  --everywhere             every managed resource of every client (revoke)
  --resource KIND:REF      one resource only, e.g. github-repo:acme-agency/apex-web (revoke)
  --pr                     open a pull request with the change to the files (revoke)
  --state FILE             start the sandbox from this state file, JSON or YAML (sandbox)
  --from DIR               seed the sandbox from this access repository, with some drift (sandbox)
  --port-base N            the sandbox's emulators listen on N to N+9 (default: free ports)
  --write-env FILE         write the sandbox's environment here once it listens (sandbox)
  --env                    print only the sandbox's export lines (sandbox)
  --write-state FILE       write the state the sandbox would start from, then stop (sandbox)
  --help                   this text
`;

function oneOf<T extends string>(name: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`--${name} must be one of ${allowed.join(', ')}, not "${value}"`);
}

/** Parses the command line; returns undefined when help was asked for. */
export function parseCli(argv: readonly string[], cwd: string, commands: readonly string[]): CliOptions | undefined {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        dir: { type: 'string' },
        format: { type: 'string' },
        client: { type: 'string' },
        base: { type: 'string' },
        scope: { type: 'string' },
        out: { type: 'string' },
        plan: { type: 'string' },
        yes: { type: 'boolean', default: false },
        'allow-mass-revoke': { type: 'boolean', default: false },
        concurrency: { type: 'string' },
        'cache-dir': { type: 'string' },
        'log-format': { type: 'string' },
        verbose: { type: 'boolean', default: false },
        why: { type: 'boolean', default: false },
        live: { type: 'boolean', default: false },
        'audit-log': { type: 'string' },
        attest: { type: 'boolean', default: false },
        by: { type: 'string' },
        author: { type: 'string' },
        'agency-team': { type: 'string' },
        platform: { type: 'string' },
        'group-by': { type: 'string' },
        reason: { type: 'string' },
        everywhere: { type: 'boolean', default: false },
        resource: { type: 'string' },
        pr: { type: 'boolean', default: false },
        state: { type: 'string' },
        from: { type: 'string' },
        'port-base': { type: 'string' },
        'write-env': { type: 'string' },
        env: { type: 'boolean', default: false },
        'write-state': { type: 'string' },
        help: { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (values.help) return undefined;
  if (positionals.length === 0) throw new UsageError(`no command given; commands: ${commands.join(', ')}`);
  const [name, ...rest] = positionals as [string, ...string[]];
  if (!commands.includes(name)) throw new UsageError(`unknown command "${name}"; commands: ${commands.join(', ')}`);
  let concurrency: number | undefined;
  if (values.concurrency !== undefined) {
    concurrency = Number(values.concurrency);
    if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) {
      throw new UsageError('--concurrency must be a whole number from 1 to 64');
    }
  }
  let portBase: number | undefined;
  if (values['port-base'] !== undefined) {
    portBase = Number(values['port-base']);
    if (!Number.isInteger(portBase) || portBase < 1024 || portBase > 65_526) throw new UsageError('--port-base must be a whole number from 1024 to 65526');
  }
  const path = (value: string | undefined) => (value === undefined ? undefined : resolve(cwd, value));
  return {
    command: name,
    args: rest,
    dir: resolve(cwd, values.dir ?? '.'),
    format: oneOf('format', values.format, ['text', 'markdown', 'json', 'csv', 'html'], 'text'),
    client: values.client,
    base: values.base,
    scope: oneOf('scope', values.scope, ['all', 'changed'], 'all'),
    out: values.out === undefined ? undefined : resolve(cwd, values.out),
    plan: values.plan === undefined ? undefined : resolve(cwd, values.plan),
    yes: values.yes ?? false,
    allowMassRevoke: values['allow-mass-revoke'] ?? false,
    logFormat: oneOf('log-format', values['log-format'], ['pretty', 'json'], 'pretty'),
    verbose: values.verbose ?? false,
    concurrency,
    cacheDir: values['cache-dir'] === undefined ? undefined : resolve(cwd, values['cache-dir']),
    why: values.why ?? false,
    live: values.live ?? false,
    auditLog: values['audit-log'] === undefined ? undefined : resolve(cwd, values['audit-log']),
    attest: values.attest ?? false,
    by: values.by,
    author: values.author,
    agencyTeam: values['agency-team'],
    platform: values.platform,
    groupBy: oneOf('group-by', values['group-by'], ['prefix'], 'prefix'),
    reason: values.reason,
    everywhere: values.everywhere ?? false,
    resource: values.resource,
    pr: values.pr ?? false,
    state: path(values.state),
    from: path(values.from),
    portBase,
    writeEnv: path(values['write-env']),
    env: values.env ?? false,
    writeState: path(values['write-state']),
  };
}
