import { describeReview } from '../load/review-due.js';
import type { ChecklistLine, ReviewChecklist } from '../review/checklist.js';
import { code, escapeMarkdown } from './markdown-text.js';

function accessText(line: ChecklistLine): string {
  const { access } = line;
  if (!access) return `_${escapeMarkdown(line.why)}_`;
  const parts = [`${access.kind} ${code(access.ref)} (${escapeMarkdown(access.key)})`, `**${access.level}**`];
  if (access.until) parts.push(`until ${access.until}`);
  if (access.mode === 'verify') parts.push('granted by the client (verify)');
  parts.push(escapeMarkdown(line.why));
  return parts.join(' · ');
}

function section(title: string, lines: readonly ChecklistLine[]): string[] {
  if (lines.length === 0) return [];
  const out = [`## ${title}`, ''];
  let previous = '';
  for (const line of lines) {
    if (line.person !== previous) {
      if (previous) out.push('');
      out.push(`**${escapeMarkdown(line.person)}** ${code(line.email)}`, '');
      previous = line.person;
    }
    out.push(`- [ ] ${accessText(line)}`);
  }
  out.push('');
  return out;
}

/**
 * Pure. The review checklist of one client as Markdown: a task list with one box per person
 * and resource, client-side people first, each line saying the level and why it is there.
 */
export function renderChecklistMarkdown(checklist: ReviewChecklist): string {
  const { due } = checklist;
  const status = due.overdue ? `**overdue**: ${describeReview(due)}` : describeReview(due);
  const client = checklist.lines.filter((line) => line.side === 'client');
  const agency = checklist.lines.filter((line) => line.side === 'agency');
  const people = new Set(checklist.lines.map((line) => line.person)).size;
  const grants = checklist.lines.filter((line) => line.access).length;
  return [
    `# Access review: ${escapeMarkdown(checklist.name)} (${checklist.client})`,
    '',
    `File ${code(checklist.file)} · prepared ${checklist.today} · ${people} people, ${grants} grants · ${status}`,
    '',
    'Tick every line that is still needed. For a line that is not, remove the person, the role or the grant from the file in a pull request.',
    `When every line is ticked, record the review: ${code(`latch review --client ${checklist.client} --attest --by <you>`)}`,
    '',
    ...section('Client side', client),
    ...section('Agency side', agency),
  ]
    .join('\n')
    .replace(/\n+$/, '\n');
}

/** Pure. Every checklist as JSON, for tools that track reviews elsewhere. */
export function renderChecklistsJson(checklists: readonly ReviewChecklist[]): string {
  return `${JSON.stringify({ reviews: checklists }, null, 2)}\n`;
}
