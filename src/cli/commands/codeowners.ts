import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { today } from '../../clock.js';
import { buildCodeowners } from '../../delegation/codeowners.js';
import { git } from '../../git.js';
import { loadRepository } from '../../load/load.js';
import type { CliOptions } from '../args.js';
import type { Io } from '../io.js';
import { refuseJson } from '../json.js';

/** Where the config directory sits inside its git repository; '' at the root or outside git. */
async function prefixOf(dir: string): Promise<string> {
  try {
    return (await git(dir, ['rev-parse', '--show-prefix'])).trim();
  } catch {
    return '';
  }
}

async function current(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** `latch codeowners [--out .github/CODEOWNERS] [--agency-team @org/team]`: CODEOWNERS from the client files. */
export async function codeownersCommand(options: CliOptions, io: Io): Promise<number> {
  refuseJson(options, 'it writes the CODEOWNERS file GitHub reads, to stdout or --out FILE');
  const { repository } = await loadRepository(options.dir, { today: today(io.env) });
  const { text, notes } = buildCodeowners(repository, {
    agencyTeam: options.agencyTeam,
    prefix: await prefixOf(options.dir),
    mayAssign: repository.guardrails.delegates.mayAssign,
  });
  for (const note of notes) io.stderr.write(`latch: ${note}\n`);
  if (!options.out) {
    io.stdout.write(text);
    return 0;
  }
  if ((await current(options.out)) === text) {
    io.stdout.write(`${options.out} is up to date.\n`);
    return 0;
  }
  await mkdir(dirname(options.out), { recursive: true });
  await writeFile(options.out, text);
  io.stdout.write(`Wrote ${options.out}: ${repository.clients.length} client files; commit it so GitHub asks their owners for review.\n`);
  return 0;
}
