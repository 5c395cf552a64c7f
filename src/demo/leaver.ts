import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PEOPLE_FILE } from '../load/people.js';

const MARIA = 'maria: { email: maria@acme-agency.com, github: maria-acme }';

/** The day before `today` (YYYY-MM-DD). */
function dayBefore(today: string): string {
  return new Date(Date.parse(`${today}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

/** Maria leaves the agency: her last day, yesterday, is written once in people.yaml of the demo's copy. */
export async function mariaLeaves(dir: string, today: string): Promise<string> {
  const file = join(dir, PEOPLE_FILE);
  const text = await readFile(file, 'utf8');
  const until = dayBefore(today);
  await writeFile(file, text.replace(MARIA, `maria: { email: maria@acme-agency.com, github: maria-acme, until: ${until} }`));
  return `Maria leaves the agency: one line in ${PEOPLE_FILE} gives her last day, ${until}; no client file changes.`;
}
