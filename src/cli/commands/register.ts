import { UsageError } from '../../errors.js';
import { buildRegister } from '../../history/register.js';
import { today } from '../../clock.js';
import { renderRegisterCsv, renderRegisterJson } from '../../report/register.js';
import type { CliOptions } from '../args.js';
import type { Io } from '../io.js';
import { writeJson } from '../json.js';

/** Warnings shown on stderr before the rest is counted: enough to act on, not a flood. */
const SHOWN_WARNINGS = 20;

/** `latch register`: every grant, current and ended, with who granted and revoked it, from git history. */
export async function registerCommand(options: CliOptions, io: Io): Promise<number> {
  if (options.format === 'markdown') throw new UsageError('register writes csv (the default) or json');
  const built = await buildRegister(options.dir, { today: today(io.env), auditLog: options.auditLog });
  const register = options.client ? { ...built, rows: built.rows.filter((row) => row.client === options.client) } : built;
  if (options.format === 'json') writeJson(io, renderRegisterJson(register));
  else io.stdout.write(renderRegisterCsv(register));
  for (const warning of register.warnings.slice(0, SHOWN_WARNINGS)) {
    const where = warning.commit ? `${warning.file} at ${warning.commit.slice(0, 7)}` : warning.file;
    io.stderr.write(`latch: warning: ${where}: ${warning.message}\n`);
  }
  const more = register.warnings.length - SHOWN_WARNINGS;
  if (more > 0) io.stderr.write(`latch: warning: ${more} more like these (see --format json)\n`);
  return 0;
}
