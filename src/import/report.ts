import type { ImportedClient, ImportReport } from './build.js';

function section(title: string, items: readonly string[]): string[] {
  if (items.length === 0) return [];
  return ['', `## ${title} (${items.length})`, '', ...items.map((item) => `- ${item}`)];
}

/** Pure. What the import wrote and what it could not map, as Markdown (also readable as text). */
export function renderImportReport(clients: readonly ImportedClient[], report: ImportReport, meta: { source: string; today: string; out: string }): string {
  const written = clients.map((client) => {
    const people = client.people.filter((person) => person.email !== undefined).length;
    const commented = client.people.length - people;
    const resources = client.resources.length;
    return `- clients/${client.client}.yaml: ${resources} resource${resources === 1 ? '' : 's'}, ${people} ${people === 1 ? 'person' : 'people'}${commented > 0 ? `, ${commented} commented out (no e-mail)` : ''}`;
  });
  return `${[
    `# Import from ${meta.source}, ${meta.today}`,
    '',
    `Wrote ${clients.length} client file${clients.length === 1 ? '' : 's'} to ${meta.out}/clients (policies copied alongside, so \`latch validate --dir ${meta.out}\` checks them):`,
    '',
    ...(written.length > 0 ? written : ['- none']),
    ...section('Not mapped to a client', report.unmapped),
    ...section('Left out or commented out', report.leftOut),
    ...section('People of another client', report.crossClient),
    ...section('Adjusted to the guardrails', report.adjusted),
    ...section('Already declared in clients/ (skipped)', report.alreadyDeclared),
    ...section('Could not be read (skipped)', report.unread),
  ].join('\n')}\n`;
}
