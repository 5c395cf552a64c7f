import { existsSync } from 'node:fs';
import { copyFile, mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { today } from '../../clock.js';
import { agencyOwners, buildCodeowners } from '../../delegation/codeowners.js';
import { RefusalError, UsageError } from '../../errors.js';
import { loadRepository } from '../../load/load.js';
import { packageRoot } from '../../package-root.js';
import type { CliOptions } from '../args.js';
import type { Io } from '../io.js';
import { refuseJson } from '../json.js';

/** Files of a new repository, each from where the installed package keeps it. */
interface Source {
  /** Path in the new repository. */
  to: string;
  /** Absolute path in the installed package. */
  from: string;
}

const TEMPLATES = ['policies/guardrails.yaml', 'policies/platforms.yaml', 'policies/people.yaml', 'clients/sample.yaml', 'README.md'];

/**
 * The role catalogue is the example repository's own, least privilege and tested with it; the
 * workflows and the Action are the ones this version ships, so the new repository runs them
 * exactly as documented (plan.yml runs the Action of the base branch's dist/).
 */
const FROM_PACKAGE = ['policies/roles.yaml', '.github/workflows/plan.yml', '.github/workflows/apply.yml', '.github/workflows/drift.yml', 'action.yml', 'dist/index.js'];

const CODEOWNERS = '.github/CODEOWNERS';

async function sources(): Promise<Source[]> {
  const root = packageRoot();
  const schemas = (await readdir(join(root, 'schemas'))).filter((name) => name.endsWith('.schema.json')).sort();
  return [
    ...TEMPLATES.map((to) => ({ to, from: join(root, 'templates', 'init', to) })),
    ...FROM_PACKAGE.map((to) => ({ to, from: join(root, to) })),
    ...schemas.map((name) => ({ to: `schemas/${name}`, from: join(root, 'schemas', name) })),
  ];
}

async function targetOf(options: CliOptions, io: Io): Promise<string> {
  const dir = options.args[0] === undefined ? options.dir : resolve(io.cwd, options.args[0]);
  const found = await stat(dir).catch(() => undefined);
  if (found && !found.isDirectory()) throw new UsageError(`${dir} is a file, not a directory: latch init [DIR] makes a new access repository in DIR`);
  const taken = ['clients', 'policies'].filter((name) => existsSync(join(dir, name)));
  if (taken.length > 0) {
    throw new RefusalError(
      `${dir} already has ${taken.map((name) => `${name}/`).join(' and ')}: latch init writes a new access repository and never overwrites one`,
      `Check the existing one with "latch validate --dir ${dir}", or run latch init in a new directory.`,
    );
  }
  return dir;
}

function shown(io: Io, path: string): string {
  const inside = relative(io.cwd, path);
  return inside === '' ? '.' : inside.startsWith('..') || isAbsolute(inside) ? path : inside;
}

function nextSteps(at: string): string {
  const cd = at === '.' ? '' : `cd ${at} && `;
  return [
    'Next:',
    `  1. Replace every change-me above, then: ${cd}latch validate`,
    `  2. Bring in your clients from today's access: ${cd}latch import --platform github`,
    '     Check imported/clients/*.yaml, move them to clients/ and delete clients/sample.yaml.',
    '     Then write CODEOWNERS again from the client files: latch codeowners --out .github/CODEOWNERS',
    '  3. Push to a private GitHub repository and add the secrets of two GitHub Apps (README of',
    '     Latch: "Running Latch in your agency\'s repository"):',
    '       repository:                    LATCH_READ_APP_ID, LATCH_READ_APP_PRIVATE_KEY, LATCH_READ_CACHE_KEY',
    '       environment latch-apply (main): LATCH_WRITE_APP_ID, LATCH_WRITE_APP_PRIVATE_KEY, LATCH_WRITE_CACHE_KEY',
    '  4. Protect main: pull requests, review from code owners, the "Plan access changes" check.',
    '',
  ].join('\n');
}

/**
 * `latch init [DIR]`: a new access repository that validates at once. Files already in DIR
 * are kept; a DIR with clients/ or policies/ is refused, since it is an access repository already.
 */
export async function initCommand(options: CliOptions, io: Io): Promise<number> {
  refuseJson(options, 'it writes a new access repository and tells a person what to fill in; run latch validate --format json on it');
  // A malformed team is refused before anything is written.
  if (options.agencyTeam !== undefined) agencyOwners({ clients: [] }, options.agencyTeam);
  const dir = await targetOf(options, io);
  const written: string[] = [];
  const kept: string[] = [];
  for (const { to, from } of await sources()) {
    const path = join(dir, to);
    if (existsSync(path)) {
      kept.push(to);
      continue;
    }
    await mkdir(dirname(path), { recursive: true });
    await copyFile(from, path);
    written.push(to);
  }
  const { repository, warnings } = await loadRepository(dir, { today: today(io.env) });
  if (existsSync(join(dir, CODEOWNERS))) {
    kept.push(CODEOWNERS);
  } else {
    const { text } = buildCodeowners(repository, { agencyTeam: options.agencyTeam, prefix: '', mayAssign: repository.guardrails.delegates.mayAssign });
    await writeFile(join(dir, CODEOWNERS), text);
    written.push(CODEOWNERS);
  }
  const at = shown(io, dir);
  const lines = [`Created an access repository in ${at}: ${written.length} files (${written.filter((file) => !file.startsWith('schemas/')).join(', ')}, schemas/).`];
  if (kept.length > 0) lines.push(`Kept what was there: ${kept.join(', ')}.`);
  const placeholders = warnings.filter((issue) => issue.rule === 'placeholder');
  lines.push('', `To fill in (${placeholders.length}, latch validate lists them until none is left):`);
  for (const issue of placeholders) lines.push(`  ${issue.file}:${issue.line}  ${issue.message}`);
  io.stdout.write(`${lines.join('\n')}\n\n${nextSteps(at)}`);
  return 0;
}
