import type { AccessRequest } from '../model/plan.js';
import { plural } from '../text.js';
import { code, escapeMarkdown } from './markdown-text.js';
import { greetingNames, sentence, unreadLabel, type RequestMessage } from './request.js';

function counts(message: RequestMessage): string {
  const parts = [`**${message.todo.length}** to do`, `${message.waiting.length} waiting for acceptance`, `${message.verified.length} verified`];
  if (message.unverified.length > 0) parts.push(`${plural(message.unverified.length, 'account')} not checked`);
  return parts.join(' · ');
}

function todoItem(request: AccessRequest): string[] {
  const steps = request.steps.map((step, index) => `  ${index + 1}. ${escapeMarkdown(step)}`);
  return [`- [ ] ${escapeMarkdown(sentence(request))}`, `  <br>Why: ${escapeMarkdown(request.reason)}`, '', ...steps, ''];
}

function section(title: string, items: readonly string[]): string[] {
  if (items.length === 0) return [];
  const body = items.at(-1) === '' ? items.slice(0, -1) : items;
  return [`### ${title}`, '', ...body, ''];
}

/**
 * The request as markdown for a pull request or an issue: counts, a task list of changes
 * with the platform's steps, then what is waiting, verified, or could not be checked (with
 * the error, for the agency reading it).
 */
export function renderRequestMarkdown(message: RequestMessage): string {
  const to = message.to.map((person) => `${escapeMarkdown(person.key)} (${code(person.email)})`).join(', ');
  const lines = [
    `## Access request: ${escapeMarkdown(message.name)}`,
    '',
    `For ${to || escapeMarkdown(greetingNames(message))}, from ${code(message.file)}, checked on ${message.date}: ${counts(message)}.`,
    '',
    ...section('To do (only the account owner can)', message.todo.flatMap(todoItem)),
    ...section(
      'Waiting for acceptance',
      message.waiting.map((request) => `- ${escapeMarkdown(sentence(request))}`),
    ),
    ...section(
      'Verified',
      message.verified.map((request) => `- [x] ${escapeMarkdown(sentence(request))}`),
    ),
    ...section(
      'Not checked: no claim is made about these',
      message.unverified.map((entry) => `- ${escapeMarkdown(unreadLabel(entry))}: ${escapeMarkdown(entry.error)}`),
    ),
    '<sub>Latch reads these accounts on every plan and drift run and updates this list; it never changes them itself.</sub>',
  ];
  return `${lines.join('\n')}\n`;
}
