import { UsageError } from '../errors.js';
import type { Repository } from '../load/types.js';

/** CODEOWNERS text and what a person should know about it. */
export interface Codeowners {
  /** The CODEOWNERS file. */
  text: string;
  /** Delegates who cannot be listed (no GitHub login), one sentence each. */
  notes: string[];
}

export interface CodeownersOptions {
  /** `@org/team` owning everything; default the GitHub logins of every client's owners. */
  agencyTeam?: string;
  /** Path of the config directory inside the git repository (`git rev-parse --show-prefix`), '' at the root. */
  prefix?: string;
  /** Roles delegates may give, for the comment that explains the rule. */
  mayAssign?: readonly string[];
}

const TEAM = /^@[A-Za-z0-9][A-Za-z0-9-]*\/[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** The agency's owners: the team, or every client owner's GitHub login, sorted and once each. */
export function agencyOwners(repository: Pick<Repository, 'clients'>, agencyTeam?: string): string[] {
  if (agencyTeam !== undefined) {
    if (!TEAM.test(agencyTeam)) throw new UsageError(`--agency-team must look like @org/team-slug, not "${agencyTeam}"`);
    return [agencyTeam];
  }
  const logins = new Set<string>();
  for (const { data } of repository.clients) {
    for (const owner of data.owners) {
      const login = data.people[owner]?.github;
      if (login) logins.add(`@${login.toLowerCase()}`);
    }
  }
  if (logins.size === 0) throw new UsageError('no owner of any client has a GitHub login; pass --agency-team @org/team');
  return [...logins].sort();
}

function loginsOf(data: Repository['clients'][number]['data'], keys: readonly string[]): string[] {
  return keys.flatMap((key) => {
    const login = data.people[key]?.github;
    return login ? [`@${login.toLowerCase()}`] : [];
  });
}

function aligned(rows: readonly [string, string][]): string[] {
  const width = Math.max(...rows.map(([path]) => path.length));
  return rows.map(([path, owners]) => `${path.padEnd(width)}  ${owners}`);
}

/**
 * Pure. CODEOWNERS for the repository: the agency owns everything (GitHub lets the last
 * matching line win, so the catch-all comes first), and each client file is owned by the
 * agency's team (when given), the client's owners and its delegates, by GitHub login.
 */
export function buildCodeowners(repository: Pick<Repository, 'clients'>, options: CodeownersOptions = {}): Codeowners {
  const agency = agencyOwners(repository, options.agencyTeam).join(' ');
  const root = `/${options.prefix ?? ''}`;
  const notes: string[] = [];
  const clientRows: [string, string][] = [];
  for (const loaded of repository.clients) {
    const { data } = loaded;
    const owners = loginsOf(data, data.owners);
    // Without a team, a client whose owners have no login is owned by the whole agency: never by its delegates alone.
    const agencySide = options.agencyTeam ? [agency, ...owners] : owners.length > 0 ? owners : [agency];
    const delegates = loginsOf(data, data.delegates);
    for (const delegate of data.delegates) {
      if (data.people[delegate]?.github) continue;
      notes.push(`${delegate}, a delegate of ${data.client}, has no GitHub login in ${loaded.file}, so cannot be a code owner of it.`);
    }
    clientRows.push([`${root}${loaded.file}`, [...new Set([...agencySide, ...delegates])].join(' ')]);
  }
  const allowed = options.mayAssign && options.mayAssign.length > 0 ? options.mayAssign.join(', ') : 'none';
  const lines = [
    '# Written by `latch codeowners` from clients/*.yaml: change the client files, then run it again.',
    '# The agency owns everything, the policies and schemas included.',
    ...aligned([
      ['*', agency],
      [`${root}policies/`, agency],
      [`${root}schemas/`, agency],
      ['/.github/', agency],
    ]),
    '',
    `# Each client file: ${options.agencyTeam ? 'the agency, ' : ''}the client's owners and its delegates, who may assign these roles only: ${allowed}.`,
    ...(clientRows.length > 0 ? aligned(clientRows) : []),
    ...notes.map((note) => `# ${note}`),
  ];
  return { text: `${lines.join('\n')}\n`, notes };
}
